using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Domain.Joint;
using Qingshui.Server.Joint;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Incidents;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Tests.Joint;

/// <summary>
/// A server on the Pingshui–Lushui preset with its clock on 2 July 2024, members of both provinces and the joint office,
/// and both Jinyushi stations sending hourly NH3-N over TCP for the first hours of 1 June 2024 (Jiangxi 0.5, Hunan 0.9 mg/L:
/// 0.4 apart, beyond the default ±0.1 or ±20 %).
/// </summary>
internal static class JointBench
{
    public const string JiangxiMn = IncidentBench.JiangxiJinyushi;
    public const string HunanMn = IncidentBench.HunanJinyushi;
    public static readonly DateTimeOffset Now = new(2024, 7, 2, 1, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<TestHost> StartAsync(decimal jiangxi = 0.5m, decimal hunan = 0.9m, int hours = 3)
    {
        TestHost host = await TestHost.StartAsync(clock: new ManualClock(Now));
        await Members.AddAsync(host, "hn-operator", "hunan", Role.Operator);
        await Members.AddAsync(host, "jx-operator", "jiangxi", Role.Operator);
        await Members.AddAsync(host, "hn-reviewer", "hunan", Role.Reviewer);
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        await Members.AddAsync(host, "jx-viewer", "jiangxi", Role.Viewer);
        await Members.AddAsync(host, "office-operator", "joint-office", Role.Operator);
        await Members.AddAsync(host, "office-coordinator", "joint-office", Role.Coordinator);
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        await IncidentBench.SendHoursAsync(station, 0, JiangxiMn, [.. Enumerable.Repeat(jiangxi, hours)]);
        await IncidentBench.SendHoursAsync(station, 0, HunanMn, [.. Enumerable.Repeat(hunan, hours)]);
        return host;
    }

    /// <summary>
    /// The discrepancies there are once the committed readings have been compared (they open as readings commit) and the
    /// catch-up scan has run, oldest first.
    /// </summary>
    public static async Task<IReadOnlyList<Discrepancy>> ScanAsync(TestHost host)
    {
        await SettledAsync(host);
        await CatchUpAsync(host);
        return [.. (await host.Server.Services.GetRequiredService<IDiscrepancyStore>().ListDiscrepanciesAsync(new DiscrepancyQuery(DiscrepancyQuery.MaxLimit), Ct))
            .OrderBy(d => d.Id)];
    }

    /// <summary>The hourly catch-up scan over June and July 2024: the discrepancies it opened.</summary>
    public static Task<IReadOnlyList<Discrepancy>> CatchUpAsync(TestHost host) =>
        host.Server.Services.GetRequiredService<DiscrepancyScan>().ScanAsync(IncidentBench.Start, Now, Ct);

    /// <summary>Waits until the readings committed so far have been compared.</summary>
    public static async Task SettledAsync(TestHost host)
    {
        DiscrepancyWatch watch = host.Server.Services.GetRequiredService<DiscrepancyWatch>();
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (!watch.Idle)
        {
            Assert.True(DateTime.UtcNow < deadline, "the committed readings were not compared within 30 s");
            await Task.Delay(20, Ct);
        }
    }

    public static Task<HttpResponseMessage> CloseAsync(this HttpClient client, long id, string? cause = "calibration-drift", string? text = "Hunan NH3-N analyser recalibrated") =>
        client.PostAsJsonAsync($"/api/v1/joint/discrepancies/{id}/close", new { cause, text }, Ct);
}
