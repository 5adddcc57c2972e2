using Qingshui.Domain.Joint;
using Qingshui.Reporting.Joint;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>The report's decisions: those of the year's meetings, with owner, deadline, state now (overdue marked) and follow-up.</summary>
internal sealed class DecisionsReportSource(IMeetingStore store, TimeProvider clock) : IJointReportSource
{
    public async Task<JointReportSection> SectionAsync(string basinId, int year, CancellationToken cancellationToken)
    {
        DateOnly today = JointOrganisations.Today(clock);
        var rows = new List<IReadOnlyList<string>>();
        foreach (Meeting meeting in await store.ListMeetingsAsync(basinId, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), cancellationToken))
        {
            foreach (MeetingDecision d in await store.ListDecisionsAsync(new DecisionQuery(DecisionQuery.MaxLimit, Meeting: meeting.Id), cancellationToken))
            {
                rows.Add([JointProblems.DateText(meeting.Date), meeting.Title, d.Text, d.Owner, d.OwnerPerson, JointProblems.DateText(d.Deadline),
                    DecisionWords.Word(d.State) + (d.IsOverdue(today) ? " (overdue 逾期)" : ""), d.FollowUp]);
            }

            foreach (LedgerDecisionLink l in await store.LedgerDecisionsAsync(meeting.Id, cancellationToken))
            {
                rows.Add([JointProblems.DateText(meeting.Date), meeting.Title, $"{l.Agreement} {l.Period}: {l.Outcome} — {l.Reason}", l.Organisation, l.DecidedBy,
                    "", "recorded in the ledger 已记入结算台账", ""]);
            }
        }

        return new JointReportSection("decisions", "会议决定事项", "Meeting decisions",
            ["会议日期", "会议", "决定事项", "责任单位", "责任人", "办结期限", "状态", "办理情况"],
            ["Meeting date", "Meeting", "Decision", "Owner", "Person", "Deadline", "State", "Follow-up"], rows);
    }
}
