using System.Text.Json;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Joint;

public sealed class ReceiptsTests
{
    [Fact]
    public async Task Meeting_IsDeliveredToEveryOrganisation_AndItsOpeningRecordedOnce_ByTheFirstReader()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        using HttpClient first = await LedgerDesk.SignedInAsync(host, "hn-operator");
        using HttpClient second = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        long meeting = await JointDesk.CreateMeetingAsync(coordinator);

        JsonElement unopened = await ReceiptsAsync(coordinator, meeting);
        await JointDesk.GetJsonAsync(first, $"/api/v1/joint/meetings/{meeting}");
        JsonElement opened = await ReceiptsAsync(coordinator, meeting);
        await JointDesk.GetJsonAsync(second, $"/api/v1/joint/meetings/{meeting}");
        JsonElement later = await ReceiptsAsync(coordinator, meeting);

        Assert.Equal(["hunan", "jiangxi", "joint-office"], unopened.EnumerateArray().Select(r => r.GetProperty("organisation").GetString()));
        Assert.All(unopened.EnumerateArray(), r => Assert.Equal(JsonValueKind.String, r.GetProperty("deliveredAt").ValueKind));
        Assert.All(unopened.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("openedAt").ValueKind));
        JsonElement hunan = opened.EnumerateArray().Single(r => r.GetProperty("organisation").GetString() == "hunan");
        Assert.Equal("hn-operator", hunan.GetProperty("openedBy").GetString());
        Assert.Equal(opened.GetRawText(), later.GetRawText());
    }

    [Fact]
    public async Task Receipts_OfAMissingRecord_AreNotRecorded_AndTheQueryIsChecked()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient reader = await LedgerDesk.SignedInAsync(host, "hn-operator");

        HttpResponseMessage missing = await reader.GetAsync("/api/v1/joint/meetings/77", TestContext.Current.CancellationToken);
        HttpResponseMessage bad = await reader.GetAsync("/api/v1/joint/receipts?kind=Meeting%3B", TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Empty((await ReceiptsAsync(reader, 77)).EnumerateArray());
        Assert.Equal(["id", "kind"], (await bad.BodyAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    private static async Task<JsonElement> ReceiptsAsync(HttpClient client, long meeting) =>
        (await JointDesk.GetJsonAsync(client, $"/api/v1/joint/receipts?kind=meeting&id={meeting}")).GetProperty("receipts");
}
