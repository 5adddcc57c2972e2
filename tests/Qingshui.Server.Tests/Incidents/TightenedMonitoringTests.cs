using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Incidents;
using Qingshui.Server.Commands;
using Qingshui.Server.Incidents;
using Qingshui.Server.Live;
using Qingshui.Server.Notices;
using Qingshui.Storage.Sqlite;
using static Qingshui.Server.Tests.Incidents.IncidentBench;

namespace Qingshui.Server.Tests.Incidents;

/// <summary>Tightened monitoring through a fake command channel: 1062 to the incident's stations, answers recorded, restored at closing.</summary>
public sealed class TightenedMonitoringTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("qingshui-tighten-").FullName;
    private readonly FakeIntervalControl _control = new();
    private readonly Outbox _outbox = new();
    private SqliteStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _store = await SqliteStore.OpenAsync(new SqliteStoreOptions(Path.Combine(_folder, "q.db")), TimeProvider.System, Ct);

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private IncidentDesk Desk(IServiceProvider services)
    {
        var options = new ServerOptions { Basin = Basin, DatabasePath = "unused.db" };
        var monitoring = new TightenedMonitoring(services, _store, TimeProvider.System, NullLogger<TightenedMonitoring>.Instance);
        return new IncidentDesk(options, _store, _store, _outbox, new LiveFeed(), monitoring, TimeProvider.System, NullLogger<IncidentDesk>.Instance);
    }

    private async Task<long> OpenAcknowledgedAsync(IncidentDesk desk, AuditActor actor)
    {
        Alert alert = await _store.RaiseAsync(new Alert(0, "nh3n", AlertKind.TargetExceeded, AlertSeverity.Critical, "jinyushi", JiangxiJinyushi, "w21003",
            Start, null, [new AlertValue(Start, 2.4m, true)], "NH3-N 2.4 worse than class III"), Ct);
        await desk.AlertRaisedAsync(alert, Ct);
        long id = Assert.Single(await _store.OpenIncidentsAsync(Ct)).Id;
        Assert.NotNull((await desk.StepAsync(id, IncidentStepKind.Acknowledged, actor, "", Ct)).Incident);
        return id;
    }

    [Fact]
    public async Task Tighten_SendsToEachStation_RecordsAnswers_AndClosingRestoresOnlyThoseThatMayHaveChanged()
    {
        // Given a channel where Jiangxi's station does it and Hunan's is not connected
        _control.NotConnected.Add(HunanJinyushi);
        IncidentDesk desk = Desk(new ServiceCollection().AddSingleton<IRealtimeIntervalControl>(_control).BuildServiceProvider());
        var actor = new AuditActor("hn-operator", "hunan", "127.0.0.1");
        long id = await OpenAcknowledgedAsync(desk, actor);

        // When monitoring is tightened to 120 s and the incident then closes
        (Incident? tightened, _) = await desk.ActAsync(id, ResponseActionKind.TightenedMonitoring, actor, "every 2 minutes", 120, Ct);
        (Incident? closed, _) = await desk.StepAsync(id, IncidentStepKind.Closed, actor, "over", Ct);

        // Then both stations were asked with the incident as reference; only the one that did it is restored
        Assert.Equal([$"tighten {JiangxiJinyushi} 120 incident/{id}", $"tighten {HunanJinyushi} 120 incident/{id}", $"restore {JiangxiJinyushi} incident/{id}"], _control.Calls);
        Assert.Equal([("tighten", JiangxiJinyushi, "done"), ("tighten", HunanJinyushi, "not-connected")],
            tightened!.Actions[0].Commands.Select(c => (c.Purpose, c.DeviceId, c.State)));
        Assert.Equal([("tighten", "done"), ("tighten", "not-connected"), ("restore", "done")], closed!.Actions[0].Commands.Select(c => (c.Purpose, c.State)));
        Assert.Equal("9012 ExeRtn=1", closed.Actions[0].Commands[2].Detail);
        Assert.Equal(IncidentStatus.Closed, (await _store.FindIncidentAsync(id, Ct))!.Status);
        Assert.Contains(_outbox.Posted, n => n.Kind == "incident.tightened-monitoring" && n.Reference == $"incident/{id}");
    }

    [Fact]
    public async Task Tighten_WithoutACommandChannel_RecordsNotSent_AndSendsNothing()
    {
        IncidentDesk desk = Desk(new ServiceCollection().BuildServiceProvider());
        var actor = new AuditActor("jx-operator", "jiangxi", null);
        long id = await OpenAcknowledgedAsync(desk, actor);

        (Incident? tightened, _) = await desk.ActAsync(id, ResponseActionKind.TightenedMonitoring, actor, "every 5 minutes", 300, Ct);

        Assert.Empty(_control.Calls);
        Assert.All(tightened!.Actions[0].Commands, c => Assert.Equal(("not-sent", "not sent: no command channel"), (c.State, c.Detail)));
        Assert.Equal(2, tightened.Actions[0].Commands.Count);
    }

    private sealed class FakeIntervalControl : IRealtimeIntervalControl
    {
        public List<string> Calls { get; } = [];

        public HashSet<string> NotConnected { get; } = [];

        public Task<StationCommandOutcome> TightenAsync(string deviceId, int seconds, string reference, CancellationToken cancellationToken)
        {
            Calls.Add($"tighten {deviceId} {seconds} {reference}");
            return Task.FromResult(Outcome(deviceId));
        }

        public Task<StationCommandOutcome> RestoreAsync(string deviceId, string reference, CancellationToken cancellationToken)
        {
            Calls.Add($"restore {deviceId} {reference}");
            return Task.FromResult(Outcome(deviceId));
        }

        private StationCommandOutcome Outcome(string deviceId) => NotConnected.Contains(deviceId)
            ? new StationCommandOutcome(deviceId, "", StationCommandState.NotConnected, "no open connection", DateTimeOffset.UtcNow, null)
            : new StationCommandOutcome(deviceId, "20240601000000001", StationCommandState.Done, "9012 ExeRtn=1", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
    }

    private sealed class Outbox : INoticeOutbox
    {
        public List<Notice> Posted { get; } = [];

        public ValueTask PostAsync(Notice notice, CancellationToken cancellationToken)
        {
            Posted.Add(notice);
            return ValueTask.CompletedTask;
        }
    }
}
