using Microsoft.Data.Sqlite;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Compensation;

namespace Qingshui.Storage.Tests.Compensation;

public abstract class SettlementServiceAuditTests(StoreBackend backend) : BackendStoreTests<IReadingStore>(backend)
{
    private static readonly Period January = Period.Containing(PeriodKind.Month, new DateOnly(2020, 1, 1));
    private readonly Agreement _lushui = AgreementPresets.Load("lushui-2019");
    private SettlementService _service = null!;

    private ILedgerStore Ledgers => (ILedgerStore)Store;

    private IAuditStore Audit => (IAuditStore)Store;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _service = new SettlementService(Store, Ledgers, Audit, TimeProvider.System);
    }

    private Task<LedgerError?> ConfirmAsync(string party, string by) => _service.ApplyAsync(_lushui, AuditActor.CommandLine(by), SettlementService.ConfirmAction,
        January, ledger => ledger.Confirm(January, party, by, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Recompute_ThatRecordsAccounts_IsAuditedAsTheEngine_AndOnlyWhenSomethingWasRecorded()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await _service.RecomputeAsync(_lushui, 2020, ct);
        await _service.RecomputeAsync(_lushui, 2020, ct);

        AuditEntry entry = Assert.Single(await Audit.ReadAsync(0, 10, ct));
        Assert.Equal(("engine", "ledger.recompute", "lushui-2019/2020", AuditOutcome.Done), (entry.Record.Actor, entry.Record.Action, entry.Record.Target, entry.Record.Outcome));
        Assert.Contains("\"kind\":\"AccountRecorded\"", entry.Record.After, StringComparison.Ordinal);
        Assert.Contains("\"period\":\"2020-12\"", entry.Record.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_RefusedConfirm_IsAuditedWithItsReason_AndWritesNoLedgerEvent()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await _service.RecomputeAsync(_lushui, 2020, ct);
        int events = (await Ledgers.LoadAsync(_lushui, ct)).Events.Count;

        LedgerError? refused = await ConfirmAsync("hunan", "王芳");

        Assert.NotNull(refused);
        AuditEntry entry = (await Audit.ListAsync(new AuditQuery(Limit: 1), ct)).Single();
        Assert.Equal(("王芳", "ledger.confirm", "lushui-2019/2020-01", AuditOutcome.Refused, refused.Message),
            (entry.Record.Actor, entry.Record.Action, entry.Record.Target, entry.Record.Outcome, entry.Record.Reason));
        Assert.Null(entry.Record.After);
        Assert.Equal("""{"period":"2020-01","state":"Draft","status":"NoData","hash":""" + "\"" + AccountHash.Of((await Ledgers.LoadAsync(_lushui, ct)).AccountOf(January)!)
            + "\",\"confirmedBy\":[]}", entry.Record.Before);
        Assert.Equal(events, (await Ledgers.LoadAsync(_lushui, ct)).Events.Count);
    }

    [Fact]
    public async Task Apply_DecideThenConfirm_AuditsEachWriteWithItsActor_InOneIntactChain()
    {
        // Given January without data, decided by the joint meeting and recomputed
        CancellationToken ct = TestContext.Current.CancellationToken;
        await _service.RecomputeAsync(_lushui, 2020, ct);
        LedgerError? decided = await _service.ApplyAsync(_lushui, AuditActor.CommandLine("联席会议"), SettlementService.DecideAction, January,
            ledger => ledger.Decide(new Decision(January, DecisionOutcome.NoPayment, "联席会议", DateTimeOffset.UtcNow, "停电")), ct);
        await _service.RecomputeAsync(_lushui, 2020, ct);

        // When Hunan confirms, then tries again, and the year is closed too early
        LedgerError? confirmed = await ConfirmAsync("hunan", "王芳");
        LedgerError? again = await ConfirmAsync("hunan", "王芳");
        (Statement? closed, LedgerError? early) = await _service.CloseAsync(_lushui, 2020, AuditActor.CommandLine("财政厅"), ct);

        // Then every act is in the log, in order, with who did it and how it ended
        Assert.Null(decided);
        Assert.Null(confirmed);
        Assert.NotNull(again);
        Assert.Null(closed);
        Assert.NotNull(early);
        IReadOnlyList<AuditEntry> log = await Audit.ReadAsync(0, 100, ct);
        Assert.Equal(
            [("engine", "ledger.recompute", AuditOutcome.Done), ("联席会议", "ledger.decide", AuditOutcome.Done), ("engine", "ledger.recompute", AuditOutcome.Done),
                ("王芳", "ledger.confirm", AuditOutcome.Done), ("王芳", "ledger.confirm", AuditOutcome.Refused), ("财政厅", "ledger.close", AuditOutcome.Refused)],
            log.Select(e => (e.Record.Actor, e.Record.Action, e.Record.Outcome)));
        Assert.Contains("\"kind\":\"PeriodConfirmed\",\"by\":\"王芳\",\"period\":\"2020-01\",\"party\":\"hunan\"", log[3].Record.After, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"Draft\"", log[3].Record.Before, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"PartlyConfirmed\"", log[4].Record.Before, StringComparison.Ordinal);
        Assert.Contains("\"confirmedBy\":[\"hunan\"]", log[4].Record.Before, StringComparison.Ordinal);
        Assert.Equal("""{"year":2020,"settled":false}""", log[5].Record.Before);
        Assert.Equal(early.Message, log[5].Record.Reason);
        Assert.Null(AuditVerifier.Verify(log).Break);
    }
}

public sealed class SqliteSettlementServiceAuditTests() : SettlementServiceAuditTests(StoreBackend.Sqlite);

public sealed class PostgresSettlementServiceAuditTests() : SettlementServiceAuditTests(StoreBackend.Postgres);

/// <summary>What only the SQLite file allows: a trigger added from outside that makes audit inserts fail.</summary>
public sealed class SqliteSettlementAuditFileTests() : FreshStoreTests("qingshui-settle-audit-")
{
    private static readonly Period January = Period.Containing(PeriodKind.Month, new DateOnly(2020, 1, 1));
    private readonly Agreement _lushui = AgreementPresets.Load("lushui-2019");

    [Fact]
    public async Task Apply_WhenTheAuditEntryCannotBeWritten_StoresNoLedgerEventEither()
    {
        // Given a ledger, and an audit table that refuses inserts (a full disk, a broken file)
        CancellationToken ct = TestContext.Current.CancellationToken;
        var service = new SettlementService(Store, Store, Store, TimeProvider.System);
        await service.RecomputeAsync(_lushui, 2020, ct);
        int events = (await Store.LoadAsync(_lushui, ct)).Events.Count;
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync(ct);
            await using SqliteCommand command = connection.CreateCommand();
            command.CommandText = "CREATE TRIGGER audit_log_fails BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'no room'); END;";
            await command.ExecuteNonQueryAsync(ct);
        }

        // When a decision is recorded
        StoreException failed = await Assert.ThrowsAsync<StoreException>(() => service.ApplyAsync(_lushui, AuditActor.CommandLine("联席会议"),
            SettlementService.DecideAction, January, ledger => ledger.Decide(new Decision(January, DecisionOutcome.NoPayment, "联席会议", DateTimeOffset.UtcNow, "停电")), ct));

        // Then the write failed as a whole: no decision without its audit entry
        Assert.Contains("no room", failed.Message, StringComparison.Ordinal);
        Assert.Equal(events, (await Store.LoadAsync(_lushui, ct)).Events.Count);
    }
}
