using Microsoft.Data.Sqlite;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;

namespace Qingshui.Storage.Tests;

public abstract class LedgerStoreTests(StoreBackend backend) : BackendStoreTests<ILedgerStore>(backend)
{
    [Fact]
    public async Task Append_ThenLoad_RebuildsTheLedger_PerAgreement()
    {
        Agreement lushui = AgreementPresets.Load("lushui-2019");
        Agreement yellow = AgreementPresets.Load("yellow-river-2021");
        var at = new DateTimeOffset(2021, 1, 2, 3, 4, 5, TimeSpan.FromHours(8));
        Period march = Period.Containing(PeriodKind.Month, new DateOnly(2020, 3, 1));
        Ledger empty = await Store.LoadAsync(lushui, Ct);
        IReadOnlyList<PeriodAccount> accounts = CompensationEngine.Compute(lushui, 2020, new Dictionary<string, IReadOnlyList<Observation>>());
        LedgerResult recorded = empty.Record(accounts, at);

        await Store.AppendAsync(lushui, recorded.Events, Ct);
        Ledger afterRecord = await Store.LoadAsync(lushui, Ct);
        await Store.AppendAsync(lushui, afterRecord.Decide(new Decision(march, DecisionOutcome.NoPayment, "联席会议", at, "no data")).Events, Ct);

        Ledger loaded = await Store.LoadAsync(lushui, Ct);
        Assert.Equal(14, loaded.Events.Count);
        Assert.IsType<AgreementRecorded>(loaded.Events[0]);
        Assert.Equal(AgreementFile.Write(lushui), AgreementFile.Write((await Store.RecordedAgreementAsync("lushui-2019", Ct))!));
        Assert.Null(await Store.RecordedAgreementAsync("lushui-demo", Ct));
        Assert.Equal(AccountStatus.NoData, loaded.AccountOf(march)!.Status);
        Assert.Single(loaded.Decisions);
        Assert.Empty((await Store.LoadAsync(yellow, Ct)).Events);
    }

    [Fact]
    public async Task Append_KeepsTheEventsInTheOrderGiven_WhenTheirTimesDisagree()
    {
        Agreement lushui = AgreementPresets.Load("lushui-2019");
        LedgerEvent[] events = [new YearSettled(2021, "b", DateTimeOffset.UnixEpoch.AddDays(2), "x"), new YearSettled(2020, "a", DateTimeOffset.UnixEpoch, "x")];

        await Store.AppendAsync(lushui, events, Ct);

        Assert.Equal([2021, 2020], (await Store.LoadAsync(lushui, Ct)).Events.OfType<YearSettled>().Select(e => e.Year));
    }
}

public sealed class SqliteLedgerStoreTests() : LedgerStoreTests(StoreBackend.Sqlite);

public sealed class PostgresLedgerStoreTests() : LedgerStoreTests(StoreBackend.Postgres);

/// <summary>What only the SQLite file shows: its triggers, reached with a connection of its own.</summary>
public sealed class SqliteLedgerFileTests() : FreshStoreTests("qingshui-ledger-")
{
    [Fact]
    public async Task LedgerEvents_CannotBeEditedOrDeleted()
    {
        Agreement lushui = AgreementPresets.Load("lushui-2019");
        await Store.AppendAsync(lushui, [new YearSettled(2020, "h", DateTimeOffset.UnixEpoch, "x")], TestContext.Current.CancellationToken);
        await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "UPDATE ledger_events SET body = '{}'";

        SqliteException error = await Assert.ThrowsAsync<SqliteException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }
}
