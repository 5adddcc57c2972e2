using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Tests;

public sealed class SqliteBulkReadingStoreTests() : BulkReadingStoreTests(StoreBackend.Sqlite);

public sealed class PostgresBulkReadingStoreTests() : BulkReadingStoreTests(StoreBackend.Postgres);

/// <summary>Back-filling readings in bulk and scanning a network's readings, on every backend.</summary>
public abstract class BulkReadingStoreTests(StoreBackend backend) : BackendStoreTests<IBulkReadingStore>(backend)
{
    private static readonly DateTimeOffset March = IngestDayCountsTests.March;

    private IReadingStore Readings => (IReadingStore)Store;

    [Fact]
    public async Task Load_SameContentAgain_ChangesNothingAndChangedContentBecomesARevision()
    {
        List<Reading> first = [.. IngestDayCountsTests.Batch(0, h => h % 11 == 0 ? "D" : "N")];
        Assert.Equal(new BulkLoadResult(first.Count, 0), await Store.LoadAsync(first, Ct));
        Assert.Equal(new BulkLoadResult(0, first.Count), await Store.LoadAsync(first, Ct));
        Assert.Equal(new StoreCounts(first.Count, 0, 0), await Readings.CountAsync(Ct));

        // Two readings changed: two revisions, the earlier values kept.
        List<Reading> changed = [.. first.Select((r, i) => i is 3 or 4 ? r with { Value = r.Value + 1 } : r)];
        Assert.Equal(new BulkLoadResult(2, first.Count - 2), await Store.LoadAsync(changed, Ct));
        Assert.Equal(new StoreCounts(first.Count, 2, 0), await Readings.CountAsync(Ct));
        Reading revised = changed[3];
        StoredReading current = Assert.Single(await Readings.ReadingsAsync(
            new ReadingQuery(revised.StationId, revised.Parameter, revised.Kind, revised.PeriodStart, revised.PeriodStart.AddSeconds(1)), Ct));
        Assert.Equal((revised.Value, 1, (long?)null), (current.Reading.Value, current.Revision, current.PacketId));
        Assert.Equal(first[3].Value, Assert.Single(await Readings.RevisionsAsync(revised.StationId, revised.Parameter, revised.Kind, revised.PeriodStart, Ct)).Reading.Value);
    }

    [Fact]
    public async Task Load_KeepsThePerDayCountsEqualToARecount()
    {
        await Store.LoadAsync([.. IngestDayCountsTests.Batch(0, h => h % 11 == 0 ? "D" : h % 13 == 0 ? null : "N")], Ct);
        await Store.LoadAsync([.. IngestDayCountsTests.Batch(0.05m, h => h % 7 == 0 ? "T" : "N")], Ct);

        await ReadingDayCountsTests.AssertCountsEqualRecountAsync((IReviewStore)Store);
    }

    [Fact]
    public async Task Load_AReadingGivenTwice_IsRefusedBeforeAnythingIsWritten()
    {
        List<Reading> batch = [.. IngestDayCountsTests.Batch(0, _ => "N")];
        batch.Add(batch[5] with { Value = 9m });

        ArgumentException refused = await Assert.ThrowsAsync<ArgumentException>(() => Store.LoadAsync(batch, Ct));

        Assert.Contains($"readings[{batch.Count - 1}]", refused.Message, StringComparison.Ordinal);
        Assert.Equal(new StoreCounts(0, 0, 0), await Readings.CountAsync(Ct));
    }

