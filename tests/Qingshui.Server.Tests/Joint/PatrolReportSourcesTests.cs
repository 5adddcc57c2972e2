using Microsoft.Extensions.DependencyInjection;
using Qingshui.Reporting.Joint;
using Qingshui.Server.Joint;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Joint;

public sealed class PatrolReportSourcesTests
{
    [Fact]
    public async Task JointReport_ForTheYear_HasThePatrolsFindingsAndCasesSections_WithTheirRows()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        long patrol = await jiangxi.PatrolAsync("jiangxi", "hunan");
        await jiangxi.FindingAsync(patrol, deadline: "2025-01-01");
        await jiangxi.CaseAsync();

        var sections = new List<JointReportSection>();
        foreach (IJointReportSource source in host.Server.Services.GetServices<IJointReportSource>())
        {
            sections.Add(await source.SectionAsync("pingshui-lushui", 2025, TestContext.Current.CancellationToken));
        }

        JointReportSection patrols = Assert.Single(sections, s => s.Key == "patrols");
        JointReportSection findings = Assert.Single(sections, s => s.Key == "findings");
        JointReportSection cases = Assert.Single(sections, s => s.Key == "cases");
        Assert.Equal(["2025-02-08", "jinyushi", "jiangxi, hunan"], Assert.Single(patrols.Rows).Take(3));
        Assert.Equal("overdue", Assert.Single(findings.Rows)[5]);
        Assert.Equal("非法采砂", Assert.Single(cases.Rows)[1]);
        Assert.Empty((await host.Server.Services.GetServices<IJointReportSource>().First(s => s is PatrolReportSource)
            .SectionAsync("pingshui-lushui", 2024, TestContext.Current.CancellationToken)).Rows);
    }
}
