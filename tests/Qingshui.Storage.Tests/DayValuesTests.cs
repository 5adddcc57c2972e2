using Microsoft.Data.Sqlite;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;

namespace Qingshui.Storage.Tests;

public sealed class SqliteDayValuesTests() : DayValuesTests(StoreBackend.Sqlite);

public sealed class PostgresDayValuesTests() : DayValuesTests(StoreBackend.Postgres);

/// <summary>
/// Values of hourly, daily and four-hourly series, which the stores read from their packed days, always equal the current
/// readings read row by row: after ingest, late uploads, retransmissions, revisions and reviewers' decisions, over ranges
/// that start and end inside days, on every backend.
/// </summary>
public abstract class DayValuesTests(StoreBackend backend) : BackendStoreTests<IReviewStore>(backend)
{
    private static readonly DateTimeOffset March = ReadingDayCountsTests.March;

    private IReadingStore Readings => (IReadingStore)Store;

    internal static IEnumerable<Reading> Others(decimal shift, int firstDay, int days)
    {
        for (int d = firstDay; d < firstDay + days; d++)
        {
            yield return new Reading("M1", "w21003", ReadingKind.Day, March.AddDays(d), 0.41m + shift + d * 0.001m, Unit.MilligramPerLitre, "N", true);
            for (int h = 0; h < 24; h += 4)
            {
                yield return new Reading("M2", "w01001", ReadingKind.FourHour, March.AddDays(d).AddHours(h).ToOffset(TimeSpan.Zero),
                    7.123456789012345678m + shift - h * 0.0001m, Unit.Dimensionless, h == 8 ? "D" : "N", h != 8);
            }
        }
    }

    /// <summary>Every station's values of every kind, over several ranges, of all parameters and of each, equal the readings'.</summary>
    internal static async Task AssertValuesEqualReadingsAsync(IReadingStore store)
    {
        (DateTimeOffset From, DateTimeOffset To)[] ranges =
        [
            (March.AddDays(-3), March.AddDays(6)),
            (March.AddHours(5).AddMinutes(30), March.AddDays(2).AddHours(7)),
            (March.AddHours(-1), March.AddHours(1)),
            (March.AddHours(3), March.AddHours(3)),
        ];
        int compared = 0;
        foreach (string station in new[] { "M1", "M2" })
        {
            foreach (ReadingKind kind in new[] { ReadingKind.Hour, ReadingKind.Day, ReadingKind.FourHour })
            {
                foreach ((DateTimeOffset from, DateTimeOffset to) in ranges)
                {
                    foreach (string? parameter in new[] { null, "w21003", "w21011", "w01001" })
                    {
                        var query = new ReadingQuery(station, parameter, kind, from, to);
                        Assert.True(DayValues.Covers(query));
                        ReadingValue[] expected = [.. (await store.ReadingsAsync(query, Ct)).Select(r => new ReadingValue(
                            r.Reading.Parameter, r.Reading.Kind, r.Reading.PeriodStart, r.Reading.Value, r.Reading.Unit, r.Reading.Valid))];
                        IReadOnlyList<ReadingValue> actual = await store.ValuesAsync(query, Ct);
                        Assert.Equal(expected, actual);
                        Assert.Equal(expected.Select(v => v.PeriodStart.Offset), actual.Select(v => v.PeriodStart.Offset));
                        compared += expected.Length;
                    }
                }
            }
        }

        Assert.True(compared > 1000, $"only {compared} values compared");
    }

