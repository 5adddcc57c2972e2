using System.Net;
using System.Text.Json;
using Qingshui.Hj212;
using Qingshui.Server.Keys;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Ingest;
using Qingshui.Server.Tests.Keys;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Api;

/// <summary>The key exchange (1014) over a real connection: the new key travels encrypted with the old, applies once the station reports it done.</summary>
public sealed class StationKeysApiTests
{
    private const string Mn = Edition2025IngestTests.Mn;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static MessageParseOptions With(string keyHex) =>
        new(Hj212Time.ChinaStandardOffset, Hj212Edition.Edition2025, new Sm4DataAreaCipher(Convert.FromHexString(keyHex)));

    [Fact]
    public async Task Exchange_StationReportsDone_NewKeyApplies_OldKeyStillReadInTheWindow_KeyNeverLogged()
    {
        // Given a keyed 2025 station whose connection is its route
        (TestHost host, HttpClient hunan) = await Edition2025IngestTests.StartWithKeyAsync();
        await using TestHost _ = host;
        using HttpClient __ = hunan;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        await station.SendAsync(Edition2025IngestTests.EncryptedHourly(EncryptedFramesTests.KeyHex));
        Assert.Equal("9014", (await station.ReceiveAsync()).Command);

        // When the operator asks for an exchange and the station, reading the 1014 with its old key, reports it done
        Task<HttpResponseMessage> call = hunan.PostAsync($"/api/v1/stations/{Mn}/data-key/exchange", null, Ct);
        Hj212Message exchange = await station.ReceiveAsync(options: With(EncryptedFramesTests.KeyHex));
        string newKey = exchange.Data.Fields.Single(f => f.Key == "NewSK").Value;
        await station.SendAsync(MessageWriter.Encode(Replies.RequestResponse(exchange, RequestReturnCode.Ready, Hj212Edition.Edition2025)));
        await station.SendAsync(MessageWriter.Encode(Replies.ExecutionResult(exchange, ExecutionReturnCode.Success, Hj212Edition.Edition2025)));
        HttpResponseMessage response = await call;

        // Then the new key reads uploads, the old one still does for a while, and neither the answer nor the command log shows the key
        Assert.Equal(("1014", 9), (exchange.Command, exchange.Flag));
        Assert.Equal(32, newKey.Length);
        Assert.NotEqual(EncryptedFramesTests.KeyHex, newKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement body = await response.BodyAsync();
        Assert.True(body.GetProperty("previousAcceptedUntil").ValueKind == JsonValueKind.String);
        await station.SendAsync(Edition2025IngestTests.EncryptedHourly(newKey, qn: "20260105080000002"));
        Assert.Equal("20260105080000002", (await station.ReceiveAsync()).RequestId);
        await station.SendAsync(Edition2025IngestTests.EncryptedHourly(EncryptedFramesTests.KeyHex, qn: "20260105080000003"));
        Assert.Equal("20260105080000003", (await station.ReceiveAsync()).RequestId);
        Assert.Equal(3, (await host.Store.RawPacketsAsync(Mn, 20, Ct)).Count(p => p.Packet.Verdict == PacketVerdict.Accepted && p.Packet.Command == "2061"));
        string log = (await (await hunan.GetAsync($"/api/v1/stations/{Mn}/commands", Ct)).BodyAsync()).GetRawText();
        Assert.Contains("NewSK=***", log, StringComparison.Ordinal);
        Assert.DoesNotContain(newKey, log, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(newKey, body.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Exchange_StationRefuses_KeyUnchanged_409()
    {
        (TestHost host, HttpClient hunan) = await Edition2025IngestTests.StartWithKeyAsync();
        await using TestHost _ = host;
        using HttpClient __ = hunan;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        await station.SendAsync(Edition2025IngestTests.EncryptedHourly(EncryptedFramesTests.KeyHex));
        Assert.Equal("9014", (await station.ReceiveAsync()).Command);

        Task<HttpResponseMessage> call = hunan.PostAsync($"/api/v1/stations/{Mn}/data-key/exchange", null, Ct);
        Hj212Message exchange = await station.ReceiveAsync(options: With(EncryptedFramesTests.KeyHex));
        await station.SendAsync(MessageWriter.Encode(Replies.RequestResponse(exchange, RequestReturnCode.Rejected, Hj212Edition.Edition2025)));
        HttpResponseMessage response = await call;

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        await station.SendAsync(Edition2025IngestTests.EncryptedHourly(EncryptedFramesTests.KeyHex, qn: "20260105080000002"));
        Assert.Equal("20260105080000002", (await station.ReceiveAsync()).RequestId);
        JsonElement key = await (await hunan.GetAsync($"/api/v1/stations/{Mn}/data-key", Ct)).BodyAsync();
        Assert.Equal(JsonValueKind.Null, key.GetProperty("previousAcceptedUntil").ValueKind);
    }

    [Fact]
    public async Task Exchange_NoKeySet_Is409Problem()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");

        HttpResponseMessage response = await hunan.PostAsync($"/api/v1/stations/{Mn}/data-key/exchange", null, Ct);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
