using System.Globalization;
using Qingshui.Domain.Joint;
using Qingshui.Reporting.Joint;
using Qingshui.Server.Ingest;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>The yearly joint work report's joint sampling events: those sampled in the year, with who sampled and how many results each laboratory gave.</summary>
internal sealed class SamplingReportSource(ISamplingStore store, StationRegister register) : IJointReportSource
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public async Task<JointReportSection> SectionAsync(string basinId, int year, CancellationToken cancellationToken)
    {
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, Beijing);
        var all = new List<SamplingEvent>();
        long? before = null;
        while (true)
        {
            IReadOnlyList<SamplingEvent> page = await store.ListSamplingAsync(new SamplingQuery(SamplingQuery.MaxLimit, null, from, from.AddYears(1), before), cancellationToken);
            all.AddRange(page);
            if (page.Count < SamplingQuery.MaxLimit)
            {
                break;
            }

            before = page[^1].Id;
        }

        IReadOnlyList<string>[] rows = [.. all.Where(_ => register.Basin.Id == basinId).OrderBy(e => e.SampledAt).Select(e => (IReadOnlyList<string>)
        [
            e.Id.ToString(CultureInfo.InvariantCulture),
            e.SampledAt.ToOffset(Beijing).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            register.Basin.FindSection(e.Section)?.Name.Chinese ?? e.Section,
            e.Place,
            string.Join("; ", e.Samplers.GroupBy(s => s.Jurisdiction).Select(g => $"{g.Key}: {string.Join(", ", g.Select(s => s.Name))}")),
            string.Join(", ", e.Samples),
            string.Join("; ", e.Results.GroupBy(r => r.Laboratory).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key}: {g.Count()}"))),
        ])];
        return new JointReportSection("joint-sampling", "联合采样", "Joint sampling",
            ["编号", "采样时间", "断面", "地点", "采样人员", "分样", "实验室结果数"],
            ["No.", "Sampled at", "Section", "Place", "Samplers", "Split samples", "Results per laboratory"], rows);
    }
}
