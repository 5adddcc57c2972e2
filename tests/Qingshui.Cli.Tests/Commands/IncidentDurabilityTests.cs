using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Incidents;
using Qingshui.Domain.Presets;
using Qingshui.Simulation;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Cli.Tests.Commands;

/// <summary>A real <c>qingshui serve</c> process opens an incident from a simulated pulse and is killed with SIGKILL; the incident is still open after.</summary>
public sealed class IncidentDurabilityTests
{
    // December, two years back: a dry month inside the server's DataTime window.
    private static readonly DateTimeOffset Start = new(DateTime.UtcNow.Year - 2, 12, 1, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task Serve_KilledWithSigkill_AfterAnIncidentOpened_KeepsItOpenWithItsTimeline()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string directory = Directory.CreateTempSubdirectory("qingshui-incident-kill-").FullName;
        string database = Path.Combine(directory, "qingshui.db");
        using Process server = DurabilityTests.StartServer(database, out int port);
        SimulatedStation jinyushi = SyntheticBasin.StationsOf(BasinPresets.Load("pingshui-lushui")).Single(s => s.DeviceId == "360300A00000000000000201");
        jinyushi = jinyushi with { Profile = jinyushi.Profile with { Pulse = new PollutionPulse(Start, TimeSpan.FromDays(2), 3) } };

        // Given a day and a half of a discharge at Jinyushi, sent hour after hour (in parallel a later hour may overtake
        // one and break the run): the default rules raise NH3-N worse than class III for 24 hours
        SimulationReport report = await Simulator.RunAsync(new SimulationOptions
        {
            Host = "127.0.0.1", Port = port, Stations = [jinyushi], Start = Start, PacketsPerStation = 36, Window = 1,
        }, null, ct);
        Assert.True(report.PacketsAcknowledged == 36, report.Describe());
        IReadOnlyList<Incident> before = [];
        await using (SqliteStore watcher = await SqliteStore.OpenAsync(new SqliteStoreOptions(database), TimeProvider.System, ct))
        {
            var watch = Stopwatch.StartNew();
            while (before.All(i => i.Status != IncidentStatus.Notified) && watch.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100, ct);
                before = await watcher.OpenIncidentsAsync(ct);
            }
        }

        // When the server is killed without warning
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync(ct);

        // Then the incident is there, still open, with its evidence and timeline
        SqliteConnection.ClearAllPools();
        await using SqliteStore store = await SqliteStore.OpenAsync(new SqliteStoreOptions(database), TimeProvider.System, ct);
        Incident opened = Assert.Single(before);
        Incident after = Assert.Single(await store.OpenIncidentsAsync(ct));
        Assert.Equal((opened.Id, "jinyushi", IncidentStatus.Notified), (after.Id, after.Section, after.Status));
        Assert.Equal(opened.AlertIds, after.AlertIds.Take(opened.AlertIds.Count));
        Assert.Equal([IncidentStepKind.Raised, IncidentStepKind.Notified], after.Steps.Select(s => s.Kind).Take(2));
        await store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
    }
}
