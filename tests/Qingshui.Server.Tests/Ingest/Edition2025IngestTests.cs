using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qingshui.Domain.Readings;
using Qingshui.Hj212;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;
using Qingshui.Server.Tests.Keys;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Ingest;

/// <summary>An HJ 212-2025 station with an SM4 key, over real TCP: encrypted uploads are read, a wrong key is rejected with its reason and kept raw.</summary>
public sealed class Edition2025IngestTests
{
    internal const string Mn = StationRegisterApiTests.HunanMn;
    private const string Password = StationRegisterApiTests.HunanPassword;
    private static readonly DateTimeOffset Seven = new(2026, 1, 5, 7, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The Hunan station switched to edition 2025 and given <paramref name="keyHex"/>, by its own operator.</summary>
    internal static async Task<(TestHost Host, HttpClient Operator)> StartWithKeyAsync(string keyHex = EncryptedFramesTests.KeyHex)
    {
        TestHost host = await StationRegisterApiTests.StartAsync();
        HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        HttpResponseMessage changed = await StationRegisterApiTests.ChangeAsync(hunan, Mn, new { edition = "2025" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        HttpResponseMessage keyed = await hunan.PutAsJsonAsync($"/api/v1/stations/{Mn}/data-key", new { key = keyHex }, Ct);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        return (host, hunan);
    }

    internal static byte[] EncryptedHourly(string keyHex, string qn = "20260105080000001", string tp = "0.081") =>
        FrameEncoder.Encode(EncryptedFramesTests.EncryptedSegment(
            $"QN={qn};ST=21;CN=2061;PW={Password};MN={Mn};Flag=9;",
            $"DataTime=20260105070000;w01001-Avg=7.52,w01001-Flag=N;w01009-Avg=8.10,w01009-Flag=N;w21011-Avg={tp},w21011-Flag=N", keyHex));

    [Fact]
    public async Task EncryptedHourlyUpload_RightKey_IsStoredAssessableAndAcknowledgedIn2025()
    {
        (TestHost host, HttpClient hunan) = await StartWithKeyAsync();
        await using TestHost _ = host;
        using HttpClient __ = hunan;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(EncryptedHourly(EncryptedFramesTests.KeyHex));
        Hj212Message ack = await station.ReceiveAsync();

        Assert.Equal(("9014", "20260105080000001", 8), (ack.Command, ack.RequestId, ack.Flag));
        IReadOnlyList<StoredReading> stored = await host.Store.ReadingsAsync(new ReadingQuery(Mn, null, null, Seven, Seven.AddHours(1)), Ct);
        Assert.Equal([("w01001", 7.52m), ("w01009", 8.10m), ("w21011", 0.081m)],
            stored.Select(s => (s.Reading.Parameter, s.Reading.Value)).Order());
        Assert.All(stored, s => Assert.Equal((ReadingKind.Hour, true), (s.Reading.Kind, s.Reading.Valid)));
        StoredRawPacket raw = Assert.Single(await host.Store.RawPacketsAsync(Mn, 10, Ct));
        Assert.Equal(PacketVerdict.Accepted, raw.Packet.Verdict);
        Assert.Equal(EncryptedHourly(EncryptedFramesTests.KeyHex), raw.Packet.Bytes);
    }

    [Fact]
    public async Task EncryptedHourlyUpload_WrongKey_IsRejectedWithReason_KeptRaw_NothingStored()
    {
        (TestHost host, HttpClient hunan) = await StartWithKeyAsync();
        await using TestHost _ = host;
        using HttpClient __ = hunan;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        byte[] wrong = EncryptedHourly("00112233445566778899AABBCCDDEEFF");

        await station.SendAsync(wrong);
        await station.SendAsync(EncryptedHourly(EncryptedFramesTests.KeyHex, qn: "20260105080000002"));
        Hj212Message ack = await station.ReceiveAsync();

        Assert.Equal("20260105080000002", ack.RequestId);
        IReadOnlyList<StoredRawPacket> packets = await host.Store.RawPacketsAsync(Mn, 10, Ct);
        StoredRawPacket rejected = Assert.Single(packets, p => p.Packet.Verdict == PacketVerdict.Rejected);
        Assert.Equal(wrong, rejected.Packet.Bytes);
        Assert.StartsWith("DecryptedNotText at data offset ", rejected.Packet.Reason, StringComparison.Ordinal);
        Assert.Contains("does not decrypt to text with the station's key", rejected.Packet.Reason, StringComparison.Ordinal);
        IReadOnlyList<StoredReading> stored = await host.Store.ReadingsAsync(new ReadingQuery(Mn, null, null, Seven, Seven.AddHours(1)), Ct);
        Assert.Equal(3, stored.Count);
    }

    [Fact]
    public async Task ClearUpload_FromAKeyedStation_IsRejectedNotStored()
    {
        (TestHost host, HttpClient hunan) = await StartWithKeyAsync();
        await using TestHost _ = host;
        using HttpClient __ = hunan;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(FrameEncoder.Encode(
            $"QN=20260105080000001;ST=21;CN=2061;PW={Password};MN={Mn};Flag=9;CP=&&DataTime=20260105070000;w01001-Avg=7.52,w01001-Flag=N&&"));

        StoredRawPacket raw = await WaitForPacketAsync(host);
        Assert.Equal(PacketVerdict.Rejected, raw.Packet.Verdict);
        Assert.StartsWith("CipherTextNotHex", raw.Packet.Reason, StringComparison.Ordinal);
        Assert.Empty(await host.Store.ReadingsAsync(new ReadingQuery(Mn, null, null, Seven, Seven.AddHours(1)), Ct));
    }

    [Fact]
    public async Task DataKey_IsNeverAnsweredInClear_NorStoredInClear()
    {
        (TestHost host, HttpClient hunan) = await StartWithKeyAsync();
        await using TestHost _ = host;
        using HttpClient __ = hunan;

        JsonElement key = await (await hunan.GetAsync($"/api/v1/stations/{Mn}/data-key", Ct)).BodyAsync();
        IReadOnlyList<StationKeyRecord> records = await ((IStationKeyStore)host.Server.Services.GetService(typeof(IStationKeyStore))!).StationKeysAsync(Ct);

        Assert.True(key.GetProperty("set").GetBoolean());
        Assert.DoesNotContain(EncryptedFramesTests.KeyHex, key.GetRawText(), StringComparison.OrdinalIgnoreCase);
        byte[] clear = Convert.FromHexString(EncryptedFramesTests.KeyHex);
        StationKeyRecord record = Assert.Single(records);
        Assert.True(record.Current.AsSpan().IndexOf(clear) < 0, "the stored key is sealed");
    }

    [Theory]
    [InlineData("0123")]
    [InlineData("0123456789ABCDEFFEDCBA987654321G")]
    [InlineData(null)]
    public async Task DataKey_NotThirtyTwoHexDigits_IsAValidationProblemNamingKey(string? key)
    {
        (TestHost host, HttpClient hunan) = await StartWithKeyAsync();
        await using TestHost _ = host;
        using HttpClient __ = hunan;

        HttpResponseMessage response = await hunan.PutAsJsonAsync($"/api/v1/stations/{Mn}/data-key", new { key }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("32 hexadecimal digits", (await response.BodyAsync()).GetProperty("errors").GetProperty("key")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataKey_ForA2017Station_IsRefusedNamingTheEdition()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");

        HttpResponseMessage response = await hunan.PutAsJsonAsync($"/api/v1/stations/{Mn}/data-key", new { key = EncryptedFramesTests.KeyHex }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("HJ 212-2017", (await response.BodyAsync()).GetProperty("errors").GetProperty("key")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Heartbeat_AskingForAnAnswer_Gets9014_IsKeptAsControl_NoReading()
    {
        (TestHost host, HttpClient hunan) = await StartWithKeyAsync();
        await using TestHost _ = host;
        using HttpClient __ = hunan;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(FrameEncoder.Encode($"QN=20260105080000009;ST=21;CN=9015;PW={Password};MN={Mn};Flag=9;CP=&&&&"));
        Hj212Message answer = await station.ReceiveAsync();

        Assert.Equal(("9014", "20260105080000009", 8), (answer.Command, answer.RequestId, answer.Flag));
        StoredRawPacket raw = await WaitForPacketAsync(host);
        Assert.Equal((PacketVerdict.Control, "9015"), (raw.Packet.Verdict, raw.Packet.Command));
        Assert.Equal(0, (await host.Store.CountAsync(Ct)).Readings);
    }

    [Theory]
    [InlineData("44")]
    [InlineData("45")]
    public async Task UploadUnderTheNewSystemCodes_IsStoredLikeAnyOther(string systemCode)
    {
        (TestHost host, HttpClient hunan) = await StartWithKeyAsync();
        await using TestHost _ = host;
        using HttpClient __ = hunan;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await station.SendAsync(FrameEncoder.Encode(EncryptedFramesTests.EncryptedSegment(
            $"QN=20260105080000001;ST={systemCode};CN=2061;PW={Password};MN={Mn};Flag=9;", "DataTime=20260105070000;w01001-Avg=7.52,w01001-Flag=N",
            EncryptedFramesTests.KeyHex)));

        Assert.Equal("9014", (await station.ReceiveAsync()).Command);
        StoredReading reading = Assert.Single(await host.Store.ReadingsAsync(new ReadingQuery(Mn, null, null, Seven, Seven.AddHours(1)), Ct));
        Assert.Equal(("w01001", 7.52m), (reading.Reading.Parameter, reading.Reading.Value));
    }

    private static async Task<StoredRawPacket> WaitForPacketAsync(TestHost host)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            IReadOnlyList<StoredRawPacket> packets = await host.Store.RawPacketsAsync(Mn, 10, Ct);
            if (packets.Count > 0)
            {
                return packets[0];
            }

            Assert.True(DateTime.UtcNow < deadline, "no packet stored within 10 s");
            await Task.Delay(20, Ct);
        }
    }
}
