using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qingshui.Domain.Access;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;
using Qingshui.Server.Accounts;
using Qingshui.Server.Tests;
using Qingshui.Storage;
using Qingshui.Storage.Joint;
using Qingshui.Testing;
using static Microsoft.Playwright.Assertions;
using static Qingshui.Dashboard.Tests.OwnServerBrowser;

namespace Qingshui.Dashboard.Tests;

/// <summary>
/// The patrol, findings and cases pages on a server of their own whose clock is moved by hand: a finding passing its
/// deadline on both sides' screens, a 10,000-point GPX route uploaded and drawn, a case referred by Jiangxi and accepted by Hunan.
/// </summary>
public sealed partial class JointPatrolsPageTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    // 20:00 China time today: a finding due today becomes overdue four hours on.
    private static readonly DateTimeOffset Evening = new(DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(China).DateTime), new TimeOnly(20, 0), China);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Finding_PassingItsDeadline_IsMarkedOverdueOnBothSidesDashboards_ClosingShowsWhoAndWhen()
    {
        // Given a joint patrol's finding that Hunan owns, due today
        var clock = new HandClock(Evening);
        await using TestHost host = await StartAsync(clock);
        IPatrolStore store = host.Server.Services.GetRequiredService<IPatrolStore>();
        Patrol patrol = await store.AddPatrolAsync(new Patrol(0, DateOnly.FromDateTime(Evening.DateTime), "jinyushi",
            [new PatrolParticipant("jiangxi", "萍乡 巡河员"), new PatrolParticipant("hunan", "醴陵 巡河员")], "", new PatrolActor("jx-duty", "jiangxi", "jiangxi"), Evening, 0), Ct);
        Finding finding = (await store.AddFindingAsync(new Finding(0, patrol.Id, "右岸排污口有黑水", new GeoPoint(113.71, 27.61), [], "hunan", "hunan",
            DateOnly.FromDateTime(Evening.DateTime), new PatrolActor("jx-duty", "jiangxi", "jiangxi"), Evening, null), Ct))!;
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage jiangxi = await SignInAsync(browser, host, "jx-viewer");
        IPage hunan = await SignInAsync(browser, host, "hn-duty");
        ILocator Row(IPage page) => page.Locator($"[data-testid=finding-row][data-id='{finding.Id}']");
        await jiangxi.GetByTestId("nav-findings").ClickAsync();
        await Expect(Row(jiangxi)).ToHaveAttributeAsync("data-overdue", "false");

        // When the deadline day ends
        clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));

        // Then both sides' dashboards mark it overdue, on the findings list and on the patrols list
        foreach (IPage page in new[] { jiangxi, hunan })
        {
            await GoAsync(page, "#/findings/overdue");
            await Expect(Row(page)).ToHaveAttributeAsync("data-overdue", "true");
            await Expect(Row(page).GetByTestId("finding-overdue")).ToBeVisibleAsync();
            await GoAsync(page, "#/patrols");
            await Expect(page.Locator($"[data-testid=patrol-row][data-id='{patrol.Id}'] [data-testid=patrol-overdue]")).ToHaveTextAsync("1");
        }

        await DashboardFixture.ScreenshotAsync(jiangxi, "patrol-findings-overdue");

        // And Hunan, the owner, closes it from the patrol's page: who and when show, and it is no longer overdue
        await GoAsync(hunan, $"#/patrols/{patrol.Id}");
        await Row(hunan).GetByTestId("finding-how").FillAsync("已封堵 <b>排污口</b>");
        await Row(hunan).GetByTestId("finding-close").ClickAsync();
        string closedAt = clock.GetUtcNow().ToOffset(China).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        await Expect(Row(hunan).GetByTestId("finding-closing")).ToContainTextAsync($"hn-duty (hunan) {closedAt}: 已封堵 <b>排污口</b>");
        await GoAsync(jiangxi, "#/findings");
        await Expect(Row(jiangxi)).ToHaveAttributeAsync("data-overdue", "false");
        await Expect(Row(jiangxi).GetByTestId("finding-closing")).ToContainTextAsync("hn-duty (hunan)");
        await Expect(Row(jiangxi).GetByTestId("finding-close")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task PatrolPage_Gpx10000Points_UploadsAndDrawsTheRoute()
    {
        await using TestHost host = await StartAsync(new HandClock(Evening));
        Patrol patrol = await host.Server.Services.GetRequiredService<IPatrolStore>().AddPatrolAsync(new Patrol(0, DateOnly.FromDateTime(Evening.DateTime), "jinyushi",
            [new PatrolParticipant("jiangxi", "萍乡 巡河员")], "", new PatrolActor("jx-duty", "jiangxi", "jiangxi"), Evening, 0), Ct);
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await SignInAsync(browser, host, "jx-duty");
        await GoAsync(page, $"#/patrols/{patrol.Id}");
        await Expect(page.GetByTestId("patrol-no-route")).ToBeVisibleAsync();

        await page.GetByTestId("patrol-route-file").SetInputFilesAsync(new FilePayload { Name = "patrol.gpx", MimeType = "application/gpx+xml", Buffer = Encoding.UTF8.GetBytes(Gpx(10_000)) });

        await Expect(page.GetByTestId("patrol-route-points")).ToHaveTextAsync("10000", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=patrol-map] canvas").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("patrol-map")).ToHaveAttributeAsync("data-points", "10000");
        await DashboardFixture.ScreenshotAsync(page, "patrol-route");
    }

    [Fact]
    public async Task CasePage_ReferredByJiangxi_AcceptedByHunan_JiangxiIsNoLongerOfferedTheStatus()
    {
        await using TestHost host = await StartAsync(new HandClock(Evening));
        EnforcementCase opened = await host.Server.Services.GetRequiredService<IPatrolStore>().AddCaseAsync(new EnforcementCase(0, "非法采砂", "金鱼石下游 500 m 右岸", null,
            "jiangxi", "jiangxi", CaseStatus.Open, [], [], null, [], new PatrolActor("jx-duty", "jiangxi", "jiangxi"), Evening, null), Ct);
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage jiangxi = await SignInAsync(browser, host, "jx-duty");
        IPage hunan = await SignInAsync(browser, host, "hn-duty");

        // Jiangxi refers it to Hunan
        await GoAsync(jiangxi, $"#/cases/{opened.Id}");
        await jiangxi.GetByTestId("case-to").SelectOptionAsync("hunan");
        await jiangxi.GetByTestId("case-refer-note").FillAsync("采砂点在右岸，属醴陵管辖");
        await jiangxi.GetByTestId("case-refer").ClickAsync();
        await Expect(jiangxi.Locator("[data-testid=case-referrals] tr[data-answer=pending]")).ToBeVisibleAsync();

        // Hunan sees it referred on its list and accepts it
        await hunan.GetByTestId("nav-cases").ClickAsync();
        await Expect(hunan.Locator($"[data-testid=case-row][data-id='{opened.Id}'] [data-testid=case-referred]")).ToBeVisibleAsync();
        await GoAsync(hunan, $"#/cases/{opened.Id}");
        await hunan.GetByTestId("case-accept").ClickAsync();
        await Expect(hunan.GetByTestId("case")).ToHaveAttributeAsync("data-jurisdiction", "hunan");
        await Expect(hunan.GetByTestId("case-set-status")).ToBeVisibleAsync();

        // Jiangxi, no longer with jurisdiction, is offered no step
        await GoAsync(jiangxi, "#/cases");
        await GoAsync(jiangxi, $"#/cases/{opened.Id}");
        await Expect(jiangxi.GetByTestId("case")).ToHaveAttributeAsync("data-jurisdiction", "hunan");
        await Expect(jiangxi.GetByTestId("case-steps")).ToHaveCountAsync(0);
        await DashboardFixture.ScreenshotAsync(hunan, "case-accepted");
    }

    private static string Gpx(int points)
    {
        var text = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><gpx version="1.1" creator="test" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>""");
        for (int i = 0; i < points; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"""<trkpt lat="{27.60 + i * 0.00001 + 0.0004 * Math.Sin(i / 300.0):0.000000}" lon="{113.70 + i * 0.00001:0.000000}"><ele>52.1</ele></trkpt>""").Append('\n');
        }

        return text.Append("</trkseg></trk></gpx>").ToString();
    }

    private static async Task<TestHost> StartAsync(TimeProvider clock)
    {
        TestHost host = await TestHost.StartAsync(clock: clock, configure: o => o with { SignInPermits = 1000 });
        await AddAsync(host, "jx-duty", "jiangxi", Role.Operator);
        await AddAsync(host, "jx-viewer", "jiangxi", Role.Viewer);
        await AddAsync(host, "hn-duty", "hunan", Role.Operator);
        return host;
    }

    private static async Task AddAsync(TestHost host, string name, string side, Role role)
    {
        IAccountStore store = host.Server.Services.GetRequiredService<IAccountStore>();
        if ((await store.OrganisationsAsync(Ct)).All(o => o.Id != side))
        {
            Jurisdiction jurisdiction = TestHost.Preset.Jurisdictions.Single(j => j.Id == side);
            await store.AddOrganisationAsync(new Organisation(side, jurisdiction.Name, OrganisationKind.Jurisdiction, side), Ct);
        }

        UserAccount account = UserAccount.Create(name, null, side, [role]).Account!;
        Assert.Equal(AccountWrite.Added, await store.AddUserAsync(account, host.Server.Services.GetRequiredService<Passwords>().Hash(account, Password), Ct));
    }

    private static async Task<IPage> SignInAsync(IBrowser browser, TestHost host, string name)
    {
        IPage page = await (await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 900 } })).NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync($"http://{host.Server.HttpEndPoint}/#/signin");
        await page.GetByTestId("signin-name").FillAsync(name);
        await page.GetByTestId("signin-password").FillAsync(Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("who-name")).ToHaveTextAsync(name);
        return page;
    }

    private static async Task GoAsync(IPage page, string route)
    {
        await page.EvaluateAsync("route => new Promise(done => { addEventListener('hashchange', () => done(), { once: true }); location.hash = route; })", route);
        await Expect(page.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
    }

    /// <summary>A clock moved only by the test (the server's "now" for deadlines and sessions).</summary>
    private sealed class HandClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks = start.UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
