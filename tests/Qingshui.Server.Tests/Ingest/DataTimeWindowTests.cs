using System.Globalization;
using Qingshui.Hj212;
using Qingshui.Server.Ingest;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Ingest;

public sealed class DataTimeWindowTests
{
    private const string Mn = "360300A00000000000000201";
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The server's default window (the test host widens it for packets of fixed dates).</summary>
    private static ServerOptions DefaultWindow(ServerOptions o) => o with { DataTimeBehind = new ServerOptions { Basin = o.Basin, DatabasePath = "" }.DataTimeBehind };

    private static byte[] HourlyAt(DateTimeOffset hour, string qn = "20240601090000001") => FrameEncoder.Encode(
        $"QN={qn};ST=21;CN=2061;PW=jx0201;MN={Mn};Flag=5;CP=&&DataTime={hour.ToOffset(Beijing).ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)};" +
        "w21003-Avg=0.42,w21003-Flag=N;w21011-Avg=0.081,w21011-Flag=N&&");

    [Theory]
    [InlineData("2099-06-01T08:00:00+08:00", "ahead of the server clock")]
    [InlineData("2000-01-01T00:00:00+08:00", "behind the server clock")]
    public async Task Upload_DataTimeFarFromTheClock_IsRejectedWithItsReason_AndGivesNoReading(string dataTime, string side)
    {
        await using TestHost host = await TestHost.StartAsync(configure: DefaultWindow);
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        var hour = DateTimeOffset.Parse(dataTime, CultureInfo.InvariantCulture);

        await station.SendAsync(HourlyAt(hour));
        Assert.Equal("9014", (await station.ReceiveAsync()).Command);

        StoredRawPacket raw = Assert.Single(await host.Store.RawPacketsAsync(Mn, 10, Ct));
        Assert.Equal(PacketVerdict.Rejected, raw.Packet.Verdict);
        Assert.StartsWith($"DataTime {dataTime[..16]}", raw.Packet.Reason, StringComparison.Ordinal);
        Assert.Contains(side, raw.Packet.Reason, StringComparison.Ordinal);
        Assert.Equal(0, (await host.Store.CountAsync(Ct)).Readings);
        Assert.Contains(host.Logs.Entries, e => e.EventId == 2008);
    }

    [Fact]
    public async Task Upload_TwoYearOldHistoryAndTheCurrentHour_AreStored()
    {
        await using TestHost host = await TestHost.StartAsync(configure: DefaultWindow);
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        DateTimeOffset now = DateTimeOffset.UtcNow;
        DateTimeOffset thisHour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).ToOffset(Beijing);
        DateTimeOffset twoYearsAgo = thisHour.AddYears(-2).AddDays(-1);

        await station.SendAsync(HourlyAt(twoYearsAgo, "20240601090000001"));
        await station.ReceiveAsync();
        await station.SendAsync(HourlyAt(thisHour, "20240601090000002"));
        await station.ReceiveAsync();

        Assert.Equal(4, (await host.Store.CountAsync(Ct)).Readings);
        Assert.All(await host.Store.RawPacketsAsync(Mn, 10, Ct), p => Assert.Equal(PacketVerdict.Accepted, p.Packet.Verdict));
    }

    [Fact]
    public void Check_AtTheWindowEdges_AcceptsInsideAndRejectsOutside()
    {
        var window = new DataTimeWindow(new ServerOptions
        {
            Basin = TestHost.Preset, DatabasePath = "unused", DataTimeAhead = TimeSpan.FromHours(1), DataTimeBehind = TimeSpan.FromDays(10),
        });
        var now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

        Assert.Null(window.Check(now.AddHours(1), now));
        Assert.Null(window.Check(now.AddDays(-10), now));
        Assert.Equal(
            "DataTime 2026-11-30T13:01:00+00:00 is 61 min ahead of the server clock (accepted: 10 days behind to 60 min ahead): readings not stored",
            window.Check(now.AddMinutes(61), now));
        Assert.NotNull(window.Check(now.AddDays(-10).AddTicks(-1), now));
    }
}
