using System.Globalization;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Joint;
using Qingshui.Reporting.Joint;
using Qingshui.Server.Ingest;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>The yearly joint work report's discrepancies: every one whose period lies in the year, with its state and cause as recorded.</summary>
internal sealed class DiscrepancyReportSource(IDiscrepancyStore store, StationRegister register) : IJointReportSource
{
    public async Task<JointReportSection> SectionAsync(string basinId, int year, CancellationToken cancellationToken)
    {
        var all = new List<Discrepancy>();
        long? before = null;
        while (true)
        {
            IReadOnlyList<Discrepancy> page = await store.ListDiscrepanciesAsync(new DiscrepancyQuery(DiscrepancyQuery.MaxLimit, Year: year, Before: before), cancellationToken);
            all.AddRange(page);
            if (page.Count < DiscrepancyQuery.MaxLimit)
            {
                break;
            }

            before = page[^1].Id;
        }

        IReadOnlyList<string>[] rows = [.. all.Where(d => register.Basin.Id == basinId).OrderBy(d => d.Id).Select(d => (IReadOnlyList<string>)
        [
            d.Id.ToString(CultureInfo.InvariantCulture),
            register.Basin.FindSection(d.Section)?.Name.Chinese ?? d.Section,
            StandardItems.Find(d.ItemId)?.Id ?? d.ItemId,
            d.Period.ToString(),
            $"{d.StationA}: {d.MeanA.ToString("0.####", CultureInfo.InvariantCulture)}",
            $"{d.StationB}: {d.MeanB.ToString("0.####", CultureInfo.InvariantCulture)}",
            d.Difference.ToString("0.####", CultureInfo.InvariantCulture),
            d.Tolerance,
            d.Closing is DiscrepancyClosing c ? $"closed {c.At.ToOffset(TimeSpan.FromHours(8)):yyyy-MM-dd} by {c.Actor} ({c.Organisation})" : "open",
            d.Closing is DiscrepancyClosing k ? $"{JointWords.CauseChinese[k.Cause]} / {JointWords.Word(k.Cause)}: {k.Text}" : "",
        ])];
        return new JointReportSection("discrepancies", "两站比对差异", "Discrepancies between stations",
            ["编号", "断面", "项目", "时段", "站A均值", "站B均值", "差值", "允许偏差", "状态", "原因"],
            ["No.", "Section", "Item", "Period", "Station A mean", "Station B mean", "Difference", "Tolerance", "State", "Cause"], rows);
    }
}
