using Qingshui.Domain.Alerts;
using Qingshui.Domain.Incidents;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Storage.Tests;

public abstract class IncidentStoreTests(StoreBackend backend) : BackendStoreTests<IIncidentStore>(backend)
{
    internal static readonly DateTimeOffset Opened = new(2024, 3, 5, 10, 0, 0, TimeSpan.FromHours(8));

    internal static Incident New(string section = "jinyushi", int hour = 0) => new(
        0, section, AlertSeverity.Warning, IncidentStatus.Raised, Opened.AddHours(hour), ["jiangxi", "hunan"], ["A"], [7],
        [
            new DownstreamWarning("liling-wangfang", "hunan", 30, TimeSpan.FromMinutes(833), Opened.AddMinutes(833), null),
            new DownstreamWarning("lushui-mouth", "hunan", null, null, null, "the basin file gives no reachKmToNext for the reach from 'liling-wangfang' to 'lushui-mouth'"),
        ],
        [new IncidentStep(IncidentStepKind.Raised, "engine", "", Opened.AddMinutes(2), "alert 7: NH3-N 2.4")], []);

    internal static IncidentStep Step(IncidentStepKind kind, string actor = "hn-operator", string organisation = "hunan") =>
        new(kind, actor, organisation, Opened.AddMinutes(10), "seen; on our way");

    private async Task<Incident> StepAsync(Incident incident, IncidentStepKind kind, long? joined = null)
    {
        Incident changed = IncidentLifecycle.Take(incident, Step(kind)).Incident!;
        Assert.True(await Store.RecordStepAsync(changed, incident.Status, joined, Ct));
        return changed;
    }

    [Fact]
    public async Task Create_ThenFind_GivesBackWhatWasWritten()
    {
        Incident stored = await Store.CreateAsync(New(), Ct);

        Incident found = (await Store.FindIncidentAsync(stored.Id, Ct))!;

        Assert.True(stored.Id > 0);
        Assert.Equal(("jinyushi", AlertSeverity.Warning, IncidentStatus.Raised, Opened), (found.Section, found.Severity, found.Status, found.OpenedAt));
        Assert.Equal(TimeSpan.FromHours(8), found.OpenedAt.Offset);
        Assert.Equal(["jiangxi", "hunan"], found.Jurisdictions);
        Assert.Equal([7L], found.AlertIds);
        Assert.Equal(New().Downstream, found.Downstream);
        Assert.Equal(New().Steps, found.Steps);
    }

    [Fact]
    public async Task Create_ASecondOpenIncidentOfTheSection_IsRefused_AfterClosingANewOneMayOpen()
    {
        Incident first = await Store.CreateAsync(New(), Ct);

        await Assert.ThrowsAsync<StoreException>(() => Store.CreateAsync(New(hour: 2), Ct));
        Incident closed = await StepAsync(await StepAsync(await StepAsync(first, IncidentStepKind.Notified), IncidentStepKind.Acknowledged), IncidentStepKind.Closed);
        Incident second = await Store.CreateAsync(New(hour: 30), Ct);

        Assert.Equal(IncidentStatus.Closed, (await Store.FindIncidentAsync(closed.Id, Ct))!.Status);
        Assert.Equal([second.Id], (await Store.OpenIncidentsAsync(Ct)).Select(i => i.Id));
    }

    [Fact]
    public async Task RecordStep_WhenSomeoneWasFirst_IsNotStored()
    {
        Incident notified = await StepAsync(await Store.CreateAsync(New(), Ct), IncidentStepKind.Notified);
        Incident byHunan = IncidentLifecycle.Take(notified, Step(IncidentStepKind.Acknowledged)).Incident!;
        Incident byJiangxi = IncidentLifecycle.Take(notified, Step(IncidentStepKind.Acknowledged, "jx-operator", "jiangxi")).Incident!;

        bool first = await Store.RecordStepAsync(byHunan, IncidentStatus.Notified, null, Ct);
        bool second = await Store.RecordStepAsync(byJiangxi, IncidentStatus.Notified, null, Ct);

        Assert.Equal((true, false), (first, second));
        Incident found = (await Store.FindIncidentAsync(notified.Id, Ct))!;
        Assert.Equal("hn-operator", found.Steps[^1].Actor);
        Assert.Equal(3, found.Steps.Count);
    }

    [Fact]
    public async Task RecordStep_AJoinedAlert_AddsEvidenceSeverityAndStation()
    {
        Incident stored = await Store.CreateAsync(New(), Ct);
        Incident joined = IncidentRules.Join(stored, new Alert(9, "r", AlertKind.TargetExceeded, AlertSeverity.Critical, "jinyushi", "B", "w21003",
            Opened.AddHours(1), null, [], "again"), Opened.AddHours(1));

        Assert.True(await Store.RecordStepAsync(joined, IncidentStatus.Raised, 9, Ct));

        Incident found = (await Store.FindIncidentAsync(stored.Id, Ct))!;
        Assert.Equal([7L, 9L], found.AlertIds);
        Assert.Equal(AlertSeverity.Critical, found.Severity);
        Assert.Equal(["A", "B"], found.Stations);
        Assert.Equal(IncidentStepKind.AlertJoined, found.Steps[^1].Kind);
    }