    [Fact]
    public async Task Values_AfterIngestLateUploadsRevisionsAndDecisions_EqualTheReadings()
    {
        // The later half first, then the earlier days as late uploads (they land behind later hours in their days' logs).
        await IngestDayCountsTests.WriteAsync(Readings, ReadingDayCountsTests.Batch(0, h => h % 11 == 0 ? "D" : h % 13 == 0 ? null : "N").Reverse());
        await IngestDayCountsTests.WriteAsync(Readings, Others(0, 2, 3));
        await IngestDayCountsTests.WriteAsync(Readings, Others(0, -2, 4));
        await AssertValuesEqualReadingsAsync(Readings);

        // The same content again (no revision), then new values and flags (revisions).
        await IngestDayCountsTests.WriteAsync(Readings, ReadingDayCountsTests.Batch(0, h => h % 11 == 0 ? "D" : h % 13 == 0 ? null : "N"));
        await IngestDayCountsTests.WriteAsync(Readings, ReadingDayCountsTests.Batch(0.05m, h => h % 7 == 0 ? "T" : "N"));
        await IngestDayCountsTests.WriteAsync(Readings, Others(0.2m, -1, 2));
        await AssertValuesEqualReadingsAsync(Readings);

        // Reviewers' decisions (one across a day boundary), then a retransmission that the reviewed readings keep out.
        ReviewApplyResult applied = await Store.ApplyAsync(
        [
            ReadingDayCountsTests.Decision("M1", ReviewAction.Invalidate, March.AddHours(20), March.AddHours(30)),
            ReadingDayCountsTests.Decision("M1", ReviewAction.Confirm, March.AddDays(-1), March),
            ReadingDayCountsTests.Decision("M2", ReviewAction.Correct, March.AddHours(2), March.AddHours(5), 0.4m),
        ], ReadingDayCountsTests.Audit, Ct);
        Assert.Null(applied.Refusal);
        await IngestDayCountsTests.WriteAsync(Readings, ReadingDayCountsTests.Batch(0.1m, h => h % 3 == 0 ? "D" : "N"));
        await AssertValuesEqualReadingsAsync(Readings);

        IReadOnlyList<ReadingValue> invalidated = await Readings.ValuesAsync(new ReadingQuery("M1", "w21003", ReadingKind.Hour, March.AddHours(20), March.AddHours(30)), Ct);
        Assert.Equal(10, invalidated.Count);
        Assert.All(invalidated, v => Assert.False(v.Valid));
        IReadOnlyList<ReadingValue> corrected = await Readings.ValuesAsync(new ReadingQuery("M2", "w21003", ReadingKind.Hour, March.AddHours(2), March.AddHours(5)), Ct);
        Assert.Equal([0.4m, 0.4m, 0.4m], corrected.Select(v => v.Value));
    }

    [Fact]
    public async Task Values_OfManyDigits_ComeBackAsTheStoredDoubles()
    {
        var random = new Random(17);
        Reading[] readings = [.. Enumerable.Range(0, 24 * 40).Select(h => new Reading("M1", "w21003", ReadingKind.Hour, March.AddHours(h),
            new decimal(random.Next(), random.Next(), random.Next(0, 100), random.Next(4) == 0, (byte)random.Next(10, 29)),
            Unit.MilligramPerLitre, "N", true))];
        await IngestDayCountsTests.WriteAsync(Readings, readings);

        var query = new ReadingQuery("M1", "w21003", ReadingKind.Hour, March, March.AddDays(40));
        IReadOnlyList<ReadingValue> values = await Readings.ValuesAsync(query, Ct);
        Assert.Equal(readings.Select(r => (decimal)(double)r.Value), values.Select(v => v.Value));
        Assert.Equal((await Readings.ReadingsAsync(query, Ct)).Select(r => r.Reading.Value), values.Select(v => v.Value));
    }
}

/// <summary>Migration 0025 on a SQLite store that had readings before it packs the days of every hourly, daily and four-hourly series.</summary>
public sealed class SqliteDayValuesMigrationTests() : FreshStoreTests("qingshui-dayvalues-")
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migration_OnAStoreWithReadings_PacksTheirDays()
    {
        await IngestDayCountsTests.WriteAsync(Store, ReadingDayCountsTests.Batch(0, h => h % 11 == 0 ? "D" : "N"));
        await IngestDayCountsTests.WriteAsync(Store, DayValuesTests.Others(0, -2, 6));
        await IngestDayCountsTests.WriteAsync(Store, ReadingDayCountsTests.Batch(0.05m, h => h % 7 == 0 ? "T" : "N"));
        string migration;
        using (var reader = new StreamReader(typeof(Sqlite.SqliteStore).Assembly.GetManifestResourceStream(
            "Qingshui.Storage.Sqlite.Migrations.0025_reading_day_values.sql")!))
        {
            migration = await reader.ReadToEndAsync(Ct);
        }

        // The store as it was before migration 0025 (its insert trigger already dropped by 0033), with its readings, then the migration run on it.
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync(Ct);
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER readings_values_update; DROP TABLE reading_day_values;";
            await command.ExecuteNonQueryAsync(Ct);
            command.CommandText = migration;
            await command.ExecuteNonQueryAsync(Ct);

            // And the later migration that hands the insert trigger's work to the store's writer.
            command.CommandText = await SqliteMigrationText.ReadAsync("0033_day_rows_kept_by_the_writer.sql", Ct);
            await command.ExecuteNonQueryAsync(Ct);
            // Two stations × two parameters × four UTC days of hourly values, six days of daily values, seven UTC days of four-hourly ones.
            command.CommandText = "SELECT COUNT(*) FROM reading_day_values";
            Assert.Equal(2L * 2 * 4 + 6 + 7, (long)(await command.ExecuteScalarAsync(Ct))!);
        }

        await DayValuesTests.AssertValuesEqualReadingsAsync(Store);
        await IngestDayCountsTests.WriteAsync(Store, ReadingDayCountsTests.Batch(0.1m, h => h % 3 == 0 ? "D" : "N"));
        await DayValuesTests.AssertValuesEqualReadingsAsync(Store);
    }
}
