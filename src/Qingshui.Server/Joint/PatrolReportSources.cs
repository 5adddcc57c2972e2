using System.Globalization;
using Qingshui.Domain.Joint;
using Qingshui.Reporting.Joint;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>The patrols of the year in the joint work report: day, reach, sides, participants, route, findings and how many are overdue.</summary>
internal sealed class PatrolReportSource(IPatrolStore store, ServerOptions options, TimeProvider clock) : IJointReportSource
{
    public async Task<JointReportSection> SectionAsync(string basinId, int year, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        var rows = new List<IReadOnlyList<string>>();
        if (basinId == options.Basin.Id)
        {
            foreach (Patrol p in await PatrolReport.AllAsync((q, ct) => store.ListPatrolsAsync(q, ct), PatrolReport.Year(year), p => p.Id, cancellationToken))
            {
                IReadOnlyList<Finding> findings = await store.ListFindingsAsync(new FindingQuery(new JointQuery(JointQuery.MaxLimit), p.Id), cancellationToken);
                rows.Add([PatrolViews.Day(p.Date), p.Reach, string.Join(", ", p.Sides), string.Join("; ", p.Participants.Select(x => $"{x.Name} ({x.Side})")),
                    PatrolReport.Number(p.RoutePoints), PatrolReport.Number(findings.Count), PatrolReport.Number(findings.Count(f => f.IsOverdue(now)))]);
            }
        }

        return new JointReportSection("patrols", "联合巡河", "Joint patrols",
            ["日期", "河段", "参与方", "巡河人员", "轨迹点数", "发现问题", "逾期未办结"],
            ["Date", "Reach", "Sides", "Participants", "Route points", "Findings", "Overdue"], rows);
    }
}

/// <summary>The findings recorded in the year: what, owner, deadline, state (overdue when past the deadline and open), closing.</summary>
internal sealed class FindingReportSource(IPatrolStore store, ServerOptions options, TimeProvider clock) : IJointReportSource
{
    public async Task<JointReportSection> SectionAsync(string basinId, int year, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        var rows = new List<IReadOnlyList<string>>();
        if (basinId == options.Basin.Id)
        {
            foreach (Finding f in await PatrolReport.AllAsync((q, ct) => store.ListFindingsAsync(new FindingQuery(q), ct), PatrolReport.Year(year), f => f.Id, cancellationToken))
            {
                string state = f.Closing is not null ? "closed" : f.IsOverdue(now) ? "overdue" : "open";
                rows.Add([PatrolReport.Number(f.Id), PatrolReport.Number(f.Patrol), f.Text, f.Owner, f.Deadline is DateOnly d ? PatrolViews.Day(d) : "",
                    state, f.Closing is FindingClosing c ? $"{c.By.Name} ({c.By.Organisation}) {c.At:yyyy-MM-dd}: {c.How}" : ""]);
            }
        }

        return new JointReportSection("findings", "巡河发现问题", "Patrol findings",
            ["编号", "巡河", "问题", "责任单位", "期限", "状态", "办结"],
            ["No.", "Patrol", "Finding", "Owner", "Deadline", "State", "Closed"], rows);
    }
}

/// <summary>The enforcement cases opened in the year: what, where, found by, jurisdiction, referrals, status, outcome.</summary>
internal sealed class CaseReportSource(IPatrolStore store, ServerOptions options) : IJointReportSource
{
    public async Task<JointReportSection> SectionAsync(string basinId, int year, CancellationToken cancellationToken)
    {
        var rows = new List<IReadOnlyList<string>>();
        if (basinId == options.Basin.Id)
        {
            foreach (EnforcementCase c in await PatrolReport.AllAsync((q, ct) => store.ListCasesAsync(new CaseQuery(q), ct), PatrolReport.Year(year), c => c.Id, cancellationToken))
            {
                rows.Add([PatrolReport.Number(c.Id), c.What, c.Where, c.FoundBy, c.Jurisdiction,
                    string.Join("; ", c.Referrals.Select(r => $"{r.From}→{r.To}: {PatrolWords.Word(r.Answer)}")), PatrolWords.Word(c.Status), c.Outcome ?? ""]);
            }
        }

        return new JointReportSection("cases", "跨界执法案件", "Enforcement cases",
            ["编号", "案由", "地点", "发现方", "管辖方", "移交", "状态", "结果"],
            ["No.", "What", "Where", "Found by", "Jurisdiction", "Referrals", "Status", "Outcome"], rows);
    }
}

/// <summary>What the three report sources share: a year's range and reading every page, oldest first.</summary>
internal static class PatrolReport
{
    public static JointQuery Year(int year) => new(JointQuery.MaxLimit, From: new DateOnly(year, 1, 1), To: new DateOnly(year + 1, 1, 1));

    public static async Task<IReadOnlyList<T>> AllAsync<T>(
        Func<JointQuery, CancellationToken, Task<IReadOnlyList<T>>> page, JointQuery query, Func<T, long> id, CancellationToken cancellationToken)
    {
        var all = new List<T>();
        while (true)
        {
            IReadOnlyList<T> next = await page(query, cancellationToken);
            all.AddRange(next);
            if (next.Count < query.Limit)
            {
                all.Reverse();
                return all;
            }

            query = query with { Before = id(next[^1]) };
        }
    }

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
