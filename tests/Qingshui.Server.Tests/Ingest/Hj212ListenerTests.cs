using Qingshui.Domain.Readings;
using Qingshui.Hj212;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Ingest;

public sealed class Hj212ListenerTests
{
    private const string JinyushiMn = "360300A00000000000000201";
    private static readonly DateTimeOffset Eight = new(2024, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static byte[] Hourly(string mn = JinyushiMn, string pw = "jx0201", string qn = "20240601090000001", string flag = "5", string tpFlag = "N", string tp = "0.081") =>
        FrameEncoder.Encode(
            $"QN={qn};ST=21;CN=2061;PW={pw};MN={mn};Flag={flag};CP=&&DataTime=20240601080000;" +
            $"w01001-Avg=7.52,w01001-Flag=N;w01009-Avg=6.8,w01009-Flag=N;w01019-Avg=2.9,w01019-Flag=N;w21003-Avg=0.42,w21003-Flag=N;w21011-Avg={tp},w21011-Flag={tpFlag}&&");

    private static Task<IReadOnlyList<StoredReading>> ReadingsAsync(TestHost host, string mn = JinyushiMn) =>
        host.Store.ReadingsAsync(new ReadingQuery(mn, null, null, Eight, Eight.AddHours(1)), Ct);

    [Fact]
    public async Task Upload_AskingForAck_IsStoredThenAcknowledgedWith9014()
    {
        await using TestHost host = await TestHost.StartAsync();
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(Hourly());
        Hj212Message ack = await station.ReceiveAsync();

        Assert.Equal(("91", "9014", "20240601090000001", JinyushiMn, 4), (ack.SystemCode, ack.Command, ack.RequestId, ack.DeviceId, ack.Flag));
        IReadOnlyList<StoredReading> stored = await ReadingsAsync(host);
        Assert.Equal(5, stored.Count);
        Reading tp = stored.Single(s => s.Reading.Parameter == "w21011").Reading;
        Assert.Equal((ReadingKind.Hour, Eight, 0.081m, "N", true), (tp.Kind, tp.PeriodStart, tp.Value, tp.Flag, tp.Valid));
        StoredRawPacket raw = Assert.Single(await host.Store.RawPacketsAsync(JinyushiMn, 10, Ct));
        Assert.Equal(PacketVerdict.Accepted, raw.Packet.Verdict);
        Assert.Equal(Hourly(), raw.Packet.Bytes);
        Assert.StartsWith("127.0.0.1:", raw.Packet.Remote, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_NotAskingForAck_IsStoredWithoutReply()
    {
        await using TestHost host = await TestHost.StartAsync();
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(Hourly(flag: "4"));
        await station.SendAsync(Hourly(qn: "20240601090000002", tp: "0.09"));

        Hj212Message ack = await station.ReceiveAsync();
        Assert.Equal("20240601090000002", ack.RequestId);
        Assert.Equal(0.09m, (await ReadingsAsync(host)).Single(s => s.Reading.Parameter == "w21011").Reading.Value);
    }

    [Fact]
    public async Task Upload_UnknownMn_IsQuarantinedAndAnsweredWithQnRtn4()
    {
        await using TestHost host = await TestHost.StartAsync();
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(Hourly(mn: "FFFFFFFFFFFFFFFFFFFFFFFF"));
        Hj212Message answer = await station.ReceiveAsync();

        Assert.Equal(("9011", "4"), (answer.Command, answer.Data.Field("QnRtn")));
        // An invented MN is no station: the packet is filed under none, its reason names the MN.
        Assert.Empty(await host.Store.RawPacketsAsync("FFFFFFFFFFFFFFFFFFFFFFFF", 10, Ct));
        StoredRawPacket raw = Assert.Single(await host.Store.RawPacketsAsync(null, 10, Ct));
        Assert.Equal((PacketVerdict.Quarantined, null), (raw.Packet.Verdict, raw.Packet.StationId));
        Assert.Equal("unknown MN 'FFFFFFFFFFFFFFFFFFFFFFFF'; answered QnRtn=4", raw.Packet.Reason);
        Assert.Equal(0, (await host.Store.CountAsync(Ct)).Readings);
        Assert.Contains(host.Logs.Entries, e => e.EventId == 2003 && e.Message.Contains("FFFFFFFFFFFFFFFFFFFFFFFF", StringComparison.Ordinal)
            && e.Message.Contains("127.0.0.1:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Upload_WrongPassword_IsQuarantinedAnsweredWithQnRtn3_AndThePasswordIsNeverLogged()
    {
        await using TestHost host = await TestHost.StartAsync();
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(Hourly(pw: "s3cret"));
        Hj212Message answer = await station.ReceiveAsync();

        Assert.Equal(("9011", "3"), (answer.Command, answer.Data.Field("QnRtn")));
        Assert.Equal(PacketVerdict.Quarantined, Assert.Single(await host.Store.RawPacketsAsync(JinyushiMn, 10, Ct)).Packet.Verdict);
        Assert.Equal(0, (await host.Store.CountAsync(Ct)).Readings);
        Assert.Contains(host.Logs.Entries, e => e.EventId == 2004);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains("s3cret", StringComparison.Ordinal) || e.Message.Contains("jx0201", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadBytes_AreRejectedWithReasonAndOffset_AndTheNextFrameIsStillAccepted()
    {
        await using TestHost host = await TestHost.StartAsync();
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        byte[] good = Hourly();
        byte[] badCrc = (byte[])good.Clone();
        badCrc[^3] = (byte)'0';

        await station.SendAsync([.. "AT+CSQ\r\nOK\r\n"u8, .. badCrc, .. good]);
        Hj212Message ack = await station.ReceiveAsync();

        Assert.Equal("9014", ack.Command);
        List<StoredRawPacket> rejected = (await host.Store.RawPacketsAsync(null, 10, Ct)).Where(p => p.Packet.Verdict == PacketVerdict.Rejected).ToList();
        Assert.Equal(2, rejected.Count);
        Assert.StartsWith("CrcMismatch at stream offset 12: CRC mismatch; given", rejected[0].Packet.Reason, StringComparison.Ordinal);
        Assert.Equal("UnexpectedBytes at stream offset 0: bytes that start no frame were skipped", rejected[1].Packet.Reason);
        Assert.Equal("AT+CSQ\r\nOK\r\n"u8.ToArray(), rejected[1].Packet.Bytes);
        Assert.Equal(5, (await ReadingsAsync(host)).Count);
    }

    [Fact]
    public async Task Upload_NonNormalFlag_IsStoredAsInvalid()
    {
        await using TestHost host = await TestHost.StartAsync();
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(Hourly(tpFlag: "D"));
        await station.ReceiveAsync();

        Reading tp = (await ReadingsAsync(host)).Single(s => s.Reading.Parameter == "w21011").Reading;
        Assert.Equal(("D", false), (tp.Flag, tp.Valid));
    }

    [Fact]
    public async Task Upload_NegativeConcentration_IsKeptButMarkedImpossible()
    {
        await using TestHost host = await TestHost.StartAsync();
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(Hourly(tp: "-0.010"));
        await station.ReceiveAsync();

        Reading tp = (await ReadingsAsync(host)).Single(s => s.Reading.Parameter == "w21011").Reading;
        Assert.Equal((-0.01m, false, ReadingMarks.OutOfPhysicalRange), (tp.Value, tp.Valid, tp.Marks));
    }

    [Fact]
    public async Task Upload_Retransmitted_IsAcknowledgedAgainButNotDuplicated_AndAChangedValueBecomesARevision()
    {
        await using TestHost host = await TestHost.StartAsync();
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(Hourly());
        await station.ReceiveAsync();
        await station.SendAsync(Hourly());
        await station.ReceiveAsync();
        await station.SendAsync(Hourly(qn: "20240601091000000", tp: "0.082"));
        await station.ReceiveAsync();

        StoreCounts counts = await host.Store.CountAsync(Ct);
        Assert.Equal(new StoreCounts(5, 1, 3), counts);
        Assert.Equal(0.081m, Assert.Single(await host.Store.RevisionsAsync(JinyushiMn, "w21011", ReadingKind.Hour, Eight, Ct)).Reading.Value);
    }

    [Fact]
    public async Task Edition2005Station_CodesMapToParameters_AndUploadsWithoutFlagGetNoReply()
    {
        await using TestHost host = await TestHost.StartAsync();
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(FrameEncoder.Encode("ST=21;CN=2061;PW=px0101;MN=36030000000101;CP=&&DataTime=20240601080000;060-Avg=0.21;101-Avg=0.05,101-Flag=N&&"));
        await station.SendAsync(FrameEncoder.Encode("QN=20240601090000009;ST=21;CN=2061;PW=px0101;MN=36030000000101;Flag=1;CP=&&DataTime=20240601090000;060-Avg=0.22&&"));
        Hj212Message ack = await station.ReceiveAsync();

        Assert.Equal(("20240601090000009", 0), (ack.RequestId, ack.Flag));
        IReadOnlyList<StoredReading> stored = await host.Store.ReadingsAsync(new ReadingQuery("36030000000101", null, null, Eight, Eight.AddHours(2)), Ct);
        Assert.Equal(["w21003", "w21003", "w21011"], stored.Select(s => s.Reading.Parameter));
    }

    [Fact]
    public async Task TimeCalibrationRequest_IsAnsweredWith9013ThenSetTime()
    {
        await using TestHost host = await TestHost.StartAsync();
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(FrameEncoder.Encode($"QN=20240601090000001;ST=21;CN=1013;PW=jx0201;MN={JinyushiMn};Flag=4;CP=&&&&"));
        Hj212Message notice = await station.ReceiveAsync();
        Hj212Message setTime = await station.ReceiveAsync();

        Assert.Equal("9013", notice.Command);
        Assert.Equal(("1012", 5), (setTime.Command, setTime.Flag));
        Assert.True(Hj212Time.TryParse(setTime.Data.Field("SystemTime")!, TimeSpan.FromHours(8), out DateTimeOffset time));
        Assert.True((DateTimeOffset.UtcNow - time).Duration() < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task SplitUpload_PartsOutOfOrder_AreEachAcknowledgedAndStoredWhole()
    {
        await using TestHost host = await TestHost.StartAsync();
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        string header = $"ST=21;CN=2061;PW=jx0201;MN={JinyushiMn};Flag=7;PNUM=2";

        await station.SendAsync(FrameEncoder.Encode($"QN=20240601090000002;{header};PNO=2;CP=&&w21011-Avg=0.081,w21011-Flag=N&&"));
        Assert.Equal("20240601090000002", (await station.ReceiveAsync()).RequestId);
        Assert.Empty(await ReadingsAsync(host));
        await station.SendAsync(FrameEncoder.Encode($"QN=20240601090000001;{header};PNO=1;CP=&&DataTime=20240601080000;w21003-Avg=0.42,w21003-Flag=N&&"));
        Assert.Equal("20240601090000001", (await station.ReceiveAsync()).RequestId);

        Assert.Equal(["w21003", "w21011"], (await ReadingsAsync(host)).Select(s => s.Reading.Parameter));
        Assert.Equal([PacketVerdict.Accepted, PacketVerdict.SplitPart], (await host.Store.RawPacketsAsync(JinyushiMn, 10, Ct)).Select(p => p.Packet.Verdict));
    }

    [Fact]
    public async Task SplitUpload_MissingPart_EndsAsAnExplicitPartialAfterTheTimeout()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => new ServerOptions
        {
            Basin = o.Basin, DatabasePath = o.DatabasePath, Hj212Port = 0, HttpPort = null, FullSync = false, SplitTimeout = TimeSpan.FromSeconds(1),
        });
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(FrameEncoder.Encode($"QN=20240601090000001;ST=21;CN=2061;PW=jx0201;MN={JinyushiMn};Flag=7;PNUM=3;PNO=1;CP=&&DataTime=20240601080000;w21003-Avg=0.42&&"));
        await station.ReceiveAsync();

        StoredRawPacket? partial = null;
        for (int i = 0; i < 50 && partial is null; i++)
        {
            await Task.Delay(100, Ct);
            partial = (await host.Store.RawPacketsAsync(JinyushiMn, 10, Ct)).FirstOrDefault(p => p.Packet.Verdict == PacketVerdict.PartialSeries);
        }

        Assert.NotNull(partial);
        Assert.Equal("split message TimedOut: received parts 1 of 3", partial.Packet.Reason);
        Reading nh3 = Assert.Single(await ReadingsAsync(host)).Reading;
        Assert.Equal(ReadingMarks.PartialMessage, nh3.Marks);
    }

    [Fact]
    public async Task IdleConnection_IsClosedAfterTheIdleTimeout()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => new ServerOptions
        {
            Basin = o.Basin, DatabasePath = o.DatabasePath, Hj212Port = 0, HttpPort = null, FullSync = false, IdleTimeout = TimeSpan.FromMilliseconds(300),
        });
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        Assert.True(await station.IsClosedByServerAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains(host.Logs.Entries, e => e.EventId == 1003);
    }

    [Fact]
    public async Task Connection_BufferingBeyondItsCap_IsClosed()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => new ServerOptions
        {
            Basin = o.Basin, DatabasePath = o.DatabasePath, Hj212Port = 0, HttpPort = null, FullSync = false, MaxBufferedBytesPerConnection = 100,
        });
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(Hourly().AsSpan(0, 200).ToArray());

        Assert.True(await station.IsClosedByServerAsync(TimeSpan.FromSeconds(5)));
        Assert.Contains(host.Logs.Entries, e => e.EventId == 1004);
    }
}
