using Microsoft.Playwright;
using Qingshui.Domain.Access;
using Qingshui.Server.Tests;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Server.Accounts;
using Qingshui.Storage;
using Qingshui.Testing;
using static Microsoft.Playwright.Assertions;
using static Qingshui.Dashboard.Tests.OwnServerBrowser;

namespace Qingshui.Dashboard.Tests;

/// <summary>What an anonymous visitor sees under each level of public reads: the default shows the basin, none shows the sign-in page.</summary>
public sealed class PublicReadTests
{


    [Fact]
    public async Task PublicReadOff_Anonymous_IsShownTheSignInPage_AndAfterSigningInTheMap()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { PublicRead = PublicReads.None });
        await AddViewerAsync(host);
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await NewPageAsync(browser);

        // When an anonymous visitor opens the map
        await page.GotoAsync($"http://{host.Server.HttpEndPoint}/#/map");

        // Then the sign-in form is shown instead of an error
        await Expect(page.GetByTestId("signin-form")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error")).ToHaveCountAsync(0);

        // And after signing in, the data pages answer
        await page.GetByTestId("signin-name").FillAsync("hn-viewer");
        await page.GetByTestId("signin-password").FillAsync(Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("who-name")).ToHaveTextAsync("hn-viewer");
        await page.GotoAsync($"http://{host.Server.HttpEndPoint}/#/map");
        await Expect(page.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=section-row]").First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task PublicReadByDefault_Anonymous_SeesTheMapAndSections_ButStationsAskForSignIn()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { PublicRead = TestHost.DefaultPublicRead });
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await NewPageAsync(browser);

        // When an anonymous visitor opens the map, the basin's sections and their classes are there
        await page.GotoAsync($"http://{host.Server.HttpEndPoint}/#/map");
        await Expect(page.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=section-row]").First).ToBeVisibleAsync();

        // But the stations page (packet logs) is for members: the sign-in form is shown instead of an error
        await page.GotoAsync($"http://{host.Server.HttpEndPoint}/#/stations");
        await Expect(page.GetByTestId("signin-form")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("error")).ToHaveCountAsync(0);
    }

    private static async Task<IPage> NewPageAsync(IBrowser browser)
    {
        IPage page = await (await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" })).NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    private static async Task AddViewerAsync(TestHost host)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        IAccountStore store = host.Server.Services.GetRequiredService<IAccountStore>();
        var hunan = TestHost.Preset.Jurisdictions.Single(j => j.Id == "hunan");
        await store.AddOrganisationAsync(new Organisation("hunan", hunan.Name, OrganisationKind.Jurisdiction, "hunan"), ct);
        UserAccount account = UserAccount.Create("hn-viewer", null, "hunan", [Role.Viewer]).Account!;
        Assert.Equal(AccountWrite.Added, await store.AddUserAsync(account, host.Server.Services.GetRequiredService<Passwords>().Hash(account, Password), ct));
    }
}
