using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;

namespace Qingshui.Storage.Tests;

/// <summary>
/// The SQLite writer keeps the day rows of new readings (migration 0033 dropped the insert triggers): the rows it writes
/// equal, byte for byte and entry for entry, those the old triggers write alongside into shadow tables, through
/// inserts, a retransmission, revisions within and across batches, real-time values and a reviewer's decision.
/// </summary>
public sealed partial class DayRowsOfNewReadingsTests() : FreshStoreTests("qingshui-dayrows-")
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DayRows_OfWrittenReadings_EqualTheRowsTheDroppedTriggersWrite()
    {
        await using (SqliteConnection connection = await OpenAsync())
        {
            await ExecuteAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name IN ('readings_count_insert', 'readings_values_insert')",
                read: r => Assert.Fail($"trigger {r.GetString(0)} still there"));
            await CreateShadowsAsync(connection);
        }

        await IngestDayCountsTests.WriteAsync(Store, ReadingDayCountsTests.Batch(0, h => h % 11 == 0 ? "D" : h % 13 == 0 ? null : "N"));
        await IngestDayCountsTests.WriteAsync(Store, DayValuesTests.Others(0, -2, 6));
        await IngestDayCountsTests.WriteAsync(Store, ReadingDayCountsTests.Batch(0, h => h % 11 == 0 ? "D" : h % 13 == 0 ? null : "N"));
        await IngestDayCountsTests.WriteAsync(Store, ReadingDayCountsTests.Batch(0.05m, h => h % 7 == 0 ? "T" : "N"));

        // A new hour and its revision in one batch: the log holds both, in that order.
        DateTimeOffset late = IngestDayCountsTests.March.AddDays(9);
        await IngestDayCountsTests.WriteAsync(Store,
        [
            new Reading("M1", "w21003", ReadingKind.Hour, late, 2m, Unit.MilligramPerLitre, "N", true),
            new Reading("M1", "w21003", ReadingKind.Hour, late, 1e-7m, Unit.MilligramPerLitre, "D", false),
            new Reading("M1", "w21003", ReadingKind.Hour, late.AddHours(1), 123456.789012345m, Unit.MilligramPerLitre, null, true),
        ]);
        await Store.ApplyAsync([ReadingDayCountsTests.Decision("M1", ReviewAction.Invalidate,
            ReadingDayCountsTests.March.AddHours(20), ReadingDayCountsTests.March.AddHours(30))], ReadingDayCountsTests.Audit, Ct);

        await using (SqliteConnection connection = await OpenAsync())
        {
            List<string> kept = await RowsAsync(connection, "reading_day_values", "day, series, entries");
            Assert.Equal(await RowsAsync(connection, "shadow_day_values", "day, series, entries"), kept);
            Assert.Contains(kept, r => r.Contains(",480,1,mg/L,2.0;", StringComparison.Ordinal) && r.Contains(",480,0,mg/L,1.0e-07;", StringComparison.Ordinal));
            Assert.Equal(await RowsAsync(connection, "shadow_day_counts", "day, series, readings, valid, to_review"),
                await RowsAsync(connection, "reading_day_counts", "day, series, readings, valid, to_review"));
        }
    }

    // Tables like the kept ones, and the triggers as migrations 0020 and 0025 made them, writing there instead.
    private static async Task CreateShadowsAsync(SqliteConnection connection)
    {
        await ExecuteAsync(connection, """
            CREATE TABLE shadow_day_values (day INTEGER NOT NULL, series INTEGER NOT NULL, entries TEXT NOT NULL, PRIMARY KEY (day, series)) WITHOUT ROWID;
            CREATE TABLE shadow_day_counts (day INTEGER NOT NULL, series INTEGER NOT NULL, readings INTEGER NOT NULL, valid INTEGER NOT NULL,
                to_review INTEGER NOT NULL, PRIMARY KEY (day, series)) WITHOUT ROWID;
            """);
        int triggers = 0;
        foreach (string migration in new[] { "0020_review_counts_and_levels.sql", "0025_reading_day_values.sql" })
        {
            foreach (Match trigger in Trigger().Matches(await SqliteMigrationText.ReadAsync(migration, Ct)))
            {
                await ExecuteAsync(connection, trigger.Value.Replace("CREATE TRIGGER readings_", "CREATE TRIGGER shadow_", StringComparison.Ordinal)
                    .Replace("reading_day_values", "shadow_day_values", StringComparison.Ordinal).Replace("reading_day_counts", "shadow_day_counts", StringComparison.Ordinal));
                triggers++;
            }
        }

        Assert.Equal(4, triggers);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync(Ct);
        return connection;
    }

    private static async Task<List<string>> RowsAsync(SqliteConnection connection, string table, string columns)
    {
        var rows = new List<string>();
        await ExecuteAsync(connection, $"SELECT {columns} FROM {table} ORDER BY day, series", read: r =>
            rows.Add(string.Join('|', Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)))));
        Assert.NotEmpty(rows);
        return rows;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, Action<SqliteDataReader>? read = null)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            read?.Invoke(reader);
        }
    }

    [GeneratedRegex(@"CREATE TRIGGER readings_(count|values)_(insert|update) AFTER .*?\nEND;", RegexOptions.Singleline)]
    private static partial Regex Trigger();
}
