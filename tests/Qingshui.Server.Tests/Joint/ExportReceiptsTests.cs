using System.Text.Json;
using Qingshui.Domain.Access;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Joint;

/// <summary>Data exports and the yearly joint report carry receipts too: which organisation received what, first by whom and when.</summary>
public sealed class ExportReceiptsTests
{
    private const string JiangxiMn = "360300A00000000000000201";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReadingsExport_ByTheOtherSide_IsReceiptedOnce_WithWhoAndWhen_AndNamesWhatWasExported()
    {
        await using TestHost host = await JointDesk.StartAsync();
        await Members.AddAsync(host, "hn-exporter", "hunan", Role.Viewer);
        await Members.AddAsync(host, "hn-exporter2", "hunan", Role.Viewer);
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-exporter");
        using HttpClient hunan2 = await LedgerDesk.SignedInAsync(host, "hn-exporter2");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        string export = $"/api/v1/exports/readings?station={JiangxiMn}&parameter=w21003&from=2024-03-01&to=2024-04-01";

        HttpResponseMessage first = await hunan.GetAsync(export, Ct);
        await first.Content.ReadAsStringAsync(Ct);
        HttpResponseMessage again = await hunan2.GetAsync(export, Ct);
        await again.Content.ReadAsStringAsync(Ct);
        JsonElement receipts = await JointDesk.GetJsonAsync(jiangxi,
            $"/api/v1/joint/receipts?kind=export.readings&id={Uri.EscapeDataString($"hour/{JiangxiMn}/w21003/2024-03-01T00:00/2024-04-01T00:00")}");

        Assert.True(first.IsSuccessStatusCode);
        JsonElement receipt = Assert.Single(receipts.GetProperty("receipts").EnumerateArray());
        Assert.Equal(("hunan", "hn-exporter"), (receipt.GetProperty("organisation").GetString(), receipt.GetProperty("openedBy").GetString()));
        Assert.Equal(JsonValueKind.String, receipt.GetProperty("openedAt").ValueKind);
    }

    [Fact]
    public async Task MonthsExport_SignedIn_IsReceipted_AnonymousIsNot()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient anonymous = Members.Client(host);
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-coordinator");
        const string Id = "all/2024-01/2024-03";

        await (await anonymous.GetAsync("/api/v1/exports/months?from=2024-01&to=2024-03", Ct)).Content.ReadAsStringAsync(Ct);
        JsonElement afterAnonymous = await JointDesk.GetJsonAsync(hunan, $"/api/v1/joint/receipts?kind=export.months&id={Uri.EscapeDataString(Id)}");
        HttpResponseMessage exported = await hunan.GetAsync("/api/v1/exports/months?from=2024-01&to=2024-03", Ct);
        await exported.Content.ReadAsStringAsync(Ct);
        JsonElement after = await JointDesk.GetJsonAsync(hunan, $"/api/v1/joint/receipts?kind=export.months&id={Uri.EscapeDataString(Id)}");

        Assert.Empty(afterAnonymous.GetProperty("receipts").EnumerateArray());
        Assert.True(exported.IsSuccessStatusCode);
        Assert.Equal(["hunan"], after.GetProperty("receipts").EnumerateArray().Select(r => r.GetProperty("organisation").GetString()));
    }

    [Fact]
    public async Task YearlyReport_DownloadedByEachSide_InEitherFormat_IsReceiptedPerOrganisation_ABadRequestIsNot()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-coordinator");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-coordinator");

        HttpResponseMessage bad = await hunan.GetAsync("/api/v1/joint/report?year=2025&format=pdf", Ct);
        JsonElement afterBad = await JointDesk.GetJsonAsync(jiangxi, "/api/v1/joint/receipts?kind=joint-report&id=pingshui-lushui%2F2025");
        HttpResponseMessage excel = await hunan.GetAsync("/api/v1/joint/report?year=2025&format=xlsx", Ct);
        HttpResponseMessage html = await jiangxi.GetAsync("/api/v1/joint/report?year=2025", Ct);
        JsonElement after = await JointDesk.GetJsonAsync(jiangxi, "/api/v1/joint/receipts?kind=joint-report&id=pingshui-lushui%2F2025");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Empty(afterBad.GetProperty("receipts").EnumerateArray());
        Assert.True(excel.IsSuccessStatusCode && html.IsSuccessStatusCode);
        Assert.Equal(["hunan/hn-coordinator", "jiangxi/jx-coordinator"], after.GetProperty("receipts").EnumerateArray()
            .Select(r => $"{r.GetProperty("organisation").GetString()}/{r.GetProperty("openedBy").GetString()}"));
    }
}
