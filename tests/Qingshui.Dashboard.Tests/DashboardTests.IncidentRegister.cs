using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

/// <summary>The pollution incident register on the compensation page.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task Coordinator_RecordsALevelIIIncidentInMay_TheRegisterShowsMaysReceiptsForfeited()
    {
        IPage page = await SignInAsync("hunan-coordinator");
        await GoAsync(page, $"#/compensation/{DashboardFixture.ToForfeit.Id}/2025");
        await Expect(page.GetByTestId("no-incidents")).ToBeVisibleAsync();

        await page.GetByTestId("incident-section").SelectOptionAsync("jinyushi");
        await page.GetByTestId("incident-level").SelectOptionAsync("II");
        await page.GetByTestId("incident-time").FillAsync("2025-05-03T14:00");
        await page.GetByTestId("incident-confirmed-by").FillAsync("萍乡市生态环境局");
        await page.GetByTestId("incident-submit").ClickAsync();

        // The register lists it with its effect: May's 1,000,000 goes back from Jiangxi to Hunan.
        // (Registering recomputes the year from a year of hourly data: give it time on a busy machine.)
        ILocator row = page.GetByTestId("registered-incident");
        await Expect(row).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await Expect(row).ToContainTextAsync("萍乡市生态环境局");
        await Expect(row.GetByTestId("incident-effect")).ToContainTextAsync("2025-05");
        await Expect(row.GetByTestId("incident-effect")).ToContainTextAsync("1,000,000");
        await Expect(page.GetByTestId("money-error")).ToBeHiddenAsync();
    }
}
