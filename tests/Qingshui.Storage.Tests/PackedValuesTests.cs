using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;

namespace Qingshui.Storage.Tests;

public sealed class SqlitePackedValuesTests() : PackedValuesTests(StoreBackend.Sqlite);

public sealed class PostgresPackedValuesTests() : PackedValuesTests(StoreBackend.Postgres);

/// <summary>
/// One parameter's packed days read for several stations at once give, station by station in the order asked, what
/// <see cref="IReadingStore.ValuesAsync"/> gives for each: after ingest, late uploads, revisions and reviewers' decisions,
/// over ranges that start and end inside days, on every backend.
/// </summary>
public abstract class PackedValuesTests(StoreBackend backend) : BackendStoreTests<IReviewStore>(backend)
{
    private static readonly DateTimeOffset March = ReadingDayCountsTests.March;

    private IReadingStore Readings => (IReadingStore)Store;

    private async Task AssertPackedEqualValuesAsync()
    {
        (DateTimeOffset From, DateTimeOffset To)[] ranges =
        [
            (March.AddDays(-3), March.AddDays(6)),
            (March.AddHours(5).AddMinutes(30), March.AddDays(2).AddHours(7)),
            (March.AddHours(-1), March.AddHours(1)),
            (March.AddHours(3), March.AddHours(3)),
        ];

        // Asked in another order than the database's, with a station that has nothing.
        string[] stations = ["M2", "none", "M1"];
        int compared = 0;
        foreach (ReadingKind kind in new[] { ReadingKind.Hour, ReadingKind.Day, ReadingKind.FourHour })
        {
            foreach ((DateTimeOffset from, DateTimeOffset to) in ranges)
            {
                foreach (string parameter in new[] { "w21003", "w21011", "w01001" })
                {
                    PackedValues packed = await ((IPackedValuesReader)Store).PackedValuesAsync(stations, parameter, kind, from, to, Ct);
                    Assert.Equal(stations.Length, packed.Stations);
                    for (int s = 0; s < stations.Length; s++)
                    {
                        IReadOnlyList<ReadingValue> expected = await Readings.ValuesAsync(new ReadingQuery(stations[s], parameter, kind, from, to), Ct);
                        ReadingValue[] actual = [.. packed.Of(s).ToArray().Select(v => new ReadingValue(parameter, kind,
                            DateTimeOffset.FromUnixTimeMilliseconds(v.Start).ToOffset(TimeSpan.FromMinutes(v.OffsetMinutes)), (decimal)v.Value, v.Unit, v.Valid))];
                        Assert.Equal(expected, actual);
                        Assert.Equal(expected.Select(v => v.PeriodStart.Offset), actual.Select(v => v.PeriodStart.Offset));
                        compared += actual.Length;
                    }
                }
            }
        }

        Assert.True(compared > 500, $"only {compared} values compared");
    }

    [Fact]
    public async Task PackedValues_AfterIngestLateUploadsRevisionsAndDecisions_AreEachStationsValues()
    {
        await IngestDayCountsTests.WriteAsync(Readings, ReadingDayCountsTests.Batch(0, h => h % 11 == 0 ? "D" : h % 13 == 0 ? null : "N").Reverse());
        await IngestDayCountsTests.WriteAsync(Readings, DayValuesTests.Others(0, 2, 3));
        await IngestDayCountsTests.WriteAsync(Readings, DayValuesTests.Others(0, -2, 4));
        await AssertPackedEqualValuesAsync();

        await IngestDayCountsTests.WriteAsync(Readings, ReadingDayCountsTests.Batch(0.05m, h => h % 7 == 0 ? "T" : "N"));
        await IngestDayCountsTests.WriteAsync(Readings, DayValuesTests.Others(0.2m, -1, 2));
        ReviewApplyResult applied = await Store.ApplyAsync(
        [
            ReadingDayCountsTests.Decision("M1", ReviewAction.Invalidate, March.AddHours(20), March.AddHours(30)),
            ReadingDayCountsTests.Decision("M2", ReviewAction.Correct, March.AddHours(2), March.AddHours(5), 0.4m),
        ], ReadingDayCountsTests.Audit, Ct);
        Assert.Null(applied.Refusal);
        await IngestDayCountsTests.WriteAsync(Readings, ReadingDayCountsTests.Batch(0.1m, h => h % 3 == 0 ? "D" : "N"));
        await AssertPackedEqualValuesAsync();
    }

    [Fact]
    public async Task PackedValues_OfAKindNotPacked_AreRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ((IPackedValuesReader)Store).PackedValuesAsync(
            ["M1"], "w21003", ReadingKind.RealTime, March, March.AddDays(1), Ct));
    }
}
