using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Ingest;
using Qingshui.Storage;

namespace Qingshui.Server.Api;

/// <summary>A section's history as the API serves it: monthly assessments and downsampled series, from all its stations.</summary>
internal sealed class SectionData(IReadingStore store, StationRegister register)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public Task<List<Observation>> ObservationsAsync(Section section, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken, string? parameter = null) =>
        ReadingSelection.ObservationsAsync(store, register.Basin.StationsAt(section.Id).Select(s => s.DeviceId), from, to, cancellationToken, parameter);

    /// <summary>A series answer from the section's packed hourly values, or null where they cannot answer alone (<see cref="SeriesFromDays"/>).</summary>
    public Task<JsonAnswer?> SeriesFromDaysAsync(
        Section section, StandardItem item, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, SeriesDto series, CancellationToken cancellationToken) =>
        SeriesFromDays.AnswerAsync(store, [.. register.Basin.StationsAt(section.Id).Select(s => s.DeviceId)], item, from, to, bucket, series,
            cancellationToken);

    /// <summary>The month starting at <paramref name="start"/>: its assessment by the platform's rule from the monthly means, or null without data.</summary>
    public async Task<(Period Period, SectionAssessment Assessment, IReadOnlyList<PeriodMean> Means)?> MonthAsync(
        Section section, DateTimeOffset start, CancellationToken cancellationToken)
    {
        List<Observation> observations = await ObservationsAsync(section, start, start.AddMonths(1), cancellationToken);
        PeriodMean[] means = [.. PeriodAggregator.Aggregate(observations, PeriodKind.Month)];
        if (means.Length == 0)
        {
            return null;
        }

        return (means[0].Period, SectionClass.OfMeans(means, section.Waterbody), means);
    }

    /// <summary>Points of one item: means, minima and maxima per bucket of <paramref name="interval"/> (null: each value).</summary>
    public static IReadOnlyList<(DateTimeOffset Time, decimal Mean, decimal Min, decimal Max, int Count)> Downsample(
        IEnumerable<Observation> observations, StandardItem item, TimeSpan? interval)
    {
        return observations
            .Where(o => o.Item == item && o.Valid)
            .GroupBy(o => interval is TimeSpan span ? Bucket(o.Time, span) : o.Time)
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                decimal[] values = g.Select(o => o.Value).ToArray();
                return (g.Key, PeriodAggregator.Mean(item, values), values.Min(), values.Max(), values.Length);
            })
            .ToArray();
    }

    internal static DateTimeOffset Bucket(DateTimeOffset time, TimeSpan span)
    {
        DateTimeOffset local = time.ToOffset(Beijing);
        long ticks = local.Ticks - (local.Ticks % span.Ticks);
        return new DateTimeOffset(ticks, Beijing);
    }
}
