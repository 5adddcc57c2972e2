using System.Globalization;
using Qingshui.Domain.Joint;
using Qingshui.Reporting.Joint;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>The report's meetings: date, place, convenor, title, attendees per side, decisions taken.</summary>
internal sealed class MeetingsReportSource(IMeetingStore store) : IJointReportSource
{
    public async Task<JointReportSection> SectionAsync(string basinId, int year, CancellationToken cancellationToken)
    {
        MeetingSummaryDto[] meetings = await MeetingsApi.SummariesAsync(store, basinId, year, cancellationToken);
        IReadOnlyList<Meeting> full = await store.ListMeetingsAsync(basinId, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), cancellationToken);
        return new JointReportSection("meetings", "联席会议", "Joint meetings",
            ["日期", "地点", "召集单位", "会议名称", "参会人员", "决定事项数"], ["Date", "Place", "Convenor", "Title", "Attendees", "Decisions"],
            [.. meetings.Zip(full).Select(x => (IReadOnlyList<string>)[x.First.Date, x.First.Place, x.First.Convenor, x.First.Title,
                string.Join("; ", x.Second.Attendees.GroupBy(a => a.Organisation).Select(g => $"{g.Key}: {string.Join(", ", g.Select(a => a.Name))}")),
                x.First.Decisions.ToString(CultureInfo.InvariantCulture)])]);
    }
}
