using System.Text;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Storage.Tests;

/// <summary>
/// On every backend, the per-day counts kept as readings are written equal a recount of the readings: after ingest,
/// a retransmission of the same content, and revisions that change validity, across local day boundaries and offsets.
/// (Reviewers' decisions, which revise readings through the review store, are in <see cref="ReadingDayCountsTests"/>.)
/// </summary>
public abstract class IngestDayCountsTests : IAsyncLifetime
{
    internal static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    internal static readonly DateTimeOffset March = new(2024, 3, 1, 0, 0, 0, Beijing);
    internal static readonly DateOnly FirstDay = new(2024, 2, 28), LastDay = new(2024, 3, 6);

    protected IReadingStore Store { get; private set; } = null!;

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract Task<IReadingStore> OpenAsync();

    /// <summary>The counts the store keeps for the stations' series of one kind, days [FirstDay, LastDay).</summary>
    protected abstract Task<IReadOnlyList<ReviewDayCount>> KeptCountsAsync(ReadingKind kind);

    public async ValueTask InitializeAsync() => Store = await OpenAsync();

    public virtual async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    private static Reading Hourly(string station, string parameter, DateTimeOffset start, decimal value, string? flag) =>
        new(station, parameter, ReadingKind.Hour, start, value, Unit.MilligramPerLitre, flag, flag is null or "N");

    // Two stations, two parameters, three days around a day boundary, one station in UTC (its days are other hours),
    // flags mixed: N, D, T, none; and a few real-time values, which are counted under their own series.
    internal static IEnumerable<Reading> Batch(decimal shift, Func<int, string?> flagOf)
    {
        foreach ((string station, TimeSpan offset) in new[] { ("M1", Beijing), ("M2", TimeSpan.Zero) })
        {
            foreach (string parameter in new[] { "w21003", "w21011" })
            {
                for (int h = 0; h < 72; h++)
                {
                    yield return Hourly(station, parameter, March.AddHours(h - 6).ToOffset(offset), 0.3m + shift + (h % 5) * 0.01m, flagOf(h));
                }
            }
        }

        for (int s = 0; s < 10; s++)
        {
            yield return new Reading("M1", "w21003", ReadingKind.RealTime, March.AddSeconds(30 * s), 0.2m, Unit.MilligramPerLitre, s % 3 == 0 ? "D" : "N", s % 3 != 0);
        }
    }

    internal static async Task WriteAsync(IReadingStore store, IEnumerable<Reading> readings) =>
        await store.WriteAsync([new IngestRecord(new RawPacket(March, "127.0.0.1:1", "M1", "2061", PacketVerdict.Accepted, null, Encoding.ASCII.GetBytes("p")),
            [.. readings])], Ct);

    // The recount: every current reading read back through the reading store, grouped by its own local day.
    internal static async Task<List<ReviewDayCount>> RecountAsync(IReadingStore store, ReadingKind kind)
    {
        var counts = new List<ReviewDayCount>();
        foreach (string station in new[] { "M1", "M2" })
        {
            IReadOnlyList<StoredReading> all = await store.ReadingsAsync(
                new ReadingQuery(station, null, kind, March.AddDays(-3), March.AddDays(6)), Ct);
            counts.AddRange(all.GroupBy(r => (r.Reading.Parameter, Day: DateOnly.FromDateTime(r.Reading.PeriodStart.DateTime))).Select(g =>
                new ReviewDayCount(station, g.Key.Parameter, g.Key.Day, g.Count(), g.Count(r => r.Reading.Valid),
                    g.Count(r => (!r.Reading.Valid || (r.Reading.Flag is not null && r.Reading.Flag != "N")) && !r.Reading.Marks.HasFlag(ReadingMarks.Reviewed)))));
        }

        return [.. counts.OrderBy(c => (c.StationId, c.Parameter, c.Day))];
    }

    protected async Task AssertCountsEqualRecountAsync()
    {
        foreach (ReadingKind kind in new[] { ReadingKind.Hour, ReadingKind.RealTime })
        {
            List<ReviewDayCount> recount = await RecountAsync(Store, kind);
            Assert.NotEmpty(recount);
            Assert.Equal(recount, (await KeptCountsAsync(kind)).OrderBy(c => (c.StationId, c.Parameter, c.Day)));
        }
    }

    [Fact]
    public async Task DayCounts_AfterIngestAndRetransmissions_EqualARecountOfTheReadings()
    {
        await WriteAsync(Store, Batch(0, h => h % 11 == 0 ? "D" : h % 13 == 0 ? null : "N"));
        await AssertCountsEqualRecountAsync();

        // Retransmissions: the same content (no revision), then new values with other flags (revisions that change validity).
        await WriteAsync(Store, Batch(0, h => h % 11 == 0 ? "D" : h % 13 == 0 ? null : "N"));
        await WriteAsync(Store, Batch(0.05m, h => h % 7 == 0 ? "T" : "N"));

        await AssertCountsEqualRecountAsync();
    }
}

public sealed class SqliteIngestDayCountsTests : IngestDayCountsTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qingshui-daycounts-").FullName;

    protected override async Task<IReadingStore> OpenAsync() =>
        await SqliteStore.OpenAsync(new SqliteStoreOptions(Path.Combine(_folder, "q.db")), TimeProvider.System, Ct);

    protected override Task<IReadOnlyList<ReviewDayCount>> KeptCountsAsync(ReadingKind kind) =>
        ((IReviewStore)Store).DayCountsAsync(null, kind, FirstDay, LastDay, Ct);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
