using System.Buffers;
using System.Text;
using Qingshui.Hj212;
using Qingshui.Server.Keys;
using Qingshui.Server.Tests.Ingest;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Keys;

/// <summary>
/// HJ 212-2025 frames made by another implementation altogether: SM4 from OpenSSL (not BouncyCastle, which the server
/// uses) and the CRC from the standard's bit loop, by <c>known-answer-frames.py</c> next to this file. They are read, and
/// written, byte for byte as made there.
/// </summary>
public sealed class KnownAnswerFramesTests
{
    private const string Key = "2B7E151628AED2A6ABF7158809CF4F3C";
    private const string NewKey = "00112233445566778899AABBCCDDEEFF";

    // An hourly upload of the Hunan station (w01001 7.52, w01009 8.10, w21011 0.081 at 2026-01-05 07:00), encrypted with Key.
    private const string Hourly =
        "##0343QN=20260105080000001;ST=21;CN=2061;PW=hn0301;MN=430281A00000000000000301;Flag=9;CP=&&"
        + "336A5DFCFE3BF94817D3186F973D1D36E3D6D04C29C330EDCD868BCC092815538DAA3175B1AAD11C70F1CE96F06B7DFF94B755D4F3EA7D0D987B984A8083F90B"
        + "30548E9063EEF7831C765F5A9693E43E3ACF29AF71DD0C3BC8F68559AA9E55C617B99D826890306C4BF9117F124DB2DF9790BA6659E19166DF04E31633B03A2B&&4980\r\n";

    // The host's key exchange to that station (SKCreateTime 2026-01-05 09:00:00.000, NewSK NewKey), encrypted with Key.
    private const string KeyExchange =
        "##0247QN=20260105090000001;ST=21;CN=1014;PW=hn0301;MN=430281A00000000000000301;Flag=9;CP=&&"
        + "ACB29248230C7403036B67E852C498CA57A0D67A764162318F690260141B2F20B07FC1B1264F0CF0BABD0A74C9C3328C4560D238ACC215CB143C835097A9B06F"
        + "DF43AA88A5AB994289A346C6B14347A8&&CC01\r\n";

    private static readonly MessageParseOptions With2025Key =
        new(Hj212Time.ChinaStandardOffset, Hj212Edition.Edition2025, new Sm4DataAreaCipher(Convert.FromHexString(Key)));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Hj212Message Read(string frameText)
    {
        var buffer = new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(frameText));
        Assert.Equal(FrameReadStatus.Frame, FrameReader.TryRead(buffer, true, FramingOptions.Default, out Frame frame, out _, out _));
        Assert.Equal(CrcVerdict.Hj212, frame.CrcVerdict);
        MessageParseResult parsed = MessageParser.Parse(frame.DataSegment.ToArray(), With2025Key);
        Assert.True(parsed.Success, parsed.Error?.ToString());
        return parsed.Message;
    }

    [Fact]
    public void Read_HourlyUploadEncryptedByOpenSsl_GivesEveryValue_WithoutWarnings()
    {
        Hj212Message message = Read(Hourly);

        Assert.Equal(("2061", 9, "20260105070000"), (message.Command, message.Flag, message.Data.DataTimeText));
        Assert.Equal([("w01001", 7.52m), ("w01009", 8.10m), ("w21011", 0.081m)], message.Data.Pollutants.Select(p => (p.Code, p[ValueSuffix.Avg]!.Value)));
        Assert.Empty(message.Warnings);
    }

    [Fact]
    public void Read_KeyExchangeEncryptedByOpenSsl_GivesTheNewKeyAndItsTime()
    {
        Hj212Message message = Read(KeyExchange);

        Assert.Equal(("1014", "20260105090000000", NewKey), (message.Command,
            message.Data.Fields.Single(f => f.Key == "SKCreateTime").Value, message.Data.Fields.Single(f => f.Key == "NewSK").Value));
    }

    [Fact]
    public void Write_KeyExchange_IsTheFrameOpenSslMade_ByteForByte()
    {
        var station = new StationAddress("21", "hn0301", "430281A00000000000000301", Hj212Edition.Edition2025);
        Hj212Message exchange = HostCommands.KeyExchange(
            "20260105090000001", station, new DateTimeOffset(2026, 1, 5, 9, 0, 0, Hj212Time.ChinaStandardOffset), Convert.FromHexString(NewKey));

        byte[] frame = FrameEncoder.Encode(DataAreaEncryption.Encrypt(MessageWriter.Write(exchange), new Sm4DataAreaCipher(Convert.FromHexString(Key))));

        Assert.Equal(KeyExchange, Encoding.ASCII.GetString(frame));
    }

    [Fact]
    public async Task HourlyUploadEncryptedByOpenSsl_OverTcp_IsStoredAndAcknowledged_TheRawFrameKeptAsSent()
    {
        (TestHost host, HttpClient hunan) = await Edition2025IngestTests.StartWithKeyAsync(Key);
        await using TestHost _ = host;
        using HttpClient __ = hunan;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(Encoding.ASCII.GetBytes(Hourly));
        Hj212Message ack = await station.ReceiveAsync();

        Assert.Equal(("9014", "20260105080000001"), (ack.Command, ack.RequestId));
        DateTimeOffset seven = new(2026, 1, 5, 7, 0, 0, Hj212Time.ChinaStandardOffset);
        IReadOnlyList<StoredReading> stored = await host.Store.ReadingsAsync(new ReadingQuery(Edition2025IngestTests.Mn, null, null, seven, seven.AddHours(1)), Ct);
        Assert.Equal([("w01001", 7.52m), ("w01009", 8.10m), ("w21011", 0.081m)], stored.Select(s => (s.Reading.Parameter, s.Reading.Value)).Order());
        StoredRawPacket raw = Assert.Single(await host.Store.RawPacketsAsync(Edition2025IngestTests.Mn, 10, Ct));
        Assert.Equal((PacketVerdict.Accepted, Hourly), (raw.Packet.Verdict, Encoding.ASCII.GetString(raw.Packet.Bytes)));
    }
}
