using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Audit;
using Qingshui.Hj212;
using Qingshui.Server.Registration;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Tests.Api;

/// <summary>HJ 212-2025 device registration over real TCP and HTTP: a logger announces itself (1001), an operator assigns it an MN (1002).</summary>
public sealed class PendingStationsApiTests
{
    internal const string LoggerId = "DL-2025-0001";
    internal const string NewMn = "430281A00000000000000888";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static byte[] Announcement(string loggerId = LoggerId, string qn = "20260105080000001", string cpu = "CPU-7F3A") => FrameEncoder.Encode(
        $"QN={qn};ST=21;CN=1001;PW=123456;MN=;Flag=9;CP=&&i23005-Info={loggerId};i23006-Info={cpu};i23007-Info=00:1A:2B:3C:4D:5E;i23008-Info=00:1A:2B:3C:4D:5F&&");

    internal static object Assignment(string section = "liling-wangfang") => new
    {
        mn = NewMn, password = "hn0888", name = new { zh = "新数采仪", en = "New logger" }, section, parameters = new[] { "w01001", "w21011" },
    };

    /// <summary>A logger that announced itself and got its 9013.</summary>
    internal static async Task<RawStation> AnnouncedAsync(TestHost host)
    {
        RawStation logger = await RawStation.ConnectAsync(host.Port);
        await logger.SendAsync(Announcement());
        Assert.Equal("9013", (await logger.ReceiveAsync()).Command);
        return logger;
    }

    [Fact]
    public async Task Announce_IsAnsweredWith9013_AndListedPendingForMembers()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        await using RawStation logger = await AnnouncedAsync(host);

        JsonElement[] pending = [.. (await (await viewer.GetAsync("/api/v1/stations/pending", Ct)).BodyAsync()).EnumerateArray()];

