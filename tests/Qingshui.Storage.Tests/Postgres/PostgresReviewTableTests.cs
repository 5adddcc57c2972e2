using Npgsql;
using Qingshui.Storage.Postgres;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Postgres;

/// <summary>Review's tables on PostgreSQL are append-only, as on SQLite: the triggers of migration 0004 refuse any change.</summary>
public sealed class PostgresReviewTableTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("review_decisions", "UPDATE review_decisions SET reason = 'other'")]
    [InlineData("review_decisions", "DELETE FROM review_decisions")]
    [InlineData("review_decisions", "TRUNCATE review_decisions")]
    [InlineData("review_months", "UPDATE review_months SET closed = 0")]
    [InlineData("review_months", "DELETE FROM review_months")]
    [InlineData("review_months", "TRUNCATE review_months")]
    [InlineData("review_consents", "UPDATE review_consents SET reason = 'other'")]
    [InlineData("review_consents", "DELETE FROM review_consents")]
    [InlineData("review_consents", "TRUNCATE review_consents")]
    public async Task ReviewTables_ChangingOrRemovingARow_IsRefused(string table, string sql)
    {
        string database = await PostgresCluster.CreateDatabaseAsync();
        await PostgresStore.MigrateAsync(new PostgresStoreOptions(database), Ct);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO review_decisions (station, parameter, from_at, to_at, utc_offset, action, value, reason, note, by_user, organisation, decided_at, readings)
            VALUES ('M1', 'w21003', 0, 3600000, 480, 'correct', 0.410, 'instrument-fault', '', 'hn-reviewer', 'hunan', 0, 1);
            INSERT INTO review_months (station, month, closed, by_user, organisation, at, reason) VALUES ('M1', '2024-03', 1, 'hn-reviewer', 'hunan', 0, '');
            INSERT INTO review_consents (agreement, year, party, by_user, at, reason) VALUES ('xiang-2024', 2024, 'hunan', 'hn-finance', 0, 'flood');
            """, connection))
        {
            await insert.ExecuteNonQueryAsync(Ct);
        }

        await using var change = new NpgsqlCommand(sql, connection);
        PostgresException error = await Assert.ThrowsAsync<PostgresException>(() => change.ExecuteNonQueryAsync(Ct));

        Assert.Equal($"{table} is append-only", error.MessageText);
        await using var count = new NpgsqlCommand($"SELECT COUNT(*) FROM {table}", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync(Ct));
    }
}
