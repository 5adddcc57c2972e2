using System.Text.Json;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;
using Qingshui.Simulation;
using static Qingshui.Server.Tests.Incidents.IncidentBench;

namespace Qingshui.Server.Tests.Incidents;

/// <summary>End to end over real TCP: the simulator injects a pulse at the headwater station; the server warns downstream once.</summary>
public sealed class SimulatedPulseTests
{
    private const string Headwater = "36030000000101";
    private static readonly DateTimeOffset December = new(2024, 12, 2, 0, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PulseAtTheHeadwater_OneAlertOneIncident_WarnsJinyushiWithAnArrivalEstimate_NoSecondIncident()
    {
        // Given a dry December day at the headwater station, with a three-hour discharge from 10:00 (NH3-N about +2.7 mg/L)
        await using TestHost host = await StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        SimulatedStation station = SyntheticBasin.StationsOf(Basin).Single(s => s.DeviceId == Headwater);
        station = station with { Profile = station.Profile with { Pulse = new PollutionPulse(December.AddHours(10), TimeSpan.FromHours(3), 3) } };

        // When the simulator sends the day's 24 hourly packets over TCP, one at a time (in parallel, 11:00 may overtake 10:00)
        SimulationReport report = await Simulator.RunAsync(new SimulationOptions
        {
            Host = "127.0.0.1", Port = host.Port, Stations = [station], Start = December, PacketsPerStation = 24, Window = 1,
        }, null, Ct);
        Assert.True(report.PacketsAcknowledged == 24, report.Describe());
        JsonElement[] incidents = await IncidentsWithinAsync(hunan, "", 1, TimeSpan.FromSeconds(60));
        await Task.Delay(500, Ct);
        JsonElement[] alerts = [.. (await hunan.GetJsonAsync("/api/v1/alerts")).GetProperty("alerts").EnumerateArray()];
        incidents = await IncidentsWithinAsync(hunan, "", 2, TimeSpan.Zero);

        // Then one alert (raised at 10:00, cleared after the pulse), one incident, Hunan told when the water reaches Jinyushi
        JsonElement alert = Assert.Single(alerts);
        Assert.Equal((Headwater, "pingshui-source", December.AddHours(10)), (alert.GetProperty("station").GetString(),
            alert.GetProperty("section").GetString(), alert.GetProperty("raisedAt").GetDateTimeOffset()));
        Assert.Equal("cleared", alert.GetProperty("state").GetString());
        JsonElement incident = Assert.Single(incidents);
        Assert.Equal(("pingshui-source", "notified"), (incident.GetProperty("section").GetString(), incident.GetProperty("status").GetString()));
        Assert.Equal(["jiangxi", "hunan"], incident.GetProperty("jurisdictions").EnumerateArray().Select(j => j.GetString()));
        JsonElement jinyushi = incident.GetProperty("downstream")[0];
        // 40 km at 0.5 m/s (example values): 22 h 13 min after 10:00.
        Assert.Equal(("jinyushi", 1333, December.AddHours(10).AddMinutes(1333)), (jinyushi.GetProperty("section").GetString(),
            jinyushi.GetProperty("travelMinutes").GetInt32(), jinyushi.GetProperty("arrivalAt").GetDateTimeOffset()));
        Assert.Equal([alert.GetProperty("id").GetInt64()], incident.GetProperty("alertIds").EnumerateArray().Select(a => a.GetInt64()));
    }
}
