using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

/// <summary>The admin page: users and tokens managed over the web, and who sees it.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task HunanAdmin_AddsAUser_WhoThenSignsIn()
    {
        IPage admin = await SignInAsync("hunan-admin");
        await Expect(admin.GetByTestId("admin-link")).ToBeVisibleAsync();
        await admin.GetByTestId("admin-link").ClickAsync();
        await Expect(admin.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
        await Expect(admin.Locator("[data-testid=user-row][data-name=hunan-finance]")).ToHaveCountAsync(1);
        await Expect(admin.Locator("[data-testid=user-row][data-name=jiangxi-viewer]")).ToHaveCountAsync(0);

        await admin.GetByTestId("new-user-name").FillAsync("hunan-operator");
        await admin.GetByTestId("new-user-display").FillAsync("湖南省运维员");
        await admin.GetByTestId("new-user-role-operator").CheckAsync();
        await admin.GetByTestId("new-user-password").FillAsync(DashboardFixture.Password);
        await admin.GetByTestId("new-user-submit").ClickAsync();

        await Expect(admin.Locator("[data-testid=user-row][data-name=hunan-operator]")).ToContainTextAsync("operator");
        IPage newcomer = await SignInAsync("hunan-operator");
        await Expect(newcomer.GetByTestId("who-name")).ToHaveTextAsync("湖南省运维员");
        await Expect(newcomer.GetByTestId("admin-link")).ToBeHiddenAsync();
        await DashboardFixture.ScreenshotAsync(admin, "admin");
    }

    [Fact]
    public async Task HunanAdmin_IssuesATokenShownOnce_ThenRevokesIt()
    {
        IPage admin = await SignInAsync("hunan-admin");
        await GoAsync(admin, "#/admin");

        await admin.GetByTestId("new-token-name").FillAsync("湖南数据对接");
        await admin.GetByTestId("new-token-role-viewer").CheckAsync();
        await admin.GetByTestId("new-token-submit").ClickAsync();

        string secret = await admin.GetByTestId("shown-once-text").TextContentAsync() ?? "";
        Assert.StartsWith("qs_", secret, StringComparison.Ordinal);
        ILocator row = admin.Locator("[data-testid=token-row]", new() { HasText = "湖南数据对接" });
        await Expect(row).ToHaveAttributeAsync("data-standing", "valid");
        IAPIResponse asToken = await admin.APIRequest.GetAsync(fixture.BaseUrl + "api/v1/session",
            new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + secret } });
        Assert.Equal(200, asToken.Status);

        // Drawn again (another page and back), the page no longer holds the secret: the server never answers it twice.
        await GoAsync(admin, "#/map");
        await GoAsync(admin, "#/admin");
        await Expect(admin.GetByTestId("shown-once")).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await admin.ContentAsync(), StringComparison.Ordinal);

        await row.GetByTestId("revoke").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-standing", "revoked");
        IAPIResponse revoked = await admin.APIRequest.GetAsync(fixture.BaseUrl + "api/v1/session",
            new() { Headers = new Dictionary<string, string> { ["Authorization"] = "Bearer " + secret } });
        Assert.Equal(401, revoked.Status);
    }

    [Fact]
    public async Task JiangxiViewer_SeesNoAdminLink_AndTheApiRefusesIt403()
    {
        IPage page = await SignInAsync("jiangxi-viewer");

        await Expect(page.GetByTestId("admin-link")).ToBeHiddenAsync();
        IAPIResponse users = await page.APIRequest.GetAsync(fixture.BaseUrl + "api/v1/users");
        Assert.Equal(403, users.Status);
        Assert.Contains("needs the role admin", await users.TextAsync(), StringComparison.Ordinal);
        await GoAsync(page, "#/admin");
        await Expect(page.GetByTestId("admin-only")).ToBeVisibleAsync();
    }
}
