using System.Text;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Storage.Tests;

/// <summary>The per-day counts kept as readings are written (migration 0020) always equal a recount of the readings.</summary>
public sealed class ReadingDayCountsTests() : FreshStoreTests("qingshui-daycounts-")
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset March = new(2024, 3, 1, 0, 0, 0, Beijing);
    private static readonly DateOnly FirstDay = new(2024, 2, 28), LastDay = new(2024, 3, 6);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Reading Hourly(string station, string parameter, DateTimeOffset start, decimal value, string? flag) =>
        new(station, parameter, ReadingKind.Hour, start, value, Unit.MilligramPerLitre, flag, flag is null or "N");

    // Two stations, two parameters, three days around a day boundary, one station in UTC (its days are other hours),
    // flags mixed: N, D, T, none; and a few real-time values, which are counted under their own series.
    private static IEnumerable<Reading> Batch(decimal shift, Func<int, string?> flagOf)
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

    private async Task WriteAsync(IEnumerable<Reading> readings) =>
        await Store.WriteAsync([new IngestRecord(new RawPacket(March, "127.0.0.1:1", "M1", "2061", PacketVerdict.Accepted, null, Encoding.ASCII.GetBytes("p")),
            [.. readings])], Ct);

    private static ReviewDecision Decision(string station, ReviewAction action, DateTimeOffset from, DateTimeOffset to, decimal? value = null) =>
        new(station, "w21003", from, to, action, value, "instrument-fault", "drift", "hn-reviewer", "hunan", March.AddDays(30));

    private static AuditRecord Audit(ReviewDecision d, int readings) =>
        AuditRecord.Create(d.At, new AuditActor(d.By, d.Organisation, null), "review.decide", d.StationId, AuditOutcome.Done, null, null, null);

    // The recount: every current reading read back through the reading store, grouped by its own local day.
    private async Task<List<ReviewDayCount>> RecountAsync(ReadingKind kind)
    {
        var counts = new List<ReviewDayCount>();
        foreach (string station in new[] { "M1", "M2" })
        {
            IReadOnlyList<StoredReading> all = await Store.ReadingsAsync(
                new ReadingQuery(station, null, kind, March.AddDays(-3), March.AddDays(6)), Ct);
            counts.AddRange(all.GroupBy(r => (r.Reading.Parameter, Day: DateOnly.FromDateTime(r.Reading.PeriodStart.DateTime))).Select(g =>
                new ReviewDayCount(station, g.Key.Parameter, g.Key.Day, g.Count(), g.Count(r => r.Reading.Valid),
                    g.Count(r => (!r.Reading.Valid || (r.Reading.Flag is not null && r.Reading.Flag != "N")) && !r.Reading.Marks.HasFlag(ReadingMarks.Reviewed)))));
        }

        return [.. counts.OrderBy(c => (c.StationId, c.Parameter, c.Day))];
    }

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
