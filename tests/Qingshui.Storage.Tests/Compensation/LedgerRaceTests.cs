using Qingshui.Domain.Assessment;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Compensation;

namespace Qingshui.Storage.Tests.Compensation;

/// <summary>Two writers on one ledger, on either backend: a write decided on a ledger that has grown since is refused whole.</summary>
public abstract class LedgerConflictTests(StoreBackend backend) : BackendStoreTests<ILedgerStore>(backend)
{
    private readonly Agreement _lushui = AgreementPresets.Load("lushui-2019");

    [Fact]
    public async Task Append_DecidedOnAStaleLedger_IsRefused_AndWritesNeitherEventsNorItsAuditEntry()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        Ledger stale = await LedgerRaceTests.OpenedAsync(Store, _lushui, ct);
        await Store.AppendAsync(_lushui, stale.Events.Count, LedgerRaceTests.DecideMarch(stale, "江西").Events, LedgerRaceTests.Entry("江西"), ct);
        int events = (await Store.LoadAsync(_lushui, ct)).Events.Count;

        LedgerConflictException conflict = await Assert.ThrowsAsync<LedgerConflictException>(
            () => Store.AppendAsync(_lushui, stale.Events.Count, LedgerRaceTests.DecideMarch(stale, "湖南").Events, LedgerRaceTests.Entry("湖南"), ct));

        Assert.Contains($"holds {events} events, not the {stale.Events.Count}", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(events, (await Store.LoadAsync(_lushui, ct)).Events.Count);
        Assert.Equal(["江西"], (await ((IAuditStore)Store).ReadAsync(0, 10, ct)).Select(e => e.Record.Actor));
    }
}

public sealed class SqliteLedgerConflictTests() : LedgerConflictTests(StoreBackend.Sqlite);

public sealed class PostgresLedgerConflictTests() : LedgerConflictTests(StoreBackend.Postgres);

/// <summary>Two writers on one ledger through the settlement service: a command is never recorded against a ledger that has grown since it was decided.</summary>
public abstract class LedgerRaceTests(StoreBackend backend) : BackendStoreTests<IReadingStore>(backend)
{
    private static readonly Period March = Period.Containing(PeriodKind.Month, new DateOnly(2020, 3, 1));
    private readonly Agreement _lushui = AgreementPresets.Load("lushui-2019");

    internal static AuditRecord Entry(string by) =>
        AuditRecord.Create(DateTimeOffset.UtcNow, AuditActor.CommandLine(by), SettlementService.DecideAction, "lushui-2019/2020-03", AuditOutcome.Done, null, null, null);

    internal static LedgerResult DecideMarch(Ledger ledger, string by) =>
        ledger.Decide(new Decision(March, DecisionOutcome.NoPayment, by, DateTimeOffset.UtcNow, "联席会议"));

    internal static async Task<Ledger> OpenedAsync(ILedgerStore store, Agreement agreement, CancellationToken ct)
    {
        Ledger empty = await store.LoadAsync(agreement, ct);
        await store.AppendAsync(agreement, empty.Record(CompensationEngine.Compute(agreement, 2020, new Dictionary<string, IReadOnlyList<Observation>>()), DateTimeOffset.UtcNow).Events, ct);
        return await store.LoadAsync(agreement, ct);
    }

    [Fact]
    public async Task Command_WhoseLedgerGrewBeforeItsWrite_IsDecidedAgainOnTheLedgerAsItNowStands()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var ledgers = (ILedgerStore)Store;
        await OpenedAsync(ledgers, _lushui, ct);
        // Another writer (the other party, the job, the command line) appends just before this command's own write.
        var racing = new RacingLedgers(ledgers, async () =>
        {
            Ledger now = await ledgers.LoadAsync(_lushui, ct);
            await ledgers.AppendAsync(_lushui, now.Events.Count, DecideMarch(now, "江西").Events, Entry("江西"), ct);
        });
        var service = new SettlementService(Store, racing, (IAuditStore)Store, TimeProvider.System);
        var seen = new List<int>();

        LedgerError? error = await service.ApplyAsync(_lushui, AuditActor.CommandLine("湖南"), SettlementService.DecideAction, March,
            ledger => { seen.Add(ledger.Events.Count); return DecideMarch(ledger, "湖南"); }, ct);

        Assert.Null(error);
        Assert.Equal([seen[0], seen[0] + 1], seen);
        Ledger after = await ledgers.LoadAsync(_lushui, ct);
        Assert.Equal(["江西", "湖南"], after.Events.OfType<DecisionRecorded>().Select(d => d.Decision.DecidedBy));
        Assert.Equal(seen[0] + 2, after.Events.Count);
    }

    /// <summary>A ledger store that lets another writer append once, just before the first audited write it is asked for.</summary>
    private sealed class RacingLedgers(ILedgerStore inner, Func<Task> interleave) : ILedgerStore
    {
        private Func<Task>? _pending = interleave;

        public Task AppendAsync(Agreement agreement, IReadOnlyList<LedgerEvent> events, CancellationToken cancellationToken) =>
            inner.AppendAsync(agreement, events, cancellationToken);

        public async Task AppendAsync(Agreement agreement, int expectedEvents, IReadOnlyList<LedgerEvent> events, AuditRecord audit, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _pending, null) is Func<Task> other)
            {
                await other();
            }

            await inner.AppendAsync(agreement, expectedEvents, events, audit, cancellationToken);
        }

        public Task<Ledger> LoadAsync(Agreement agreement, CancellationToken cancellationToken) => inner.LoadAsync(agreement, cancellationToken);

        public Task<Agreement?> RecordedAgreementAsync(string agreementId, CancellationToken cancellationToken) =>
            inner.RecordedAgreementAsync(agreementId, cancellationToken);
    }
}

public sealed class SqliteLedgerRaceTests() : LedgerRaceTests(StoreBackend.Sqlite);

public sealed class PostgresLedgerRaceTests() : LedgerRaceTests(StoreBackend.Postgres);
