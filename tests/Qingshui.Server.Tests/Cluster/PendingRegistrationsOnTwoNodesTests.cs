using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qingshui.Domain.Access;
using Qingshui.Hj212;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;
using Qingshui.Storage;
using Qingshui.Testing;

namespace Qingshui.Server.Tests.Cluster;

/// <summary>HJ 212-2025 device registration on two nodes of one PostgreSQL database: the pending list is the store's.</summary>
public sealed class PendingRegistrationsOnTwoNodesTests : TwoNodesOnOneDatabase
{
    private protected override async Task SetUpAsync()
    {
        await Members.AddAsync(A, "hn-operator", "hunan", Role.Operator);
    }

    [Fact]
    public async Task LoggerAnnouncedOnNodeB_IsListedOnNodeA_AndAnMnAssignedOnNodeA_ReachesTheLoggerThroughNodeB()
    {
        // Given a logger that announced itself on node B, and an operator signed in on node A
        using HttpClient hunan = await LedgerDesk.SignedInAsync(A, "hn-operator");
        await using RawStation logger = await PendingStationsApiTests.AnnouncedAsync(B);
        JsonElement listed = Assert.Single((await (await hunan.GetAsync("/api/v1/stations/pending", Ct)).BodyAsync()).EnumerateArray());

        // When the operator assigns it an MN on node A, and the logger reports the 1002 done to node B
        HttpResponseMessage response = await hunan.PostAsJsonAsync(
            $"/api/v1/stations/pending/{PendingStationsApiTests.LoggerId}/assign", PendingStationsApiTests.Assignment(), Ct);
        Hj212Message assignment = await logger.ReceiveAsync();
        await logger.SendAsync(MessageWriter.Encode(Replies.RequestResponse(assignment, RequestReturnCode.Ready, Hj212Edition.Edition2025)));
        await logger.SendAsync(MessageWriter.Encode(Replies.ExecutionResult(assignment, ExecutionReturnCode.Success, Hj212Edition.Edition2025)));

        // Then node A answered 202, node B sent the assignment, the logger left the list, and node B reads it as the station
        Assert.Equal((PendingStationsApiTests.LoggerId, false, "node-b"),
            (listed.GetProperty("loggerId").GetString(), listed.GetProperty("connected").GetBoolean(), listed.GetProperty("node").GetString()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("1002", PendingStationsApiTests.NewMn, "hn0888"), (assignment.Command, assignment.DeviceId, assignment.Password));
        Assert.Equal(PendingStationsApiTests.LoggerId, assignment.Data.Pollutants.Single(p => p.Code == "i23005").OtherFields.Single().Value);
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await (await hunan.GetAsync("/api/v1/stations/pending", Ct)).BodyAsync()).GetArrayLength() > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the logger is still pending 10 s after it confirmed its MN");
            await Task.Delay(50, Ct);
        }

        await logger.SendAsync(FrameEncoder.Encode(
            $"QN=20260105080000002;ST=21;CN=2061;PW=hn0888;MN={PendingStationsApiTests.NewMn};Flag=9;CP=&&DataTime=20260105070000;w01001-Avg=7.52,w01001-Flag=N&&"));
        Hj212Message ack = await logger.ReceiveAsync();
        Assert.Equal(("9014", "20260105080000002"), (ack.Command, ack.RequestId));
        Assert.Contains(await B.Store.RawPacketsAsync(PendingStationsApiTests.NewMn, 10, Ct), p => p.Packet.Verdict == PacketVerdict.Accepted);
    }
}