    [Fact]
    public async Task AddAction_WithCommands_ThenARestore_ReadsBackInOrder_AndOnlyWhileTheStatusHolds()
    {
        Incident acknowledged = await StepAsync(await StepAsync(await Store.CreateAsync(New(), Ct), IncidentStepKind.Notified), IncidentStepKind.Acknowledged);
        var tighten = new StationCommandRecord("A", StationCommandRecord.Tighten, "20240305101000001", "done", "9012 ExeRtn=1", Opened.AddMinutes(11), Opened.AddMinutes(11).AddSeconds(2));
        var action = new ResponseAction(0, ResponseActionKind.TightenedMonitoring, "hn-operator", "hunan", Opened.AddMinutes(11), "every 5 minutes", [tighten]);

        ResponseAction stored = (await Store.AddActionAsync(acknowledged.Id, IncidentStatus.Acknowledged, action, Ct))!;
        ResponseAction? stale = await Store.AddActionAsync(acknowledged.Id, IncidentStatus.Notified, action, Ct);
        var restore = new StationCommandRecord("A", StationCommandRecord.Restore, "", StationCommandRecord.NotSent, "no command channel", Opened.AddHours(5), null);
        await Store.AddCommandAsync(stored.Id, restore, Ct);

        Assert.Null(stale);
        ResponseAction found = Assert.Single((await Store.FindIncidentAsync(acknowledged.Id, Ct))!.Actions);
        Assert.Equal((stored.Id, ResponseActionKind.TightenedMonitoring, "every 5 minutes"), (found.Id, found.Kind, found.Note));
        Assert.Equal([tighten, restore], found.Commands);
    }

    [Fact]
    public async Task List_FiltersByStatusSectionAndTime_NewestFirst_PagedById()
    {
        Incident a = await Store.CreateAsync(New("jinyushi", 0), Ct);
        Incident b = await Store.CreateAsync(New("pingshui-source", 5), Ct);
        Incident c = await StepAsync(await Store.CreateAsync(New("other", 10), Ct), IncidentStepKind.Notified);

        Assert.Equal([c.Id, b.Id, a.Id], (await Store.ListIncidentsAsync(new IncidentQuery(10), Ct)).Select(i => i.Id));
        Assert.Equal([c.Id], (await Store.ListIncidentsAsync(new IncidentQuery(10, Status: IncidentStatus.Notified), Ct)).Select(i => i.Id));
        Assert.Equal([b.Id], (await Store.ListIncidentsAsync(new IncidentQuery(10, Section: "pingshui-source"), Ct)).Select(i => i.Id));
        Assert.Equal([b.Id], (await Store.ListIncidentsAsync(new IncidentQuery(10, From: Opened.AddHours(1), To: Opened.AddHours(10)), Ct)).Select(i => i.Id));
        Assert.Equal([b.Id, a.Id], (await Store.ListIncidentsAsync(new IncidentQuery(10, Before: c.Id), Ct)).Select(i => i.Id));
        Assert.Single((await Store.ListIncidentsAsync(new IncidentQuery(10), Ct))[0].Steps, s => s.Kind == IncidentStepKind.Notified);
    }
}

public sealed class SqliteIncidentStoreTests() : IncidentStoreTests(StoreBackend.Sqlite);

public sealed class PostgresIncidentStoreTests() : IncidentStoreTests(StoreBackend.Postgres);

/// <summary>What only the SQLite file shows: another store opening it after a store that never closed.</summary>
public sealed class SqliteIncidentFileTests() : FreshStoreTests("qingshui-incidents-")
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Incident> StepAsync(Incident incident, IncidentStepKind kind)
    {
        Incident changed = IncidentLifecycle.Take(incident, IncidentStoreTests.Step(kind)).Incident!;
        Assert.True(await Store.RecordStepAsync(changed, incident.Status, null, Ct));
        return changed;
    }

    [Fact]
    public async Task OpenIncidents_ReadByAnotherStoreWithoutAnOrderlyClose_AreAllThere()
    {
        // Given an incident acknowledged and one raised, the store is never disposed (as when the process is killed)
        Incident acknowledged = await StepAsync(await StepAsync(await Store.CreateAsync(IncidentStoreTests.New("jinyushi"), Ct), IncidentStepKind.Notified), IncidentStepKind.Acknowledged);
        Incident raised = await Store.CreateAsync(IncidentStoreTests.New("pingshui-source"), Ct);

        // When another store opens the same file
        await using SqliteStore reopened = await SqliteStore.OpenAsync(new SqliteStoreOptions(DatabasePath), TimeProvider.System, Ct);
        IReadOnlyList<Incident> open = await reopened.OpenIncidentsAsync(Ct);

        // Then both are open, with their timelines
        Assert.Equal([acknowledged.Id, raised.Id], open.Select(i => i.Id));
        Assert.Equal([IncidentStatus.Acknowledged, IncidentStatus.Raised], open.Select(i => i.Status));
        Assert.Equal(3, open[0].Steps.Count);
    }
}
