using System.Globalization;
using Qingshui.Domain.Incidents;
using Qingshui.Reporting.Joint;
using Qingshui.Storage;

namespace Qingshui.Server.Joint;

/// <summary>The report's incidents: the cross-boundary incidents opened in the year, with their state now.</summary>
internal sealed class IncidentsReportSource(IIncidentStore store) : IJointReportSource
{
    public async Task<JointReportSection> SectionAsync(string basinId, int year, CancellationToken cancellationToken)
    {
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, Hj212.Hj212Time.ChinaStandardOffset);
        IReadOnlyList<Incident> incidents = await store.ListIncidentsAsync(new IncidentQuery(IncidentQuery.MaxLimit, From: from, To: from.AddYears(1)), cancellationToken);
        return new JointReportSection("incidents", "跨界事件", "Incidents",
            ["编号", "断面", "发生时间", "等级", "状态", "涉及辖区"], ["Id", "Section", "Opened", "Severity", "Status", "Jurisdictions"],
            [.. incidents.OrderBy(i => i.OpenedAt).Select(i => (IReadOnlyList<string>)[i.Id.ToString(CultureInfo.InvariantCulture), i.Section,
                i.OpenedAt.ToOffset(Hj212.Hj212Time.ChinaStandardOffset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                i.Severity.ToString(), IncidentWords.Word(i.Status), string.Join(", ", i.Jurisdictions)])]);
    }
}
