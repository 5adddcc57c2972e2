using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

/// <summary>The dashboard on a phone (390 px wide): the page never scrolls sideways, wide tables scroll inside their box, and no amount is clipped.</summary>
public sealed partial class DashboardTests
{
    [Theory]
    [InlineData("#/compensation/lushui-test/2025", "[data-testid=net-amount], td.num")]
    [InlineData("#/table", "td.value, td.num")]
    [InlineData("#/stations", "td.num")]
    [InlineData("#/map", "[data-testid=current-class]")]
    public async Task PhoneWidth_PageFitsTheScreen_AndNoAmountIsClipped(string route, string amounts)
    {
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? "");
        IBrowserContext context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 }, Locale = "zh-CN", IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
        });
        IPage page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(fixture.BaseUrl + route);
        await Expect(page.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
        await Expect(page.Locator(amounts).First).ToBeVisibleAsync();

        // Sideways scrolling of the whole page would hide the navigation and cut the amounts at the screen's edge
        int pageWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 390, $"{route}: the page is {pageWidth} px wide on a 390 px screen");

        // Each amount shows whole inside its own cell
        string[] clipped = await page.EvaluateAsync<string[]>(
            "selector => [...document.querySelectorAll(selector)].filter(e => e.scrollWidth > e.clientWidth + 1).map(e => e.textContent.trim() + ' (' + e.scrollWidth + '>' + e.clientWidth + ')')",
            amounts);
        Assert.True(clipped.Length == 0, $"{route}: clipped: {string.Join("; ", clipped)}");

        // The navigation can reach every page
        foreach (ILocator link in await page.Locator("nav a:not([hidden])").AllAsync())
        {
            await link.ScrollIntoViewIfNeededAsync();
            await Expect(link).ToBeInViewportAsync();
        }

        await DashboardFixture.ScreenshotAsync(page, "phone-" + route.Split('/')[1]);
        await context.CloseAsync();
    }
}
