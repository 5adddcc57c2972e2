using Npgsql;

namespace Qingshui.Storage.Tests.Postgres;

/// <summary>
/// The list-order locks (migrations 0009 and 0013) are taken in one order, table names sorted, so that two transactions
/// writing two such tables never wait on each other in a circle.
/// </summary>
public sealed class PostgresListOrderLockTests : TwoStoresOnOneDatabase
{
    private const string InsertAlert = """
        INSERT INTO alerts (rule, kind, severity, section, station, parameter, raised_at, raised_offset, cleared_at, evidence, reason)
        VALUES ('r-' || gen_random_uuid(), 1, 1, 'jinyushi', 'A', 'w21003', 0, 480, NULL, '[]', 'r')
        """;

    private const string InsertNotice = """
        INSERT INTO notices (kind, reference, title_zh, title_en, body_zh, body_en, at, at_offset, posted_at)
        VALUES ('k', 'ref', '标题', 'title', '正文', 'body', 0, 480, 0)
        """;

    [Fact]
    public async Task TwoTransactions_TakingTheirTablesFirst_InOppositeOrders_BothCommit()
    {
        // Given one transaction that will write notices then alerts, and one alerts then notices, each naming its tables first
        await using Writer first = await Writer.BeginAsync(Database, "SELECT list_order_take(ARRAY['notices', 'alerts'])");
        await using Writer second = await Writer.BeginAsync(Database, null);

        // When they interleave: the first writes a notice, the second asks for its tables (and waits), the first writes an alert
        await first.RunAsync(InsertNotice);
        Task secondWork = Task.Run(async () =>
        {
            await second.RunAsync("SELECT list_order_take(ARRAY['alerts', 'notices'])");
            await second.RunAsync(InsertAlert);
            await second.RunAsync(InsertNotice);
            await second.CommitAsync();
        }, Ct);
        await Task.WhenAny(secondWork, Task.Delay(TimeSpan.FromMilliseconds(300), Ct));
        Assert.False(secondWork.IsCompleted);
        await first.RunAsync(InsertAlert);
        await first.CommitAsync();

        // Then both commit, neither chosen as a deadlock's victim, and each wrote both rows
        await secondWork.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal((2L, 2L), (await CountAsync("alerts"), await CountAsync("notices")));
    }

    [Fact]
    public async Task TwoTransactions_WritingTwoTablesInOppositeOrders_TheOneOutOfOrderIsRefusedAtOnce_AndTheOtherCommits()
    {
        // Given one transaction that wrote an alert and one that wrote a notice, neither naming its tables first
        await using Writer first = await Writer.BeginAsync(Database, null);
        await using Writer second = await Writer.BeginAsync(Database, null);
        await first.RunAsync(InsertAlert);
        await second.RunAsync(InsertNotice);

        // When the first goes on to write a notice (and waits for the second), and the second an alert
        Task firstWork = Task.Run(async () =>
        {
            await first.RunAsync(InsertNotice);
            await first.CommitAsync();
        }, Ct);
        PostgresException refused = await Assert.ThrowsAsync<PostgresException>(() => second.RunAsync(InsertAlert));
        await second.RollbackAsync();

        // Then the second is refused with what to do instead of waiting into a deadlock, and the first commits
        Assert.Equal(PostgresErrorCodes.LockNotAvailable, refused.SqlState);
        Assert.Contains("list-order lock of alerts asked after that of notices", refused.MessageText, StringComparison.Ordinal);
        await firstWork.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        Assert.Equal((1L, 1L), (await CountAsync("alerts"), await CountAsync("notices")));
    }

    [Fact]
    public async Task OneTransaction_WritingItsTablesAgain_InAnyOrder_AfterTakingThem_Commits()
    {
        await using Writer writer = await Writer.BeginAsync(Database, "SELECT list_order_take(ARRAY['notices', 'alerts', 'notices'])");

        foreach (string insert in new[] { InsertNotice, InsertAlert, InsertNotice, InsertAlert })
        {
            await writer.RunAsync(insert);
        }

        await writer.CommitAsync();
        Assert.Equal((2L, 2L), (await CountAsync("alerts"), await CountAsync("notices")));
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    // A connection with a transaction open on it, as a node's store holds one while it writes.
    private sealed class Writer(NpgsqlConnection connection, NpgsqlTransaction transaction) : IAsyncDisposable
    {
        public static async Task<Writer> BeginAsync(string database, string? first)
        {
            var connection = new NpgsqlConnection(database);
            await connection.OpenAsync(Ct);
            var writer = new Writer(connection, await connection.BeginTransactionAsync(Ct));
            if (first is not null)
            {
                await writer.RunAsync(first);
            }

            return writer;
        }

        public async Task RunAsync(string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(Ct);
        }

        public Task CommitAsync() => transaction.CommitAsync(Ct);

        public Task RollbackAsync() => transaction.RollbackAsync(Ct);

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
