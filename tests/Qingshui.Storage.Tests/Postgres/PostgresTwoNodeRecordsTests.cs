using Npgsql;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Incidents;
using Qingshui.Domain.Presets;
using Qingshui.Storage.Postgres;
using Qingshui.Storage.Tests.Audit;
using Qingshui.Storage.Tests.Compensation;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Postgres;

/// <summary>
/// The ledger, audit log and incidents with two stores on one database, as two server nodes have them: whatever the
/// interleaving, they give the answers SQLite's single writer gives.
/// </summary>
public sealed class PostgresTwoNodeRecordsTests : TwoStoresOnOneDatabase
{
    private readonly Agreement _lushui = AgreementPresets.Load("lushui-2019");

    [Fact]
    public async Task Audit_AppendedByTwoNodesAtOnce_IsOneUnbrokenChain()
    {
        // Given two nodes, four writers on each
        Task[] writers = [.. Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (int i = 0; i < 25; i++)
            {
                await (w % 2 == 0 ? A : B).AppendAsync(AuditStoreTests.Record($"writer{w}", "ledger.confirm", minute: i), Ct);
            }
        }, Ct))];

        // When they have all appended
        await Task.WhenAll(writers);

        // Then there is one chain: 200 entries, numbered 1–200, each linked to the one before
        IReadOnlyList<AuditEntry> all = await B.ReadAsync(0, 1000, Ct);
        AuditVerifier verifier = AuditVerifier.Verify(all);
        Assert.Null(verifier.Break);
        Assert.Equal(200, verifier.Intact);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), all.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Ledger_TwoNodesWritingOnTheSameVersion_OneWritesAndOneGetsAConflict_EveryRound()
    {
        Ledger ledger = await LedgerRaceTests.OpenedAsync(A, _lushui, Ct);
        for (int round = 0; round < 10; round++)
        {
            // Given both nodes decided on the ledger as it stands
            int version = ledger.Events.Count;
            LedgerEvent[] fromA = [.. LedgerRaceTests.DecideMarch(ledger, "江西").Events];
            LedgerEvent[] fromB = [.. LedgerRaceTests.DecideMarch(ledger, "湖南").Events];

            // When both write at once
            Task writeA = A.AppendAsync(_lushui, version, fromA, LedgerRaceTests.Entry("江西"), Ct);
            Task writeB = B.AppendAsync(_lushui, version, fromB, LedgerRaceTests.Entry("湖南"), Ct);
            Exception?[] outcomes = await Task.WhenAll(Outcome(writeA), Outcome(writeB));

            // Then one wrote and the other was told to decide again; the ledger grew by one write
            Assert.Single(outcomes, o => o is null);
            Assert.IsType<LedgerConflictException>(Assert.Single(outcomes, o => o is not null));
            ledger = await B.LoadAsync(_lushui, Ct);
            Assert.Equal(version + 1, ledger.Events.Count);
        }

        IReadOnlyList<AuditEntry> log = await A.ReadAsync(0, 100, Ct);
        Assert.Equal(10, log.Count);
        Assert.Null(AuditVerifier.Verify(log).Break);
    }

    [Fact]
    public async Task Ledger_WhenItsAuditEntryCannotBeWritten_StoresNoEventEither()
    {
        await LedgerRaceTests.OpenedAsync(A, _lushui, Ct);
        Ledger ledger = await A.LoadAsync(_lushui, Ct);
        await ExecuteAsync("""
            CREATE FUNCTION no_room() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no room'; END; $$;
            CREATE TRIGGER audit_log_fails BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION no_room();
            """);

        StoreException failed = await Assert.ThrowsAsync<StoreException>(() =>
            B.AppendAsync(_lushui, ledger.Events.Count, LedgerRaceTests.DecideMarch(ledger, "江西").Events, LedgerRaceTests.Entry("江西"), Ct));

        Assert.Contains("no room", failed.Message, StringComparison.Ordinal);
        Assert.Equal(ledger.Events.Count, (await A.LoadAsync(_lushui, Ct)).Events.Count);
    }

    [Theory]
    [InlineData("UPDATE audit_log SET actor = '张三' WHERE sequence = 1", "audit_log is append-only")]
    [InlineData("DELETE FROM audit_log WHERE sequence = 1", "audit_log is append-only")]
    [InlineData("TRUNCATE audit_log", "audit_log is append-only")]
    [InlineData("UPDATE ledger_events SET body = '{}'", "ledger_events is append-only")]
    [InlineData("DELETE FROM ledger_events", "ledger_events is append-only")]
    [InlineData("TRUNCATE ledger_events", "ledger_events is append-only")]
    public async Task AppendOnlyTables_RefuseChanges_FromOutsideTheStoreToo(string sql, string refusal)
    {
        await A.AppendAsync(AuditStoreTests.Record("王芳", "ledger.confirm"), Ct);
        await A.AppendAsync(_lushui, [new YearSettled(2020, "h", DateTimeOffset.UnixEpoch, "x")], Ct);

        PostgresException error = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync(sql));

        Assert.Contains(refusal, error.MessageText, StringComparison.Ordinal);
        Assert.Equal("王芳", (await B.ReadAsync(0, 1, Ct)).Single().Record.Actor);
        Assert.Single((await B.LoadAsync(_lushui, Ct)).Events);
    }

    [Fact]
    public async Task MissingAuditGuards_NamesATriggerDroppedOrDisabled()
    {
        Assert.Empty(await A.MissingAuditGuardsAsync(Ct));

        await ExecuteAsync("DROP TRIGGER audit_log_no_update ON audit_log; ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate");

        Assert.Equal(["audit_log_no_update", "audit_log_no_truncate"], await B.MissingAuditGuardsAsync(Ct));
    }

    [Fact]
    public async Task Incident_OpenedForOneSectionByTwoNodesAtOnce_IsOpenedOnce()
    {
        Task<Incident>[] creating = [A.CreateAsync(IncidentStoreTests.New(), Ct), B.CreateAsync(IncidentStoreTests.New(hour: 1), Ct)];
        Exception?[] outcomes = await Task.WhenAll(creating.Select(c => Outcome(c)));

        Assert.Single(outcomes, o => o is null);
        Assert.IsType<StoreException>(Assert.Single(outcomes, o => o is not null));
        Assert.Single(await B.OpenIncidentsAsync(Ct));
    }

    [Fact]
    public async Task Incident_StepTakenByTwoNodesAtOnce_IsStoredOnce_AndAnActionOnlyWhileTheStatusHolds()
    {
        Incident raised = await A.CreateAsync(IncidentStoreTests.New(), Ct);
        Incident byHunan = IncidentLifecycle.Take(raised, IncidentStoreTests.Step(IncidentStepKind.Notified)).Incident!;
        Incident byJiangxi = IncidentLifecycle.Take(raised, IncidentStoreTests.Step(IncidentStepKind.Notified, "jx-operator", "jiangxi")).Incident!;

        bool[] stored = await Task.WhenAll(
            A.RecordStepAsync(byHunan, IncidentStatus.Raised, null, Ct), B.RecordStepAsync(byJiangxi, IncidentStatus.Raised, null, Ct));
        var action = new ResponseAction(0, ResponseActionKind.TightenedMonitoring, "hn-operator", "hunan", IncidentStoreTests.Opened.AddMinutes(11), "every 5 minutes", []);
        ResponseAction? stale = await B.AddActionAsync(raised.Id, IncidentStatus.Raised, action, Ct);

        Assert.Single(stored, s => s);
        Assert.Null(stale);
        Incident found = (await A.FindIncidentAsync(raised.Id, Ct))!;
        Assert.Equal((IncidentStatus.Notified, 2), (found.Status, found.Steps.Count));
        Assert.Empty(found.Actions);
    }

    [Fact]
    public async Task Incident_ActionWhileAnotherNodeIsChangingTheStatus_WaitsForItAndIsRefused()
    {
        // Given another node's step on the incident, not yet committed
        Incident raised = await A.CreateAsync(IncidentStoreTests.New(), Ct);
        await using var other = new NpgsqlConnection(Database);
        await other.OpenAsync(Ct);
        await using NpgsqlTransaction step = await other.BeginTransactionAsync(Ct);
        await using (var update = new NpgsqlCommand($"UPDATE incidents SET status = 'notified' WHERE id = {raised.Id}", other, step))
        {
            await update.ExecuteNonQueryAsync(Ct);
        }

        // When an action decided on the raised incident is stored meanwhile, and the step then commits
        var action = new ResponseAction(0, ResponseActionKind.TightenedMonitoring, "hn-operator", "hunan", IncidentStoreTests.Opened.AddMinutes(11), "every 5 minutes", []);
        Task<ResponseAction?> adding = B.AddActionAsync(raised.Id, IncidentStatus.Raised, action, Ct);
        await WaitUntilSomeoneWaitsForALockAsync();
        await step.CommitAsync(Ct);

        // Then the action was checked against the committed status, not the one before it
        Assert.Null(await adding);
        Assert.Empty((await A.FindIncidentAsync(raised.Id, Ct))!.Actions);
    }

    private async Task WaitUntilSomeoneWaitsForALockAsync()
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync(Ct);
        await using var waiting = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        while ((long)(await waiting.ExecuteScalarAsync(Ct))! == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "no store call came to wait for the row lock");
            await Task.Delay(20, Ct);
        }
    }

    private static async Task<Exception?> Outcome(Task write)
    {
        try
        {
            await write;
            return null;
        }
        catch (Exception e) when (e is LedgerConflictException or StoreException)
        {
            return e;
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
