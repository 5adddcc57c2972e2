using System.Net;
using System.Text;
using System.Text.Json;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Joint;

/// <summary>Attachments named by findings and cases, and the receipts of patrols, findings and cases.</summary>
public sealed class JointSharingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Finding_NamingAPhotoNeverUploaded_Is400NamingItsPlace_AndNothingIsStored()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost _host = host;
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        long patrol = await jiangxi.PatrolAsync("jiangxi", "hunan");
        string uploaded = await UploadAsync(jiangxi, "排污口.png", null);

        HttpResponseMessage added = await jiangxi.AddFindingAsync(patrol, photos: [uploaded, new string('b', 64)]);

        Assert.Equal(HttpStatusCode.BadRequest, added.StatusCode);
        JsonElement errors = (await added.BodyAsync()).GetProperty("errors");
        Assert.Equal(["photos[1]"], errors.EnumerateObject().Select(p => p.Name));
        Assert.Contains("POST /api/v1/joint/attachments", errors.GetProperty("photos[1]")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty((await jiangxi.GetJsonAsync($"/api/v1/joint/findings?patrol={patrol}")).GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public async Task Finding_NamingAPhotoTheNamerMayNotRead_Is400()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost _host = host;
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        long patrol = await jiangxi.PatrolAsync("jiangxi", "hunan");
        string hunans = await UploadAsync(hunan, "湖南内部.png", "hunan");

        HttpResponseMessage added = await jiangxi.AddFindingAsync(patrol, photos: [hunans]);

        Assert.Equal(HttpStatusCode.BadRequest, added.StatusCode);
        Assert.Contains("not shared with organisation 'jiangxi'", (await added.BodyAsync()).GetProperty("errors").GetProperty("photos[0]")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finding_SharesItsPhotosWithTheOtherSide_AndIsDeliveredToEveryOrganisation_TheFirstOpeningRecordedOnce()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost _host = host;
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        using HttpClient hunanViewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        long patrol = await jiangxi.PatrolAsync("jiangxi", "hunan");
        string photo = await UploadAsync(jiangxi, "黑水.png", "jiangxi");
        HttpResponseMessage before = await hunan.GetAsync($"/api/v1/joint/attachments/{photo}", Ct);

        long finding = await jiangxi.FindingAsync(patrol);
        HttpResponseMessage withPhoto = await jiangxi.AddFindingAsync(patrol, photos: [photo]);
        HttpResponseMessage after = await hunan.GetAsync($"/api/v1/joint/attachments/{photo}", Ct);
        JsonElement unopened = await ReceiptsAsync(jiangxi, "finding", finding);
        await hunanViewer.GetJsonAsync($"/api/v1/joint/findings/{finding}");
        await hunan.GetJsonAsync($"/api/v1/joint/findings/{finding}");
        JsonElement opened = await ReceiptsAsync(jiangxi, "finding", finding);

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal(HttpStatusCode.Created, withPhoto.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(["hunan", "jiangxi", "joint-office"], Organisations(unopened));
        Assert.All(unopened.EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("openedAt").ValueKind));
        Assert.Equal("hn-viewer", Of(opened, "hunan").GetProperty("openedBy").GetString());
        Assert.Equal(JsonValueKind.Null, Of(opened, "jiangxi").GetProperty("openedAt").ValueKind);
    }

    [Fact]
    public async Task Patrol_IsDeliveredToEveryOrganisation_AndTheOtherSidesOpeningRecorded()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost _host = host;
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        long patrol = await jiangxi.PatrolAsync("jiangxi");

        await hunan.GetJsonAsync($"/api/v1/joint/patrols/{patrol}");
        JsonElement receipts = await ReceiptsAsync(jiangxi, "patrol", patrol);

        Assert.Equal(["hunan", "jiangxi", "joint-office"], Organisations(receipts));
        Assert.Equal("hn-viewer", Of(receipts, "hunan").GetProperty("openedBy").GetString());
    }

    [Fact]
    public async Task Case_ReachesTheReferredSideOnlyWhenReferred_WithItsDocuments_AndTheirFirstOpeningIsRecorded()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost _host = host;
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        string document = await UploadAsync(jiangxi, "现场笔录.png", "jiangxi");
        HttpResponseMessage missing = await jiangxi.PostAsync("/api/v1/joint/cases", Json(new { what = "非法采砂", where = "金鱼石下游", documents = new[] { document, new string('c', 64) } }), Ct);
        HttpResponseMessage opened = await jiangxi.PostAsync("/api/v1/joint/cases", Json(new { what = "非法采砂", where = "金鱼石下游", documents = new[] { document } }), Ct);
        long id = (await opened.BodyAsync()).GetProperty("id").GetInt64();
        JsonElement beforeReferral = await ReceiptsAsync(jiangxi, "case", id);
        HttpResponseMessage documentBefore = await hunan.GetAsync($"/api/v1/joint/attachments/{document}", Ct);

        HttpResponseMessage referred = await jiangxi.CaseStepAsync(id, "refer", new { to = "hunan", note = "河道右岸属湖南管辖" });
        HttpResponseMessage documentAfter = await hunan.GetAsync($"/api/v1/joint/attachments/{document}", Ct);
        await hunan.GetJsonAsync($"/api/v1/joint/cases/{id}");
        await hunan.GetJsonAsync($"/api/v1/joint/cases/{id}");
        JsonElement afterReferral = await ReceiptsAsync(jiangxi, "case", id);

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(["documents[1]"], (await missing.BodyAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(["jiangxi", "joint-office"], Organisations(beforeReferral));
        Assert.Equal(HttpStatusCode.Forbidden, documentBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, referred.StatusCode);
        Assert.Equal(HttpStatusCode.OK, documentAfter.StatusCode);
        Assert.Equal(["hunan", "jiangxi", "joint-office"], Organisations(afterReferral));
        Assert.Equal("hn-operator", Of(afterReferral, "hunan").GetProperty("openedBy").GetString());
        Assert.Equal(JsonValueKind.Null, Of(afterReferral, "joint-office").GetProperty("openedAt").ValueKind);
    }

    [Fact]
    public async Task DiscrepancyAndSamplingEvent_AreDeliveredToTheSides_AndTheOtherSidesFirstOpeningRecorded()
    {
        await using TestHost host = await JointBench.StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        long discrepancy = (await JointBench.ScanAsync(host))[0].Id;
        HttpResponseMessage recorded = await SamplingApiTests.RecordAsync(jiangxi);
        long sampling = (await recorded.BodyAsync()).GetProperty("id").GetInt64();

        await hunan.GetJsonAsync($"/api/v1/joint/discrepancies/{discrepancy}");
        await hunan.GetJsonAsync($"/api/v1/joint/sampling/{sampling}");
        JsonElement discrepancyReceipts = await ReceiptsAsync(jiangxi, "discrepancy", discrepancy);
        JsonElement samplingReceipts = await ReceiptsAsync(jiangxi, "sampling", sampling);

        Assert.Equal(["hunan", "jiangxi", "joint-office"], Organisations(discrepancyReceipts));
        Assert.Equal("hn-viewer", Of(discrepancyReceipts, "hunan").GetProperty("openedBy").GetString());
        Assert.Contains("hunan", Organisations(samplingReceipts));
        Assert.Equal("hn-viewer", Of(samplingReceipts, "hunan").GetProperty("openedBy").GetString());
        Assert.Equal(JsonValueKind.Null, Of(samplingReceipts, "jiangxi").GetProperty("openedAt").ValueKind);
    }

    private static async Task<string> UploadAsync(HttpClient client, string name, string? share)
    {
        // Each upload different content, so each test's attachment starts with only the shares it gives.
        HttpResponseMessage response = await JointDesk.UploadAsync(client, JointDesk.Png(20 + name.Length, 30), name, share);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.BodyAsync()).GetProperty("id").GetString()!;
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ReceiptsAsync(HttpClient client, string kind, long id) =>
        (await client.GetJsonAsync($"/api/v1/joint/receipts?kind={kind}&id={id}")).GetProperty("receipts");

    private static string[] Organisations(JsonElement receipts) =>
        [.. receipts.EnumerateArray().Select(r => r.GetProperty("organisation").GetString()!).Order(StringComparer.Ordinal)];

    private static JsonElement Of(JsonElement receipts, string organisation) =>
        receipts.EnumerateArray().Single(r => r.GetProperty("organisation").GetString() == organisation);
}
