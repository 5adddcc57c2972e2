using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Reporting.Joint;
using Qingshui.Server.Joint;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Joint;

public sealed class JointReportSourcesTests
{
    [Fact]
    public async Task YearlyReport_HasTheYearsDiscrepanciesWithStateAndCause_AndItsSamplingEvents()
    {
        await using TestHost host = await JointBench.StartAsync();
        long id = (await JointBench.ScanAsync(host))[1].Id;
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        Assert.Equal(HttpStatusCode.OK, (await hunan.CloseAsync(id)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SamplingApiTests.RecordAsync(jiangxi)).StatusCode);

        JointReportSection[] sections = await Task.WhenAll(host.Server.Services.GetServices<IJointReportSource>()
            .Select(s => s.SectionAsync("pingshui-lushui", 2024, TestContext.Current.CancellationToken)));
        JointReportSection[] nextYear = await Task.WhenAll(host.Server.Services.GetServices<IJointReportSource>()
            .Select(s => s.SectionAsync("pingshui-lushui", 2025, TestContext.Current.CancellationToken)));

        JointReportSection discrepancies = sections.Single(s => s.Key == "discrepancies");
        Assert.Equal(["2024-06-01", "2024-06"], discrepancies.Rows.Select(r => r[3]));
        Assert.Equal(("open", ""), (discrepancies.Rows[0][8], discrepancies.Rows[0][9]));
        Assert.StartsWith("closed 2024-07-02 by hn-operator (hunan)", discrepancies.Rows[1][8], StringComparison.Ordinal);
        Assert.Equal("校准漂移 / calibration-drift: Hunan NH3-N analyser recalibrated", discrepancies.Rows[1][9]);
        JointReportSection sampling = sections.Single(s => s.Key == "joint-sampling");
        Assert.Equal(("2024-06-01 01:20", "jiangxi: Li Wei; hunan: Wang Fang"), (Assert.Single(sampling.Rows)[1], sampling.Rows[0][4]));
        Assert.All(nextYear, s => Assert.Empty(s.Rows));
    }
}