        JsonElement device = Assert.Single(pending);
        Assert.Equal((LoggerId, "CPU-7F3A", "00:1A:2B:3C:4D:5E", true), (device.GetProperty("loggerId").GetString(), device.GetProperty("cpuId").GetString(),
            device.GetProperty("mac1").GetString(), device.GetProperty("connected").GetBoolean()));
        StoredRawPacket raw = Assert.Single(await host.Store.RawPacketsAsync(null, 10, Ct));
        Assert.Equal((PacketVerdict.Control, "1001"), (raw.Packet.Verdict, raw.Packet.Command));
    }

    [Fact]
    public async Task PendingLogger_Listed_IsServedByItsId_AndAnUnknownOneIs404()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        await using RawStation logger = await AnnouncedAsync(host);

        JsonElement listed = Assert.Single((await (await viewer.GetAsync("/api/v1/stations/pending", Ct)).BodyAsync()).EnumerateArray());
        HttpResponseMessage one = await viewer.GetAsync($"/api/v1/stations/pending/{LoggerId}", Ct);
        HttpResponseMessage unknown = await viewer.GetAsync("/api/v1/stations/pending/no-such-logger", Ct);

        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        Assert.Equal(listed.ToString(), (await one.BodyAsync()).ToString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Assign_ByOwnOperator_SendsMnAndPasswordOverTheOpenConnection_ThenTheLoggerUploadsAsTheStation()
    {
        // Given an announced logger
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        await using RawStation logger = await AnnouncedAsync(host);

        // When its jurisdiction's operator assigns it an MN and the logger reports the 1002 done
        Task<HttpResponseMessage> call = hunan.PostAsJsonAsync($"/api/v1/stations/pending/{LoggerId}/assign", Assignment(), Ct);
        Hj212Message assignment = await logger.ReceiveAsync();
        await logger.SendAsync(MessageWriter.Encode(Replies.RequestResponse(assignment, RequestReturnCode.Ready, Hj212Edition.Edition2025)));
        await logger.SendAsync(MessageWriter.Encode(Replies.ExecutionResult(assignment, ExecutionReturnCode.Success, Hj212Edition.Edition2025)));
        HttpResponseMessage response = await call;

        // Then the station is registered in 2025, the logger left the pending list, and its uploads under the new MN are read
        Assert.Equal(("1002", NewMn, "hn0888", 9), (assignment.Command, assignment.DeviceId, assignment.Password, assignment.Flag));
        Assert.Equal(LoggerId, assignment.Data.Pollutants.Single(p => p.Code == "i23005").OtherFields.Single().Value);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("2025", (await response.BodyAsync()).GetProperty("edition").GetString());
        Assert.Empty((await (await hunan.GetAsync("/api/v1/stations/pending", Ct)).BodyAsync()).EnumerateArray());
        await logger.SendAsync(FrameEncoder.Encode(
            $"QN=20260105080000002;ST=21;CN=2061;PW=hn0888;MN={NewMn};Flag=9;CP=&&DataTime=20260105070000;w01001-Avg=7.52,w01001-Flag=N&&"));
        Assert.Equal(("9014", "20260105080000002"), ((await logger.ReceiveAsync()) is var ack ? (ack.Command, ack.RequestId) : default));
        Assert.Contains(await host.Store.RawPacketsAsync(NewMn, 10, Ct), p => p.Packet.Verdict == PacketVerdict.Accepted);
        AuditRecord last = (await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct))[^1].Record;
        Assert.Equal(("hn-operator", "station.pending.assign", LoggerId, AuditOutcome.Done), (last.Actor, last.Action, last.Target, last.Outcome));
        Assert.DoesNotContain("hn0888", last.After, StringComparison.Ordinal);
        JsonElement commands = await (await hunan.GetAsync($"/api/v1/stations/{NewMn}/commands", Ct)).BodyAsync();
        Assert.Equal("Done", commands.GetProperty("commands")[0].GetProperty("state").GetString());
    }

    [Fact]
    public async Task Assign_LoggerSilent_Is504_StationStaysRegistered_AndCallingAgainResends()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync(commandTimeoutSeconds: 2);
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        await using RawStation logger = await AnnouncedAsync(host);

        HttpResponseMessage first = await hunan.PostAsJsonAsync($"/api/v1/stations/pending/{LoggerId}/assign", Assignment(), Ct);
        Hj212Message sent = await logger.ReceiveAsync();
        Task<HttpResponseMessage> again = hunan.PostAsJsonAsync($"/api/v1/stations/pending/{LoggerId}/assign", new { }, Ct);
        Hj212Message resent = await logger.ReceiveAsync();
        await logger.SendAsync(MessageWriter.Encode(Replies.RequestResponse(resent, RequestReturnCode.Ready, Hj212Edition.Edition2025)));
        await logger.SendAsync(MessageWriter.Encode(Replies.ExecutionResult(resent, ExecutionReturnCode.Success, Hj212Edition.Edition2025)));

        Assert.Equal(HttpStatusCode.GatewayTimeout, first.StatusCode);
        Assert.Equal((NewMn, NewMn), (sent.DeviceId, resent.DeviceId));
        Assert.NotEqual(sent.RequestId, resent.RequestId);
        Assert.Equal(HttpStatusCode.Created, (await again).StatusCode);
    }

    [Fact]
    public async Task Assign_LoggerSlow_StrangerAnnouncesItsIdWithOtherHardware_IsRefusedKeptRaw_HearsNothing_AndCallingAgainResendsToTheLogger()
    {
        // Given a logger assigned an MN that has not confirmed it yet
        await using TestHost host = await StationRegisterApiTests.StartAsync(commandTimeoutSeconds: 2);
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        await using RawStation logger = await AnnouncedAsync(host);
        HttpResponseMessage first = await hunan.PostAsJsonAsync($"/api/v1/stations/pending/{LoggerId}/assign", Assignment(), Ct);
        Hj212Message sent = await logger.ReceiveAsync();

        // When a stranger announces the logger's id with another CPU id, then the operator calls again
        await using RawStation stranger = await RawStation.ConnectAsync(host.Port);
        await stranger.SendAsync(Announcement(qn: "20260105090000001", cpu: "CPU-0BAD"));
        StoredRawPacket refused = await WaitForPacketAsync(host, p => p.Packet.Verdict == PacketVerdict.Rejected);
        Task<HttpResponseMessage> again = hunan.PostAsJsonAsync($"/api/v1/stations/pending/{LoggerId}/assign", new { }, Ct);
        Hj212Message resent = await logger.ReceiveAsync();
        await logger.SendAsync(MessageWriter.Encode(Replies.RequestResponse(resent, RequestReturnCode.Ready, Hj212Edition.Edition2025)));
        await logger.SendAsync(MessageWriter.Encode(Replies.ExecutionResult(resent, ExecutionReturnCode.Success, Hj212Edition.Edition2025)));

        // Then the stranger is refused with the reason and hears neither 9013 nor the MN; the logger gets it and leaves the list
        Assert.Equal(HttpStatusCode.GatewayTimeout, first.StatusCode);
        Assert.Equal(("1001", $"hardware identity refused: logger {LoggerId} has an MN assigned to other hardware (CPU id or MACs differ from those recorded at its assignment)"),
            (refused.Packet.Command, refused.Packet.Reason));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => stranger.ReceiveAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(("1002", NewMn, NewMn), (resent.Command, sent.DeviceId, resent.DeviceId));
        Assert.Equal(HttpStatusCode.Created, (await again).StatusCode);
        Assert.Empty(await PendingAsync(host));
    }

    [Fact]
    public async Task Assign_AtAnotherJurisdictionsSection_Is403_NothingRegistered()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        await using RawStation logger = await AnnouncedAsync(host);

        HttpResponseMessage response = await jiangxi.PostAsJsonAsync($"/api/v1/stations/pending/{LoggerId}/assign", Assignment(), Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await jiangxi.GetAsync($"/api/v1/stations/{NewMn}/registration", Ct)).StatusCode);
    }

    [Fact]
    public async Task Assign_BadFields_IsAValidationProblemNamingThem()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        await using RawStation logger = await AnnouncedAsync(host);

        HttpResponseMessage response = await hunan.PostAsJsonAsync($"/api/v1/stations/pending/{LoggerId}/assign",
            new { mn = "not;an;mn", password = "x", name = new { zh = "站", en = "S" }, section = "liling-wangfang" }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement errors = (await response.BodyAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("mn", out _) && errors.TryGetProperty("password", out _), errors.GetRawText());
    }

    [Fact]
    public async Task Assign_DataKeyNotAKey_IsAValidationProblemNamingIt_NothingRegistered()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        await using RawStation logger = await AnnouncedAsync(host);

        HttpResponseMessage response = await hunan.PostAsJsonAsync($"/api/v1/stations/pending/{LoggerId}/assign", new
        {
            mn = NewMn, password = "hn0888", name = new { zh = "新数采仪", en = "New logger" }, section = "liling-wangfang", dataKey = "0123456789ABCDEF",
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.BodyAsync()).GetProperty("errors").TryGetProperty("dataKey", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await hunan.GetAsync($"/api/v1/stations/{NewMn}/registration", Ct)).StatusCode);
    }

    [Fact]
    public async Task Assign_WithDataKey_TheLoggersFirstEncryptedUploadUnderItsMnIsRead()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        await using RawStation logger = await AnnouncedAsync(host);

        Task<HttpResponseMessage> call = hunan.PostAsJsonAsync($"/api/v1/stations/pending/{LoggerId}/assign", new
        {
            mn = NewMn, password = "hn0888", name = new { zh = "新数采仪", en = "New logger" }, section = "liling-wangfang",
            dataKey = Keys.EncryptedFramesTests.KeyHex,
        }, Ct);
        Hj212Message assignment = await logger.ReceiveAsync();
        await logger.SendAsync(MessageWriter.Encode(Replies.RequestResponse(assignment, RequestReturnCode.Ready, Hj212Edition.Edition2025)));
        await logger.SendAsync(MessageWriter.Encode(Replies.ExecutionResult(assignment, ExecutionReturnCode.Success, Hj212Edition.Edition2025)));
        Assert.Equal(HttpStatusCode.Created, (await call).StatusCode);
        await logger.SendAsync(FrameEncoder.Encode(Keys.EncryptedFramesTests.EncryptedSegment(
            $"QN=20260105080000002;ST=21;CN=2061;PW=hn0888;MN={NewMn};Flag=9;", "DataTime=20260105070000;w01001-Avg=7.52,w01001-Flag=N",
            Keys.EncryptedFramesTests.KeyHex)));

        Assert.Equal("9014", (await logger.ReceiveAsync()).Command);
        Assert.Contains(await host.Store.RawPacketsAsync(NewMn, 10, Ct), p => p.Packet.Verdict == PacketVerdict.Accepted && p.Packet.Command == "2061");
        AuditRecord last = (await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct))[^1].Record;
        Assert.Contains("\"dataKeySet\":true", last.After, StringComparison.Ordinal);
        Assert.DoesNotContain(Keys.EncryptedFramesTests.KeyHex, last.After!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Reject_ByOperator_RemovesTheLogger_AndIsAudited()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        await using RawStation logger = await AnnouncedAsync(host);

        HttpResponseMessage response = await hunan.PostAsJsonAsync($"/api/v1/stations/pending/{LoggerId}/reject", new { reason = "not ours" }, Ct);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty((await (await hunan.GetAsync("/api/v1/stations/pending", Ct)).BodyAsync()).EnumerateArray());
        AuditRecord last = (await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct))[^1].Record;
        Assert.Equal(("station.pending.reject", LoggerId), (last.Action, last.Target));
        Assert.Contains("not ours", last.After, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("DL 0001")]
    [InlineData("DL-00000000000000000000000000000000000000000000000000000000000000001")]
    public async Task Announce_BadLoggerId_IsRejectedWithReason_KeptRaw_NotListed(string loggerId)
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        await using RawStation logger = await RawStation.ConnectAsync(host.Port);

        await logger.SendAsync(FrameEncoder.Encode($"QN=20260105080000001;ST=21;CN=1001;PW=123456;MN=;Flag=9;CP=&&i23005-Info={loggerId}&&"));

        StoredRawPacket raw = await WaitForPacketAsync(host);
        Assert.Equal(PacketVerdict.Rejected, raw.Packet.Verdict);
        Assert.StartsWith("hardware identity refused: ", raw.Packet.Reason, StringComparison.Ordinal);
        Assert.Empty(await PendingAsync(host));
    }

    [Fact]
    public async Task Announce_MoreThanTheRatePerAddress_IsRefused()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        await using RawStation logger = await RawStation.ConnectAsync(host.Port);

        for (int i = 0; i < PendingRegistrations.MaxAnnouncementsPerMinute; i++)
        {
            await logger.SendAsync(Announcement($"DL-{i}", $"2026010508000000{i}"));
            Assert.Equal("9013", (await logger.ReceiveAsync()).Command);
        }

        await logger.SendAsync(Announcement("DL-over", "20260105080000099"));

        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await host.Store.RawPacketsAsync(null, 20, Ct)).Count <= PendingRegistrations.MaxAnnouncementsPerMinute)
        {
            Assert.True(DateTime.UtcNow < deadline);
            await Task.Delay(20, Ct);
        }

        StoredRawPacket last = (await host.Store.RawPacketsAsync(null, 20, Ct))[0];
        Assert.Equal(PacketVerdict.Rejected, last.Packet.Verdict);
        Assert.Contains("announcements a minute", last.Packet.Reason, StringComparison.Ordinal);
        Assert.Equal(PendingRegistrations.MaxAnnouncementsPerMinute, (await PendingAsync(host)).Count);
    }

    [Fact]
    public async Task Announce_StoreHoldsTheMostLoggersAllowed_IsRefusedWithReason_KeptRaw_Unanswered()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        var store = host.Server.Services.GetRequiredService<Storage.Registration.IPendingRegistrationStore>();
        DateTimeOffset seen = DateTimeOffset.UtcNow;
        for (int i = 0; i < PendingRegistrations.MaxPending; i++)
        {
            // As if announced on another node: the bound is the store's, not this node's.
            await store.AnnouncePendingAsync(new(0, $"DL-other-{i}", null, null, null, "", "21", "10.0.0.9:5000", "node-b", seen, seen),
                PendingRegistrations.MaxPending, Ct);
        }

        await using RawStation logger = await RawStation.ConnectAsync(host.Port);
        await logger.SendAsync(Announcement());

        StoredRawPacket raw = await WaitForPacketAsync(host);
        Assert.Equal(PacketVerdict.Rejected, raw.Packet.Verdict);
        Assert.Equal($"hardware identity refused: {PendingRegistrations.MaxPending} loggers are pending already", raw.Packet.Reason);
        Assert.Null(await store.PendingRegistrationAsync(LoggerId, Ct));
        await Assert.ThrowsAnyAsync<Exception>(() => logger.ReceiveAsync(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Announced_ServerRestarts_TheLoggerIsStillPending_WithItsFirstAnnouncement()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        await using (RawStation logger = await AnnouncedAsync(host))
        {
            await host.RestartAsync();
        }

        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        JsonElement device = Assert.Single((await (await viewer.GetAsync("/api/v1/stations/pending", Ct)).BodyAsync()).EnumerateArray());

        Assert.Equal((LoggerId, "CPU-7F3A", false), (device.GetProperty("loggerId").GetString(), device.GetProperty("cpuId").GetString(),
            device.GetProperty("connected").GetBoolean()));
    }

    [Fact]
    public async Task List_Paged_FollowsTheLinkHeader_InOrderOfAnnouncement_AndRefusesAForgedCursor()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        await using RawStation logger = await RawStation.ConnectAsync(host.Port);
        foreach (string id in new[] { "DL-C", "DL-A", "DL-B" })
        {
            await logger.SendAsync(Announcement(id, $"2026010508000000{id[^1]}"));
            Assert.Equal("9013", (await logger.ReceiveAsync()).Command);
        }

        HttpResponseMessage first = await viewer.GetAsync("/api/v1/stations/pending?limit=2", Ct);
        string next = Assert.Single(first.Headers.GetValues("Link"));
        string target = next[(next.IndexOf('<', StringComparison.Ordinal) + 1)..next.IndexOf('>', StringComparison.Ordinal)];
        HttpResponseMessage second = await viewer.GetAsync(target, Ct);
        HttpResponseMessage forged = await viewer.GetAsync("/api/v1/stations/pending?cursor=WyJwZW5kaW5nLWxvZ2dlcnMiXQ", Ct);
        HttpResponseMessage tooMany = await viewer.GetAsync("/api/v1/stations/pending?limit=201", Ct);

        Assert.Equal(["DL-C", "DL-A"], (await first.BodyAsync()).EnumerateArray().Select(d => d.GetProperty("loggerId").GetString()));
        Assert.Equal(["DL-B"], (await second.BodyAsync()).EnumerateArray().Select(d => d.GetProperty("loggerId").GetString()));
        Assert.False(second.Headers.Contains("Link"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.True((await forged.BodyAsync()).GetProperty("errors").TryGetProperty("cursor", out _));
        Assert.True((await tooMany.BodyAsync()).GetProperty("errors").TryGetProperty("limit", out _));
    }

    private static Task<IReadOnlyList<Storage.Registration.PendingRegistration>> PendingAsync(TestHost host) =>
        host.Server.Services.GetRequiredService<Storage.Registration.IPendingRegistrationStore>().PendingRegistrationsAsync(0, 1000, Ct);

    private static async Task<StoredRawPacket> WaitForPacketAsync(TestHost host, Func<StoredRawPacket, bool>? matching = null)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            IReadOnlyList<StoredRawPacket> packets = await host.Store.RawPacketsAsync(null, 10, Ct);
            if (packets.FirstOrDefault(matching ?? (_ => true)) is StoredRawPacket packet)
            {
                return packet;
            }

            Assert.True(DateTime.UtcNow < deadline, "no packet stored within 10 s");
            await Task.Delay(20, Ct);
        }
    }
}
