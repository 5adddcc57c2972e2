using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Server.Joint;
using Qingshui.Server.Tests.Incidents;
using Qingshui.Storage;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Tests.Joint;

/// <summary>Discrepancies open as the two stations' readings commit; the hourly scan stays as the catch-up of what was not seen committing.</summary>
public sealed class DiscrepancyWatchTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadingsOfBothStations_Committed_OpenTheDiscrepancies_WithoutAnyScan()
    {
        // The scan job is off (no interval): only the commit of the readings can open them.
        await using TestHost host = await JointBench.StartAsync();
        IDiscrepancyStore store = host.Server.Services.GetRequiredService<IDiscrepancyStore>();

        IReadOnlyList<Discrepancy> opened = [];
        DateTime deadline = DateTime.UtcNow.AddSeconds(20);
        while (opened.Count < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Ct);
            opened = await store.ListDiscrepanciesAsync(new DiscrepancyQuery(10), Ct);
        }

        Assert.Null(host.Server.Services.GetRequiredService<ServerOptions>().DiscrepancyScanInterval);
        Assert.Equal(["2024-06", "2024-06-01"], opened.Select(d => d.Period.ToString()).Order(StringComparer.Ordinal));
        Assert.All(opened, d => Assert.Equal((JointBench.JiangxiMn, JointBench.HunanMn, -0.4m), (d.StationA, d.StationB, d.Difference)));
        await JointBench.SettledAsync(host);
        var audit = await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 100, Ct);
        Assert.Equal(2, audit.Count(e => e.Record.Action == "joint.discrepancy.open" && e.Record.Actor == "engine"));
        Assert.Empty(await JointBench.CatchUpAsync(host));
    }

    [Fact]
    public async Task ReadingsStoredWithoutBeingSeenCommitting_AreOpenedByTheCatchUpScan()
    {
        // Within tolerance on 1 June; then 3 June is stored as if it had come in while the server was down.
        await using TestHost host = await JointBench.StartAsync(jiangxi: 0.50m, hunan: 0.58m);
        await JointBench.SettledAsync(host);
        DateTimeOffset third = IncidentBench.Start.AddDays(2);
        await WriteHoursAsync(host, JointBench.JiangxiMn, third, 0.5m);
        await WriteHoursAsync(host, JointBench.HunanMn, third, 1.2m);
        await JointBench.SettledAsync(host);
        IReadOnlyList<Discrepancy> before = await host.Server.Services.GetRequiredService<IDiscrepancyStore>().ListDiscrepanciesAsync(new DiscrepancyQuery(10), Ct);

        IReadOnlyList<Discrepancy> caughtUp = await JointBench.CatchUpAsync(host);

        Assert.Empty(before);
        Assert.Contains("2024-06-03", caughtUp.Select(d => d.Period.ToString()));
    }

    [Fact]
    public void RestAfterAScan_IsNineTimesItsDuration_SoScansTakeATenthOfACoreAtMost()
    {
        Assert.Equal(TimeSpan.Zero, DiscrepancyWatch.RestAfter(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(900), DiscrepancyWatch.RestAfter(TimeSpan.FromMilliseconds(100)));
        TimeSpan scan = TimeSpan.FromSeconds(2);
        Assert.True(scan / (scan + DiscrepancyWatch.RestAfter(scan)) <= 0.1 + 1e-9);
    }

    [Fact]
    public void MonthOfAReading_IsItsBeijingMonth_AndTheNextMonthOfDecemberIsJanuary()
    {
        var beijing = TimeSpan.FromHours(8);
        int december = DiscrepancyWatch.MonthOf(new DateTimeOffset(2024, 12, 31, 16, 30, 0, TimeSpan.Zero).AddMinutes(-31));
        Assert.Equal(new DateTimeOffset(2024, 12, 1, 0, 0, 0, beijing), DiscrepancyWatch.MonthStart(december));
        Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, beijing), DiscrepancyWatch.MonthStart(december + 1));
        Assert.Equal(december + 1, DiscrepancyWatch.MonthOf(new DateTimeOffset(2024, 12, 31, 16, 0, 0, TimeSpan.Zero)));
    }

    private static Task WriteHoursAsync(TestHost host, string mn, DateTimeOffset day, decimal ammonia) =>
        host.Store.WriteAsync([new IngestRecord(new RawPacket(day.AddDays(1), "127.0.0.1:1", mn, "2061", PacketVerdict.Accepted, null, Encoding.ASCII.GetBytes("test")),
            [.. Enumerable.Range(0, 3).Select(h => new Reading(mn, "w21003", ReadingKind.Hour, day.AddHours(h), ammonia, Unit.MilligramPerLitre, "N", true))])], Ct);
}
