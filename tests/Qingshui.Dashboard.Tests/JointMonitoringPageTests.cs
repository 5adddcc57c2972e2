using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qingshui.Domain.Access;
using Qingshui.Domain.Joint;
using Qingshui.Hj212;
using Qingshui.Server.Accounts;
using Qingshui.Server.Joint;
using Qingshui.Server.Tests;
using Qingshui.Storage;
using Qingshui.Storage.Joint;
using Qingshui.Testing;
using static Microsoft.Playwright.Assertions;
using static Qingshui.Dashboard.Tests.OwnServerBrowser;

namespace Qingshui.Dashboard.Tests;

/// <summary>
/// Joint monitoring pages: a Hunan operator closes a Jinyushi discrepancy with a cause, and imports a laboratory's results
/// on a sampling event's page, where a file with a bad line applies nothing and names the line.
/// </summary>
public sealed class JointMonitoringPageTests
{
    private static readonly DateTimeOffset June = new(2024, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public async Task DiscrepanciesPage_OperatorOfEitherSide_ClosesOneWithACause_AndTheRowSaysWhoClosedIt()
    {
        await using TestHost host = await StartAsync();
        // Discrepancies open as the readings commit; the catch-up scan then finds nothing left to open.
        DiscrepancyWatch watch = host.Server.Services.GetRequiredService<DiscrepancyWatch>();
        DateTime deadline = DateTime.UtcNow.AddSeconds(30);
        while (!watch.Idle && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Empty(await host.Server.Services.GetRequiredService<DiscrepancyScan>()
            .ScanAsync(June, new DateTimeOffset(2024, 7, 2, 0, 0, 0, TimeSpan.FromHours(8)), TestContext.Current.CancellationToken));
        IReadOnlyList<Discrepancy> opened = [.. (await host.Server.Services.GetRequiredService<IDiscrepancyStore>()
            .ListDiscrepanciesAsync(new DiscrepancyQuery(100), TestContext.Current.CancellationToken)).OrderBy(d => d.Id)];
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await SignInAsync(browser, host, "hn-operator");

        await page.GetByTestId("nav-joint-monitoring").ClickAsync();
        ILocator rows = page.GetByTestId("discrepancy-row");
        await Expect(rows).ToHaveCountAsync(opened.Count);
        ILocator month = page.Locator($"[data-testid=discrepancy-row][data-id='{opened[1].Id}']");
        await month.GetByTestId("discrepancy-cause").SelectOptionAsync("calibration-drift");
        await month.GetByTestId("discrepancy-text").FillAsync("湖南站氨氮仪校准后复测一致");
        await month.GetByRole(AriaRole.Button).ClickAsync();

        // Closed ones leave the open list; the closed list shows the cause and who closed it.
        await Expect(rows).ToHaveCountAsync(opened.Count - 1);
        await page.GetByTestId("discrepancies-closed").ClickAsync();
        ILocator closing = page.Locator($"[data-testid=discrepancy-row][data-id='{opened[1].Id}'] [data-testid=discrepancy-closing]");
        await Expect(closing).ToContainTextAsync("校准漂移: 湖南站氨氮仪校准后复测一致");
        await Expect(closing).ToContainTextAsync("hn-operator (hunan)");
    }

    [Fact]
    public async Task SamplingPage_CsvWithABadLine_ShowsTheLineAndAppliesNothing_AGoodOneShowsTheComparison()
    {
        await using TestHost host = await StartAsync();
        var at = new DateTimeOffset(2024, 6, 1, 1, 20, 0, TimeSpan.FromHours(8));
        SamplingEvent e = await host.Server.Services.GetRequiredService<ISamplingStore>().CreateSamplingAsync(new SamplingEvent(0, "jinyushi", at,
            "左岸取水口上游 20 m", [new Sampler("jiangxi", "李伟"), new Sampler("hunan", "王芳")], ["JYS-1"], [], [], "", "jx-operator", "jiangxi", at),
            TestContext.Current.CancellationToken);
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await SignInAsync(browser, host, "hn-operator");
        await page.EvaluateAsync("route => { location.hash = route; }", $"#/joint/sampling/{e.Id}");
        await Expect(page.GetByTestId("sampling-event")).ToContainTextAsync("左岸取水口上游 20 m");

        await page.GetByTestId("sampling-file").SetInputFilesAsync(new FilePayload
        {
            Name = "hunan.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("sample,laboratory,side,item,value\nJYS-1,株洲监测中心,hunan,NH3N,0.78\nJYS-1,株洲监测中心,hunan,TP,0.02X\n"),
        });
        await Expect(page.GetByTestId("sampling-import-error")).ToContainTextAsync("line 3: column 5 (value): '0.02X' is not a number");
        await Expect(page.GetByTestId("sampling-comparison-row")).ToHaveCountAsync(0);

        await page.GetByTestId("sampling-file").SetInputFilesAsync(new FilePayload
        {
            Name = "hunan.csv", MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes("sample,laboratory,side,item,value\nJYS-1,株洲监测中心,hunan,NH3N,0.78\nJYS-1,株洲监测中心,hunan,TP,0.02L\n"),
        });
        ILocator ammonia = page.Locator("[data-testid=sampling-comparison-row][data-item=NH3N]");
        await Expect(ammonia).ToContainTextAsync("株洲监测中心 (hunan) 0.78");
        await Expect(ammonia).ToContainTextAsync("360300A00000000000000201: 0.5");
        await Expect(page.Locator("[data-testid=sampling-comparison-row][data-item=TP]")).ToContainTextAsync("0.02L");
    }

    // Both Jinyushi stations' first three hours of June 2024 over HJ 212 (NH3-N: Jiangxi 0.5, Hunan 0.9 mg/L), the clock
    // in July so June is over, and a Hunan operator.
    private static async Task<TestHost> StartAsync()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        TestHost host = await TestHost.StartAsync(clock: new FixedClock(new DateTimeOffset(2024, 7, 2, 1, 0, 0, TimeSpan.Zero)));
        IAccountStore store = host.Server.Services.GetRequiredService<IAccountStore>();
        var hunan = TestHost.Preset.Jurisdictions.Single(j => j.Id == "hunan");
        await store.AddOrganisationAsync(new Organisation("hunan", hunan.Name, OrganisationKind.Jurisdiction, "hunan"), ct);
        UserAccount account = UserAccount.Create("hn-operator", null, "hunan", [Role.Operator]).Account!;
        Assert.Equal(AccountWrite.Added, await store.AddUserAsync(account, host.Server.Services.GetRequiredService<Passwords>().Hash(account, Password), ct));
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        foreach ((string mn, string pw, decimal value) in new[] { ("360300A00000000000000201", "jx0201", 0.5m), ("430281A00000000000000202", "hn0202", 0.9m) })
        {
            for (int h = 0; h < 3; h++)
            {
                DateTimeOffset time = June.AddHours(h);
                await station.SendAsync(FrameEncoder.Encode(string.Create(CultureInfo.InvariantCulture,
                    $"QN={time:yyyyMMddHHmmss}001;ST=21;CN=2061;PW={pw};MN={mn};Flag=5;CP=&&DataTime={time:yyyyMMddHHmmss};w21003-Avg={value},w21003-Flag=N&&")));
                Assert.Equal("9014", (await station.ReceiveAsync()).Command);
            }
        }

        return host;
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
