using Microsoft.Data.Sqlite;
using Qingshui.Domain.Audit;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Storage.Tests.Audit;

public abstract class AuditStoreTests(StoreBackend backend) : BackendStoreTests<IAuditStore>(backend)
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>An entry as the ledger's commands write them.</summary>
    internal static AuditRecord Record(string actor, string action, string organisation = "", int minute = 0) =>
        AuditRecord.Create(At.AddMinutes(minute), new AuditActor(actor, organisation, "192.0.2.7"), action, "lushui-2019/2020-03", AuditOutcome.Done, null,
            null, """{"events":[]}""");

    [Fact]
    public async Task Append_NumbersAndChainsEntries_AndReadsThemBackAsStored()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        AuditEntry first = await Store.AppendAsync(Record("王芳", "ledger.confirm", "hunan"), ct);
        AuditEntry second = await Store.AppendAsync(Record("李华", "ledger.decide", "jiangxi", 1), ct);

        IReadOnlyList<AuditEntry> stored = await Store.ReadAsync(0, 10, ct);

        Assert.Equal((1L, AuditChain.Genesis), (first.Sequence, first.PreviousHash));
        Assert.Equal((2L, first.Hash), (second.Sequence, second.PreviousHash));
        Assert.Equal([first, second], stored);
        Assert.Null(AuditVerifier.Verify(stored).Break);
        Assert.Equal([second], await Store.ReadAsync(1, 10, ct));
    }

    [Fact]
    public async Task List_IsNewestFirst_PagedAndFiltered()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        for (int i = 0; i < 6; i++)
        {
            await Store.AppendAsync(Record(i % 2 == 0 ? "王芳" : "李华", i < 3 ? "ledger.confirm" : "ledger.close", i % 2 == 0 ? "hunan" : "jiangxi", i), ct);
        }

        IReadOnlyList<AuditEntry> page1 = await Store.ListAsync(new AuditQuery(Limit: 4), ct);
        IReadOnlyList<AuditEntry> page2 = await Store.ListAsync(new AuditQuery(Limit: 4, BeforeSequence: page1[^1].Sequence), ct);
        IReadOnlyList<AuditEntry> hunan = await Store.ListAsync(new AuditQuery(Organisation: "hunan"), ct);
        IReadOnlyList<AuditEntry> closes = await Store.ListAsync(new AuditQuery(Actor: "李华", Action: "ledger.close"), ct);

        Assert.Equal([6L, 5, 4, 3], page1.Select(e => e.Sequence));
        Assert.Equal([2L, 1], page2.Select(e => e.Sequence));
        Assert.Equal([5L, 3, 1], hunan.Select(e => e.Sequence));
        Assert.Equal([6L, 4], closes.Select(e => e.Sequence));
        Assert.Equal("192.0.2.7", page1[0].Record.RemoteAddress);
    }
}

public sealed class SqliteAuditStoreTests() : AuditStoreTests(StoreBackend.Sqlite);

public sealed class PostgresAuditStoreTests() : AuditStoreTests(StoreBackend.Postgres);

/// <summary>What only the SQLite file shows: its triggers, and a second process on the same file.</summary>
public sealed class SqliteAuditFileTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-audit-").FullName;
    private SqliteStore _store = null!;

    private string DatabasePath => Path.Combine(_directory, "q.db");

    public async ValueTask InitializeAsync() =>
        _store = await SqliteStore.OpenAsync(new SqliteStoreOptions(DatabasePath), TimeProvider.System, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static AuditRecord Record(string actor, string action, string organisation = "", int minute = 0) =>
        AuditStoreTests.Record(actor, action, organisation, minute);

    [Theory]
    [InlineData("UPDATE audit_log SET actor = '张三' WHERE sequence = 1")]
    [InlineData("DELETE FROM audit_log WHERE sequence = 1")]
    public async Task AuditLog_RefusesUpdateAndDelete(string sql)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await _store.AppendAsync(Record("王芳", "ledger.confirm"), ct);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync(ct);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;

        SqliteException error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync(ct));

        Assert.Contains("audit_log is append-only", error.Message, StringComparison.Ordinal);
        Assert.Equal("王芳", (await _store.ReadAsync(0, 1, ct)).Single().Record.Actor);
    }

    [Fact]
    public async Task Append_FromTwoStoresOnOneFileAtOnce_NeverForksTheChain()
    {
        // Given a second store on the same file (another process: the CLI beside the server)
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using SqliteStore other = await SqliteStore.OpenAsync(new SqliteStoreOptions(DatabasePath), TimeProvider.System, ct);

        // When both append concurrently, several writers each
        Task[] writers = [.. Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < 25; i++)
            {
                await (w % 2 == 0 ? _store : other).AppendAsync(Record($"writer{w}", "ledger.confirm", minute: i), ct);
            }
        }, ct))];
        await Task.WhenAll(writers);

        // Then there is one chain: 200 entries, numbered 1–200, each linked to the one before
        IReadOnlyList<AuditEntry> all = await _store.ReadAsync(0, 1000, ct);
        AuditVerifier verifier = AuditVerifier.Verify(all);
        Assert.Null(verifier.Break);
        Assert.Equal(200, verifier.Intact);
    }
}
