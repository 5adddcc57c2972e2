using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qingshui.Domain.Audit;
using Qingshui.Storage.Audit;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

/// <summary>Signing in and signing off a month over the web, and who sees the buttons.</summary>
public sealed partial class DashboardTests
{
    private static string SignOffYear => $"#/compensation/{DashboardFixture.SignOff.Id}/2025";

    [Fact]
    public async Task HunanFinance_ConfirmsAMonth_ItsStateChangesAndItsButtonGoes()
    {
        IPage page = await SignInAsync("hunan-finance");
        await Expect(page.GetByTestId("who-name")).ToHaveTextAsync("湖南省财政厅");
        await Expect(page.GetByTestId("who-organisation")).ToHaveTextAsync("hunan");

        await GoAsync(page, SignOffYear);
        ILocator may = page.Locator("[data-testid=account][data-period='2025-05']");
        await Expect(may).ToHaveAttributeAsync("data-state", "Draft");
        await may.GetByTestId("confirm").ClickAsync();

        // The page draws the statement the server answers: Hunan's side signed, Jiangxi's still open.
        await Expect(may).ToHaveAttributeAsync("data-state", "PartlyConfirmed");
        await Expect(may).ToContainTextAsync("部分确认");
        await Expect(may.GetByTestId("confirm")).ToHaveCountAsync(0);
        await Expect(page.Locator("[data-testid=account][data-period='2025-06'] [data-testid=confirm]")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("close-year")).ToHaveCountAsync(0);

        // The state is the ledger's, not the page's: a reload (the cookie kept, the page's memory gone) shows it too.
        await page.ReloadAsync();
        await Expect(page.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-testid=account][data-period='2025-05']")).ToHaveAttributeAsync("data-state", "PartlyConfirmed");
    }

    [Fact]
    public async Task HunanFinance_ConfirmsTheLastMonth_ThenClosesTheYear()
    {
        IPage page = await SignInAsync("hunan-finance");
        await GoAsync(page, $"#/compensation/{DashboardFixture.ToClose.Id}/2025");
        await Expect(page.GetByTestId("close-year")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("confirm")).ToHaveCountAsync(1);

        await page.Locator("[data-testid=account][data-period='2025-12'] [data-testid=confirm]").ClickAsync();

        // Both parties now confirmed every month: the year can be closed, and closing settles every month of it.
        await Expect(page.Locator("[data-testid=account][data-period='2025-12']")).ToHaveAttributeAsync("data-state", "Confirmed");
        await page.GetByTestId("close-year").ClickAsync();
        await Expect(page.Locator("[data-testid=account][data-state=Settled]")).ToHaveCountAsync(12);
        await Expect(page.GetByTestId("close-year")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("standing")).ToHaveAttributeAsync("data-provisional", "false");
    }

    [Fact]
    public async Task HunanFinance_RecomputesTheYear_AndTheAuditShowsItAsked()
    {
        IPage page = await SignInAsync("hunan-finance");
        await GoAsync(page, SignOffYear);

        await page.GetByTestId("recompute").ClickAsync();

        // The page draws the statement the server answers, and the ledger's audit names who asked for the recomputation
        // (recomputing a year of hourly data takes seconds on a busy machine: the button waits for the answer)
        await Expect(page.GetByTestId("recompute")).ToBeEnabledAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("action-error")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("account")).ToHaveCountAsync(12);
        IAuditStore audit = fixture.Host.Server.Services.GetRequiredService<IAuditStore>();
        IReadOnlyList<AuditEntry> entries = await audit.ReadAsync(0, 100_000, TestContext.Current.CancellationToken);
        Assert.Contains(entries, e => e.Record.Action == "ledger.recompute" && e.Record.Actor == "hunan-finance"
            && e.Record.Target == $"{DashboardFixture.SignOff.Id}/2025");
    }

    [Fact]
    public async Task JiangxiViewer_SeesTheAccountsButNoButtons()
    {
        IPage page = await SignInAsync("jiangxi-viewer");
        await Expect(page.GetByTestId("who-name")).ToHaveTextAsync("江西省观察员");

        await GoAsync(page, SignOffYear);
        await Expect(page.GetByTestId("account")).ToHaveCountAsync(12);
        await Expect(page.GetByTestId("confirm")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("close-year")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("recompute")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Anonymous_SeesASignInLinkAndNoButtons()
    {
        IPage page = await OpenAsync(SignOffYear);

        await Expect(page.GetByTestId("signin-link")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("account")).ToHaveCountAsync(12);
        await Expect(page.GetByTestId("confirm")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task RefusedConfirmation_IsShownWithTheProblemsReason()
    {
        IPage page = await SignInAsync("hunan-finance");
        await GoAsync(page, SignOffYear);
        // The ledger's refusal as the server words it (409 problem+json), for a month this test leaves unconfirmed.
        await page.RouteAsync("**/periods/2025-07/confirmations", route => route.FulfillAsync(new RouteFulfillOptions
        {
            Status = 409, ContentType = "application/problem+json",
            Body = """{"title":"The ledger refused this","detail":"2025-07 is settled","status":409}""",
        }));

        await page.Locator("[data-testid=account][data-period='2025-07'] [data-testid=confirm]").ClickAsync();

        ILocator message = page.GetByTestId("action-error");
        await Expect(message).ToBeVisibleAsync();
        await Expect(message).ToContainTextAsync("409 The ledger refused this — 2025-07 is settled");
        await Expect(page.Locator("[data-testid=account][data-period='2025-07'] [data-testid=confirm]")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task SignOut_EndsTheSessionAndTheButtonsGo()
    {
        IPage page = await SignInAsync("hunan-finance");
        await GoAsync(page, SignOffYear);
        await Expect(page.GetByTestId("confirm").First).ToBeVisibleAsync();

        await page.GetByTestId("signout").ClickAsync();

        await Expect(page.GetByTestId("signin-link")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("confirm")).ToHaveCountAsync(0);
        IAPIResponse session = await page.APIRequest.GetAsync(fixture.BaseUrl + "api/v1/session");
        Assert.Equal(401, session.Status);
    }

    [Fact]
    public async Task WrongPassword_IsRefusedOnThePage()
    {
        IPage page = await OpenAsync("#/signin");

        await page.GetByTestId("signin-name").FillAsync("nobody-here");
        await page.GetByTestId("signin-password").FillAsync("not the password at all");
        await page.GetByTestId("signin-submit").ClickAsync();

        await Expect(page.GetByTestId("signin-error")).ToHaveTextAsync("用户名或密码错误，或账户已停用、锁定");
        await Expect(page.GetByTestId("signin-link")).ToBeVisibleAsync();
    }

    /// <summary>Signs in through the sign-in page (a fresh browser context, so its own cookie).</summary>
    private async Task<IPage> SignInAsync(string name)
    {
        IPage page = await OpenAsync("#/signin");
        await page.GetByTestId("signin-name").FillAsync(name);
        await page.GetByTestId("signin-password").FillAsync(DashboardFixture.Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("signout")).ToBeVisibleAsync();
        return page;
    }

    private static async Task GoAsync(IPage page, string route)
    {
        // Resolves once the dashboard has reacted to the new hash (its listener runs first and replaces the page).
        await page.EvaluateAsync("route => new Promise(done => { addEventListener('hashchange', () => done(), { once: true }); location.hash = route; })", route);
        await Expect(page.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
    }
}
