using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Hj212;
using Qingshui.Server.Accounts;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;
using Qingshui.Server.Tests.Ingest;
using Qingshui.Server.Tests.Keys;
using Qingshui.Server.Tests.Notices;
using Qingshui.Storage;
using Qingshui.Testing;

namespace Qingshui.Server.Tests.Cluster;

/// <summary>
/// Two whole servers on one PostgreSQL database: what one node changes through the API (a station's registration,
/// password or key, an account) takes effect on the other within 2 s, and events raised on one node reach the other's
/// dashboards.
/// </summary>
public sealed class ChangesOnTwoNodesTests : TwoNodesOnOneDatabase
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(2);

    private protected override async Task SetUpAsync()
    {
        await Members.AddAsync(A, "hn-operator", "hunan", Role.Operator);
        await Members.AddAsync(A, "hn-viewer", "hunan", Role.Viewer);
    }

    [Fact]
    public async Task PasswordRotatedOnNodeA_StationReconnectingToNodeB_IsAcceptedWithTheNewOneWithinTwoSeconds()
    {
        using HttpClient hunan = await LedgerDesk.SignedInAsync(A, "hn-operator");
        Assert.Equal("9014", (await UploadAsync(B, StationRegisterApiTests.HunanPassword, "20240601090000001")).Command);

        Assert.Equal(HttpStatusCode.NoContent, (await StationRegisterApiTests.RotateAsync(hunan, StationRegisterApiTests.HunanMn, "Rot@ted-301")).StatusCode);

        int qn = 2;
        Assert.True(await WithinAsync(async () =>
            (await UploadAsync(B, "Rot@ted-301", $"2024060109000000{qn++ % 10}")).Command == "9014"), "node B still refuses the new password");
        Assert.Equal(("9011", "3"), await RefusalAsync(B, StationRegisterApiTests.HunanPassword));
    }

    [Fact]
    public async Task EditionAndDataKeySetOnNodeA_EncryptedUploadOnNodeB_IsAcknowledgedWithinTwoSeconds()
    {
        // Node B has seen the station as a 2017 one without a key
        Assert.Equal("9014", (await UploadAsync(B, StationRegisterApiTests.HunanPassword, "20240601090000001")).Command);

        using HttpClient hunan = await WithKeyOnAAsync();

        int qn = 1;
        Assert.True(await WithinAsync(async () =>
        {
            await using RawStation station = await RawStation.ConnectAsync(B.Port);
            await station.SendAsync(Edition2025IngestTests.EncryptedHourly(EncryptedFramesTests.KeyHex, qn: $"2026010508000000{qn++ % 10}"));
            return (await station.ReceiveAsync()).Command == "9014";
        }), "node B does not read the station's encrypted uploads");
    }

    [Fact]
    public async Task UserDisabledThroughNodeA_IsRefusedOnNodeBWithinTwoSeconds_ThoughNodeBRechecksEveryFiveSeconds()
    {
        using HttpClient viewer = Members.Client(B);
        Assert.Equal(HttpStatusCode.OK, (await viewer.SignInAsync("hn-viewer", Members.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/session", Ct)).StatusCode);

        // As the users API does: the store first, then the change is told
        await A.Server.Services.GetRequiredService<IAccountStore>().UpdateUserAsync("hn-viewer", a => a with { Disabled = true }, Ct);
        A.Server.Services.GetRequiredService<AccountChanges>().Changed("hn-viewer");

        Assert.True(await WithinAsync(async () => (await viewer.GetAsync("/api/v1/session", Ct)).StatusCode == HttpStatusCode.Unauthorized),
            "node B still serves the disabled user");
    }

    [Fact]
    public async Task NoticePostedOnNodeA_ReachesASignedInDashboardOnNodeB_WithinTwoSeconds()
    {
        using HttpClient viewer = Members.Client(B);
        Assert.Equal(HttpStatusCode.OK, (await viewer.SignInAsync("hn-viewer", Members.Password)).StatusCode);
        using HttpResponseMessage events = await viewer.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync(Ct));
        Assert.Equal(": connected", await reader.ReadLineAsync(Ct));

        await NoticeDesk.PostAsync(A, NoticeDesk.Notice(7, "hunan"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(Within);
        string? line;
        do
        {
            line = await reader.ReadLineAsync(timeout.Token);
        }
        while (line is not null && line != "event: notice");

        line = await reader.ReadLineAsync(timeout.Token);
        Assert.NotNull(line);
        Assert.Contains("Alert 7", line, StringComparison.Ordinal);
    }

    private async Task<HttpClient> WithKeyOnAAsync()
    {
        HttpClient hunan = await LedgerDesk.SignedInAsync(A, "hn-operator");
        Assert.Equal(HttpStatusCode.OK, (await StationRegisterApiTests.ChangeAsync(hunan, Edition2025IngestTests.Mn, new { edition = "2025" })).StatusCode);
        HttpResponseMessage keyed = await hunan.PutAsync($"/api/v1/stations/{Edition2025IngestTests.Mn}/data-key",
            System.Net.Http.Json.JsonContent.Create(new { key = EncryptedFramesTests.KeyHex }), Ct);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
        return hunan;
    }

    private static async Task<bool> WithinAsync(Func<Task<bool>> done)
    {
        DateTime deadline = DateTime.UtcNow + Within;
        do
        {
            if (await done())
            {
                return true;
            }

            await Task.Delay(50, Ct);
        }
        while (DateTime.UtcNow < deadline);
        return false;
    }

    private static async Task<Hj212Message> UploadAsync(TestHost node, string password, string qn)
    {
        await using RawStation station = await RawStation.ConnectAsync(node.Port);
        await station.SendAsync(FrameEncoder.Encode(
            $"QN={qn};ST=21;CN=2061;PW={password};MN={StationRegisterApiTests.HunanMn};Flag=5;CP=&&DataTime=20240601080000;w01001-Avg=7.52,w01001-Flag=N&&"));
        return await station.ReceiveAsync();
    }

    private static async Task<(string, string?)> RefusalAsync(TestHost node, string password)
    {
        Hj212Message answer = await UploadAsync(node, password, "20240601099999999");
        return (answer.Command, answer.Data.Field("QnRtn"));
    }
}
