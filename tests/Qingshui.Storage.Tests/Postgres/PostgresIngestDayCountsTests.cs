using Npgsql;
using Qingshui.Domain.Readings;
using Qingshui.Storage.Postgres;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Postgres;

/// <summary>The day counts on PostgreSQL, read straight from reading_day_counts, which its statement triggers keep.</summary>
public sealed class PostgresIngestDayCountsTests : IngestDayCountsTests
{
    private string _database = "";

    protected override async Task<IReadingStore> OpenAsync()
    {
        _database = await PostgresCluster.CreateDatabaseAsync();
        return await PostgresStore.OpenAsync(new PostgresStoreOptions(_database), TimeProvider.System, Ct);
    }

    protected override async Task<IReadOnlyList<ReviewDayCount>> KeptCountsAsync(ReadingKind kind)
    {
        await using var connection = new NpgsqlConnection(_database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("""
            SELECT s.station, s.parameter, c.day, c.readings, c.valid, c.to_review FROM reading_day_counts c JOIN series s ON s.id = c.series
            WHERE s.kind = $1 AND c.day >= $2 AND c.day < $3 AND c.readings > 0
            """, connection);
        int epoch = DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        command.Parameters.Add(new NpgsqlParameter { Value = (int)kind });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)(FirstDay.DayNumber - epoch) });
        command.Parameters.Add(new NpgsqlParameter { Value = (long)(LastDay.DayNumber - epoch) });
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(Ct);
        var counts = new List<ReviewDayCount>();
        while (await reader.ReadAsync(Ct))
        {
            counts.Add(new ReviewDayCount(reader.GetString(0), reader.GetString(1), DateOnly.FromDayNumber((int)reader.GetInt64(2) + epoch),
                (int)reader.GetInt64(3), (int)reader.GetInt64(4), (int)reader.GetInt64(5)));
        }

        return counts;
    }

    [Fact]
    public async Task DayCounts_AfterUpdatesOfValidityMarksAndOffset_EqualARecountOfTheReadings()
    {
        await WriteAsync(Store, Batch(0, h => h % 11 == 0 ? "D" : "N"));

        // What a reviewer's decision does to readings (invalidate and mark reviewed), and an offset that moves readings to
        // another local day: the update trigger moves each reading's contribution.
        await using (var connection = new NpgsqlConnection(_database))
        {
            await connection.OpenAsync(Ct);
            await using var update = new NpgsqlCommand("""
                UPDATE readings SET valid = 0, marks = marks | 64, stored_at = stored_at + 1, revision = revision + 1 WHERE period_start % 7200000 = 0;
                UPDATE readings SET utc_offset = utc_offset - 600, stored_at = stored_at + 1, revision = revision + 1 WHERE period_start % 10800000 = 0;
                UPDATE readings SET flag = 'T', stored_at = stored_at + 1, revision = revision + 1 WHERE period_start % 18000000 = 0;
                """, connection);
            await update.ExecuteNonQueryAsync(Ct);
        }

        await AssertCountsEqualRecountAsync();
    }
}
