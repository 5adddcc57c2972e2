using System.Net;
using MiniExcelLibs;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Joint;

public sealed class JointReportApiTests
{
    [Fact]
    public async Task Report_Html_ListsTheMeetingAndItsDecision_Escaped_InEitherLanguage()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        long meeting = await JointDesk.CreateMeetingAsync(coordinator);
        await JointDesk.AddDecisionAsync(coordinator, meeting, text: "<script>alert(1)</script> 联合采样");

        string zh = await coordinator.GetStringAsync("/api/v1/joint/report?year=2025", TestContext.Current.CancellationToken);
        string en = await coordinator.GetStringAsync("/api/v1/joint/report?basin=pingshui-lushui&year=2025&lang=en", TestContext.Current.CancellationToken);

        Assert.Contains("2025年第一次联席会议", zh, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; 联合采样", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", zh, StringComparison.Ordinal);
        Assert.Contains("<h2>会议决定事项</h2>", zh, StringComparison.Ordinal);
        Assert.Contains("<h2>Meeting decisions</h2>", en, StringComparison.Ordinal);
        Assert.Contains("<h2>Incidents</h2>", en, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_Xlsx_HasOneSheetPerSection_WithRealHeaders()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        long meeting = await JointDesk.CreateMeetingAsync(coordinator);
        await JointDesk.AddDecisionAsync(coordinator, meeting, text: "=HYPERLINK(\"x\") 江西负责");

        HttpResponseMessage response = await coordinator.GetAsync("/api/v1/joint/report?year=2025&format=xlsx&lang=en", TestContext.Current.CancellationToken);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        List<string> sheets = workbook.GetSheetNames();
        Assert.All(["Joint meetings", "Meeting decisions", "Incidents"], sheet => Assert.Contains(sheet, sheets));
        var decisions = workbook.Query(useHeaderRow: true, sheetName: "Meeting decisions").Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("'=HYPERLINK(\"x\") 江西负责", decisions.Single()["Decision"]);
        Assert.Equal("jiangxi", decisions.Single()["Owner"]);
    }

    [Fact]
    public async Task Report_WithoutAYear_OrOfAnotherBasin_IsRefused()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient member = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        HttpResponseMessage noYear = await member.GetAsync("/api/v1/joint/report?format=pdf", TestContext.Current.CancellationToken);
        HttpResponseMessage otherBasin = await member.GetAsync("/api/v1/joint/report?basin=xinan&year=2025", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.NotFound), (noYear.StatusCode, otherBasin.StatusCode));
        Assert.Equal(["format", "year"], (await noYear.BodyAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
