using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;
using Qingshui.Server.Tests;
using Qingshui.Storage.Joint;
using static Microsoft.Playwright.Assertions;
using static Qingshui.Dashboard.Tests.OwnServerBrowser;

namespace Qingshui.Dashboard.Tests;

/// <summary>The joint-work pages with their forms on a phone (390 px wide): none makes the page scroll sideways.</summary>
public sealed partial class JointPatrolsPageTests
{
    [Fact]
    public async Task PhoneWidth_JointPagesWithTheirForms_FitTheScreen()
    {
        // Given a patrol with a route and a finding, a case and a chief, seen by an operator who may use every form
        await using TestHost host = await StartAsync(new HandClock(Evening));
        IPatrolStore store = host.Server.Services.GetRequiredService<IPatrolStore>();
        var actor = new PatrolActor("jx-duty", "jiangxi", "jiangxi");
        Patrol patrol = await store.AddPatrolAsync(new Patrol(0, DateOnly.FromDateTime(Evening.DateTime), "jinyushi",
            [new PatrolParticipant("jiangxi", "萍乡 巡河员"), new PatrolParticipant("hunan", "醴陵 巡河员")], "", actor, Evening, 0), Ct);
        await store.SetRouteAsync(patrol.Id, [.. Enumerable.Range(0, 50).Select(i => new GeoPoint(113.70 + i * 0.0001, 27.60 + i * 0.00005))], Ct);
        await store.AddFindingAsync(new Finding(0, patrol.Id, "右岸排污口有黑水，需要尽快封堵并查明来源", new GeoPoint(113.702, 27.601), [], "hunan", "hunan",
            DateOnly.FromDateTime(Evening.DateTime), actor, Evening, null), Ct);
        EnforcementCase opened = await store.AddCaseAsync(new EnforcementCase(0, "非法采砂", "金鱼石下游 500 m 右岸", null, "jiangxi", "jiangxi", CaseStatus.Open, [], [], null, [],
            actor, Evening, null), Ct);
        await store.AddRiverChiefsAsync([new RiverChief(0, "jinyushi", Bank.Left, "jiangxi", RiverChiefLevel.County, "李四", "上栗县人民政府 副县长", "0799-1234567",
            new DateOnly(2024, 1, 1), null)], Ct);
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IBrowserContext context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = "zh-CN", IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        IPage page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync($"http://{host.Server.HttpEndPoint}/#/signin");
        await page.GetByTestId("signin-name").FillAsync("jx-duty");
        await page.GetByTestId("signin-password").FillAsync(Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("who-name")).ToHaveTextAsync("jx-duty");

        foreach ((string route, string form) in new[]
        {
            ("#/river-chiefs", "chief-form"), ("#/patrols", "patrol-form"), ($"#/patrols/{patrol.Id}", "finding-form"), ("#/cases", "case-form"),
            ($"#/cases/{opened.Id}", "case-status-form"),
        })
        {
            // When the page and its form are drawn
            await GoAsync(page, route);
            await Expect(page.GetByTestId(form)).ToBeVisibleAsync();

            // Then nothing makes the whole page wider than the screen
            int width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(width <= 390, $"{route}: the page is {width} px wide on a 390 px screen");
            string[] wide = await page.EvaluateAsync<string[]>(
                "form => [...document.querySelectorAll(`[data-testid=${form}] input, [data-testid=${form}] select, [data-testid=${form}] textarea, [data-testid=${form}] button`)]"
                + ".filter(e => e.getBoundingClientRect().right > 390.5).map(e => (e.name || e.dataset.testid) + ' ends at ' + Math.round(e.getBoundingClientRect().right))", form);
            Assert.True(wide.Length == 0, $"{route}: form fields past the screen's edge: {string.Join("; ", wide)}");
            await DashboardFixture.ScreenshotAsync(page, "phone-joint-" + route.Replace("#/", "", StringComparison.Ordinal).Replace('/', '-'));
        }

        await context.CloseAsync();
    }
}
