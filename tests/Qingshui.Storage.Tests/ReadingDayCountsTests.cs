using Microsoft.Data.Sqlite;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Storage.Tests;

public sealed class SqliteReadingDayCountsTests() : ReadingDayCountsTests(StoreBackend.Sqlite);

public sealed class PostgresReadingDayCountsTests() : ReadingDayCountsTests(StoreBackend.Postgres);

/// <summary>
/// The per-day counts kept as readings are written always equal a recount of the readings, after reviewers' decisions
/// too, on every backend (ingest alone is in <see cref="IngestDayCountsTests"/>).
/// </summary>
public abstract class ReadingDayCountsTests(StoreBackend backend) : BackendStoreTests<IReviewStore>(backend)
{
    internal static readonly DateTimeOffset March = IngestDayCountsTests.March;
    private static readonly DateOnly FirstDay = IngestDayCountsTests.FirstDay, LastDay = IngestDayCountsTests.LastDay;

    internal static IEnumerable<Reading> Batch(decimal shift, Func<int, string?> flagOf) => IngestDayCountsTests.Batch(shift, flagOf);

    internal static ReviewDecision Decision(string station, ReviewAction action, DateTimeOffset from, DateTimeOffset to, decimal? value = null) =>
        new(station, "w21003", from, to, action, value, "instrument-fault", "drift", "hn-reviewer", "hunan", March.AddDays(30));

    internal static AuditRecord Audit(ReviewDecision d, int readings) =>
        AuditRecord.Create(d.At, new AuditActor(d.By, d.Organisation, null), "review.decide", d.StationId, AuditOutcome.Done, null, null, null);

    /// <summary>The counts the review store gives, of every station and of each, equal a recount of the readings the same store gives.</summary>
    internal static async Task AssertCountsEqualRecountAsync(IReviewStore store)
    {
        foreach (ReadingKind kind in new[] { ReadingKind.Hour, ReadingKind.RealTime })
        {
            IReadOnlyList<ReviewDayCount> kept = await store.DayCountsAsync(null, kind, FirstDay, LastDay, Ct);
            List<ReviewDayCount> recount = await IngestDayCountsTests.RecountAsync((IReadingStore)store, kind);
            Assert.NotEmpty(recount);
            Assert.Equal(recount, kept.OrderBy(c => (c.StationId, c.Parameter, c.Day)));
            foreach (string station in new[] { "M1", "M2" })
            {
                Assert.Equal(recount.Where(c => c.StationId == station),
                    (await store.DayCountsAsync(station, kind, FirstDay, LastDay, Ct)).OrderBy(c => (c.StationId, c.Parameter, c.Day)));
            }
        }
    }

    private Task WriteAsync(IEnumerable<Reading> readings) => IngestDayCountsTests.WriteAsync((IReadingStore)Store, readings);

    [Fact]
    public async Task DayCounts_AfterIngestRetransmissionsAndDecisions_EqualARecountOfTheReadings()
    {
        await WriteAsync(Batch(0, h => h % 11 == 0 ? "D" : h % 13 == 0 ? null : "N"));
        await AssertCountsEqualRecountAsync(Store);

        // Retransmissions: the same content (no revision), then new values with other flags (revisions that change validity).
        await WriteAsync(Batch(0, h => h % 11 == 0 ? "D" : h % 13 == 0 ? null : "N"));
        await WriteAsync(Batch(0.05m, h => h % 7 == 0 ? "T" : "N"));
        await AssertCountsEqualRecountAsync(Store);

        // Decisions of each kind, one across a local day boundary, then a retransmission the reviewed readings keep out.
        ReviewApplyResult applied = await Store.ApplyAsync(
        [
            Decision("M1", ReviewAction.Invalidate, March.AddHours(20), March.AddHours(30)),
            Decision("M1", ReviewAction.Confirm, March.AddDays(-1), March),
            Decision("M2", ReviewAction.Correct, March.AddHours(2), March.AddHours(5), 0.4m),
        ], Audit, Ct);
        Assert.Null(applied.Refusal);
        await WriteAsync(Batch(0.1m, h => h % 3 == 0 ? "D" : "N"));

        await AssertCountsEqualRecountAsync(Store);
        Assert.Contains(await Store.DayCountsAsync("M1", ReadingKind.Hour, FirstDay, LastDay, Ct), c => c.ToReview > 0);
    }
}

/// <summary>Migration 0020 on a SQLite store that had readings before it backfills the counts of every day.</summary>
public sealed class SqliteDayCountsMigrationTests() : FreshStoreTests("qingshui-daycounts-")
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Migration_OnAStoreWithReadings_BackfillsTheCountsOfEveryDay()
    {
        await IngestDayCountsTests.WriteAsync(Store, ReadingDayCountsTests.Batch(0, h => h % 11 == 0 ? "D" : "N"));
        await Store.ApplyAsync([ReadingDayCountsTests.Decision("M1", ReviewAction.Invalidate,
            ReadingDayCountsTests.March.AddHours(20), ReadingDayCountsTests.March.AddHours(30))], ReadingDayCountsTests.Audit, Ct);
        string migration;
        using (var reader = new StreamReader(typeof(SqliteStore).Assembly.GetManifestResourceStream(
            "Qingshui.Storage.Sqlite.Migrations.0020_review_counts_and_levels.sql")!))
        {
            migration = await reader.ReadToEndAsync(Ct);
        }

        // The store as it was before migration 0020 (its insert trigger already dropped by 0033), with its readings, then the migration run on it.
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync(Ct);
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER readings_count_update; DROP TABLE reading_day_counts; "
                + "ALTER TABLE review_months DROP COLUMN level; ALTER TABLE review_months DROP COLUMN completes;";
            await command.ExecuteNonQueryAsync(Ct);
            command.CommandText = "SELECT name FROM sqlite_master WHERE name = 'reading_day_counts'";
            Assert.Null(await command.ExecuteScalarAsync(Ct));
            command.CommandText = migration;
            await command.ExecuteNonQueryAsync(Ct);

            // And the later migration that hands the insert trigger's work to the store's writer.
            command.CommandText = await SqliteMigrationText.ReadAsync("0033_day_rows_kept_by_the_writer.sql", Ct);
            await command.ExecuteNonQueryAsync(Ct);
        }

        await ReadingDayCountsTests.AssertCountsEqualRecountAsync(Store);
        await IngestDayCountsTests.WriteAsync(Store, ReadingDayCountsTests.Batch(0.05m, h => h % 7 == 0 ? "T" : "N"));
        await ReadingDayCountsTests.AssertCountsEqualRecountAsync(Store);
    }
}
