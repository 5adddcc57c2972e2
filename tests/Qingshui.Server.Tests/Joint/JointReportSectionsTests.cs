using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Incidents;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Joint;

/// <summary>The yearly joint report gathers every kind of joint record.</summary>
public sealed class JointReportSectionsTests
{
    private static readonly string[] Sections =
    [
        "Joint meetings", "Meeting decisions", "Incidents", "Joint patrols", "Patrol findings", "Enforcement cases",
        "Discrepancies between stations", "Joint sampling",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Report_OfAYearWithOneRecordOfEachKind_HasEverySection_WithItsRecord_InHtmlAndXlsx()
    {
        await using TestHost host = await JointBench.StartAsync();
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        Assert.NotEmpty(await JointBench.ScanAsync(host));
        HttpResponseMessage meeting = await coordinator.PostAsJsonAsync("/api/v1/joint/meetings", JointDesk.Meeting("2024-03-12"), Ct);
        Assert.Equal(HttpStatusCode.Created, meeting.StatusCode);
        long meetingId = (await meeting.BodyAsync()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Created, (await JointDesk.AddDecisionAsync(coordinator, meetingId, deadline: "2024-04-30", text: "联合巡河每季度一次")).StatusCode);
        HttpResponseMessage patrol = await jiangxi.PostAsJsonAsync("/api/v1/joint/patrols",
            new { date = "2024-06-01", reach = "jinyushi", participants = new[] { new { side = "jiangxi", name = "巡河员" } } }, Ct);
        Assert.Equal(HttpStatusCode.Created, patrol.StatusCode);
        await jiangxi.FindingAsync((await patrol.BodyAsync()).GetProperty("id").GetInt64(), deadline: "2024-07-10");
        await jiangxi.CaseAsync();
        Assert.Equal(HttpStatusCode.Created, (await SamplingApiTests.RecordAsync(jiangxi)).StatusCode);
        await host.Server.Services.GetRequiredService<IIncidentStore>().CreateAsync(new Incident(0, "jinyushi", AlertSeverity.Info, IncidentStatus.Raised,
            JointBench.Now.AddDays(-20), ["jiangxi", "hunan"], [JointBench.JiangxiMn], [], [], [], []), Ct);

        string html = await coordinator.GetStringAsync("/api/v1/joint/report?year=2024&lang=en", Ct);
        HttpResponseMessage xlsx = await coordinator.GetAsync("/api/v1/joint/report?year=2024&format=xlsx&lang=en", Ct);
        using var workbook = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct));

        Assert.All(Sections, title => Assert.Contains($"<h2>{title}</h2>", html, StringComparison.Ordinal));
        Assert.Contains("联合巡河每季度一次", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        List<string> sheets = workbook.GetSheetNames();
        Assert.Equal(Sections.Length, sheets.Count);
        Assert.All(sheets, sheet => Assert.NotEmpty(workbook.Query(useHeaderRow: true, sheetName: sheet)));
    }
}
