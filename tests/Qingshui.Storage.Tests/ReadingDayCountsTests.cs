using System.Text;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Storage.Tests;

/// <summary>
/// The per-day counts kept as readings are written (migration 0020) always equal a recount of the readings, after
/// reviewers' decisions too, and after the migration backfills a store that had readings (SQLite).
/// </summary>
public sealed class ReadingDayCountsTests() : FreshStoreTests("qingshui-daycounts-")
{
    private static readonly DateTimeOffset March = IngestDayCountsTests.March;
    private static readonly DateOnly FirstDay = IngestDayCountsTests.FirstDay, LastDay = IngestDayCountsTests.LastDay;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static IEnumerable<Reading> Batch(decimal shift, Func<int, string?> flagOf) => IngestDayCountsTests.Batch(shift, flagOf);

    private Task WriteAsync(IEnumerable<Reading> readings) => IngestDayCountsTests.WriteAsync(Store, readings);

    private static ReviewDecision Decision(string station, ReviewAction action, DateTimeOffset from, DateTimeOffset to, decimal? value = null) =>
        new(station, "w21003", from, to, action, value, "instrument-fault", "drift", "hn-reviewer", "hunan", March.AddDays(30));

    private static AuditRecord Audit(ReviewDecision d, int readings) =>
        AuditRecord.Create(d.At, new AuditActor(d.By, d.Organisation, null), "review.decide", d.StationId, AuditOutcome.Done, null, null, null);

    private Task<List<ReviewDayCount>> RecountAsync(ReadingKind kind) => IngestDayCountsTests.RecountAsync(Store, kind);

    private async Task AssertCountsEqualRecountAsync()
    {
        foreach (ReadingKind kind in new[] { ReadingKind.Hour, ReadingKind.RealTime })
        {
            IReadOnlyList<ReviewDayCount> kept = await Store.DayCountsAsync(null, kind, FirstDay, LastDay, Ct);
            List<ReviewDayCount> recount = await RecountAsync(kind);
            Assert.NotEmpty(recount);
            Assert.Equal(recount, kept.OrderBy(c => (c.StationId, c.Parameter, c.Day)));
            foreach (string station in new[] { "M1", "M2" })
            {
                Assert.Equal(recount.Where(c => c.StationId == station),
                    (await Store.DayCountsAsync(station, kind, FirstDay, LastDay, Ct)).OrderBy(c => (c.StationId, c.Parameter, c.Day)));
            }
        }
    }

    [Fact]
    public async Task DayCounts_AfterIngestRetransmissionsAndDecisions_EqualARecountOfTheReadings()
    {
        await WriteAsync(Batch(0, h => h % 11 == 0 ? "D" : h % 13 == 0 ? null : "N"));
        await AssertCountsEqualRecountAsync();

        // Retransmissions: the same content (no revision), then new values with other flags (revisions that change validity).
        await WriteAsync(Batch(0, h => h % 11 == 0 ? "D" : h % 13 == 0 ? null : "N"));
        await WriteAsync(Batch(0.05m, h => h % 7 == 0 ? "T" : "N"));
        await AssertCountsEqualRecountAsync();

        // Decisions of each kind, one across a local day boundary, then a retransmission the reviewed readings keep out.
        ReviewApplyResult applied = await Store.ApplyAsync(
        [
            Decision("M1", ReviewAction.Invalidate, March.AddHours(20), March.AddHours(30)),
            Decision("M1", ReviewAction.Confirm, March.AddDays(-1), March),
            Decision("M2", ReviewAction.Correct, March.AddHours(2), March.AddHours(5), 0.4m),
        ], Audit, Ct);
        Assert.Null(applied.Refusal);
        await WriteAsync(Batch(0.1m, h => h % 3 == 0 ? "D" : "N"));

        await AssertCountsEqualRecountAsync();
        Assert.Contains(await Store.DayCountsAsync("M1", ReadingKind.Hour, FirstDay, LastDay, Ct), c => c.ToReview > 0);
    }

    [Fact]
    public async Task Migration_OnAStoreWithReadings_BackfillsTheCountsOfEveryDay()
    {
        await WriteAsync(Batch(0, h => h % 11 == 0 ? "D" : "N"));
        await Store.ApplyAsync([Decision("M1", ReviewAction.Invalidate, March.AddHours(20), March.AddHours(30))], Audit, Ct);
        string migration;
        using (var reader = new StreamReader(typeof(SqliteStore).Assembly.GetManifestResourceStream(
            "Qingshui.Storage.Sqlite.Migrations.0020_review_counts_and_levels.sql")!))
        {
            migration = await reader.ReadToEndAsync(Ct);
        }

        // The store as it was before migration 0020, with its readings, then the migration run on it.
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync(Ct);
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "DROP TRIGGER readings_count_insert; DROP TRIGGER readings_count_update; DROP TABLE reading_day_counts; "
                + "ALTER TABLE review_months DROP COLUMN level; ALTER TABLE review_months DROP COLUMN completes;";
            await command.ExecuteNonQueryAsync(Ct);
            command.CommandText = "SELECT name FROM sqlite_master WHERE name = 'reading_day_counts'";
            Assert.Null(await command.ExecuteScalarAsync(Ct));
            command.CommandText = migration;
            await command.ExecuteNonQueryAsync(Ct);
        }

        await AssertCountsEqualRecountAsync();
        await WriteAsync(Batch(0.05m, h => h % 7 == 0 ? "T" : "N"));
        await AssertCountsEqualRecountAsync();
    }
}