    [Fact]
    public async Task Scan_GivesEveryCurrentReadingOfItsKindAndRangeAsValuesAsyncGivesIt()
    {
        List<Reading> batch = [.. IngestDayCountsTests.Batch(0, h => h % 11 == 0 ? "D" : "N")];
        // A second month (another partition on PostgreSQL) and a unit other than the parameter's own.
        batch.AddRange(Enumerable.Range(0, 30).Select(d => new Reading(
            "M3", "w21011", ReadingKind.Hour, March.AddDays(d + 0.5), 20m + d, Unit.MicrogramPerLitre, "N", true)));
        await Store.LoadAsync(batch, Ct);
        await Store.LoadAsync([batch[7] with { Value = 2m }], Ct);
        DateTimeOffset from = March.AddHours(-3), to = March.AddDays(20);

        var sink = new CollectingSink();
        await Store.ScanAsync(new ReadingScan(ReadingKind.Hour, from, to), sink, Ct);

        Dictionary<long, SeriesEntry> series = (await Store.SeriesAsync(ReadingKind.Hour, Ct)).ToDictionary(s => s.Id);
        Assert.Equal(["M1", "M2", "M3"], series.Values.Select(s => s.StationId).Distinct().Order(StringComparer.Ordinal));
        var scanned = sink.Values.Select(v => (series[v.Series].StationId, new ReadingValue(series[v.Series].Parameter, ReadingKind.Hour,
            DateTimeOffset.FromUnixTimeMilliseconds(v.PeriodStart).ToOffset(TimeSpan.FromMinutes(v.UtcOffsetMinutes)), (decimal)v.Value, v.Unit, v.Valid)))
            .OrderBy(v => (v.StationId, v.Item2.Parameter, v.Item2.PeriodStart)).ToList();
        var expected = new List<(string, ReadingValue)>();
        foreach (string station in new[] { "M1", "M2", "M3" })
        {
            expected.AddRange((await Readings.ValuesAsync(new ReadingQuery(station, null, ReadingKind.Hour, from, to), Ct)).Select(v => (station, v)));
        }

        Assert.Equal(batch.Count(r => r.Kind == ReadingKind.Hour && r.PeriodStart >= from && r.PeriodStart < to), expected.Count);
        Assert.Equal(expected, scanned);
        Assert.Contains(scanned, v => v.Item2.Value == 2m);
        Assert.Contains(scanned, v => v.Item2.Unit == Unit.MicrogramPerLitre && v.Item2.Valid);
    }

    [Fact]
    public async Task Scan_OfAKindKeptPacked_GivesTheCurrentReadingsTheReadingRowsHold()
    {
        // Four-hourly values over two months, written latest first (each day's log out of period order), one revised
        // twice, the second time to invalid: a scan of packed days must give what the reading rows hold.
        List<Reading> written = [.. Enumerable.Range(0, 6 * 45).Select(i => new Reading("M1", "w21003", ReadingKind.FourHour, March.AddHours(4 * i),
            0.1m * i, Unit.MilligramPerLitre, i % 9 == 0 ? "D" : "N", i % 9 != 0)).Reverse()];
        await Store.LoadAsync(written, Ct);
        Reading revised = written[100];
        await Store.LoadAsync([revised with { Value = 7m }], Ct);
        await Store.LoadAsync([revised with { Value = 8m, Flag = "D", Valid = false }], Ct);
        await Store.LoadAsync([.. Enumerable.Range(0, 60).Select(i => new Reading("M2", "w21003", ReadingKind.FourHour, March.AddHours(4 * i), 1m, Unit.MilligramPerLitre, "N", true))], Ct);
        await Store.LoadAsync([.. IngestDayCountsTests.Batch(0, _ => "N")], Ct);
        DateTimeOffset from = March.AddDays(3).AddHours(-2), to = March.AddDays(40).AddHours(5);
        long m1 = (await Store.SeriesAsync(ReadingKind.FourHour, Ct)).Single(s => s.StationId == "M1").Id;

        var sink = new CollectingSink();
        await Store.ScanAsync(new ReadingScan(ReadingKind.FourHour, from, to), sink, Ct);

        IReadOnlyList<StoredReading> rows = await Readings.ReadingsAsync(new ReadingQuery("M1", "w21003", ReadingKind.FourHour, from, to), Ct);
        Assert.Equal(written.Count(r => r.PeriodStart >= from && r.PeriodStart < to), rows.Count);
        ScannedValue[] ofM1 = [.. sink.Values.Where(v => v.Series == m1)];
        Assert.Equal(
            rows.Select(r => (r.Reading.PeriodStart.ToUnixTimeMilliseconds(), (int)r.Reading.PeriodStart.Offset.TotalMinutes, r.Reading.Value, r.Reading.Unit, r.Reading.Valid))
                .Order(),
            ofM1.Select(v => (v.PeriodStart, v.UtcOffsetMinutes, (decimal)v.Value, v.Unit, v.Valid)).Order());
        Assert.Contains(ofM1, v => v.PeriodStart == revised.PeriodStart.ToUnixTimeMilliseconds() && v.Value == 8 && !v.Valid);
        Assert.Contains(sink.Values, v => v.Series != m1);

        // Limited to one series: that series' values and no other's.
        var limited = new CollectingSink();
        await Store.ScanAsync(new ReadingScan(ReadingKind.FourHour, from, to) { Series = new SeriesSet([m1]) }, limited, Ct);
        Assert.Equal(ofM1.OrderBy(v => v.PeriodStart), limited.Values.OrderBy(v => v.PeriodStart));
    }

    private sealed class CollectingSink : IReadingScanSink
    {
        private readonly Lock _lock = new();

        public List<ScannedValue> Values { get; } = [];

        public void Add(in ScannedValue value)
        {
            lock (_lock)
            {
                Values.Add(value);
            }
        }
    }
}
