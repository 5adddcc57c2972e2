using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

/// <summary>Payments against a year's net on the compensation page.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task HunanFinance_RecordsAPayment_TheOutstandingAmountFalls_AndAnUnconfirmedDueDateIsNeverOverdue()
    {
        IPage page = await SignInAsync("hunan-finance");
        await GoAsync(page, $"#/compensation/{DashboardFixture.ToPay.Id}/2025");
        ILocator pair = page.Locator("[data-testid=payment-pair][data-payer=hunan]");
        ILocator outstanding = pair.GetByTestId("outstanding");
        await Expect(outstanding).ToHaveCountAsync(1);
        decimal before = decimal.Parse((await outstanding.GetAttributeAsync("data-amount"))!, System.Globalization.CultureInfo.InvariantCulture);
        await Expect(page.GetByTestId("due-unconfirmed")).ToBeVisibleAsync();

        await page.GetByTestId("payment-payee").SelectOptionAsync("jiangxi");
        await page.GetByTestId("payment-amount").FillAsync("1000000");
        await page.GetByTestId("payment-date").FillAsync("2026-03-15");
        await page.GetByTestId("payment-reference").FillAsync("湘财预〔2026〕7号");
        await page.GetByTestId("payment-submit").ClickAsync();

        // The page draws the statement as it stands after the payment: a million less outstanding, the instalment listed.
        await Expect(outstanding).ToHaveAttributeAsync("data-amount", (before - 1_000_000m).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(pair).ToContainTextAsync("湘财预〔2026〕7号");
        await Expect(page.GetByTestId("money-error")).ToBeHiddenAsync();

        // Past the unconfirmed due date (30 April of the next year) the pair is never called overdue.
        bool past = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)) > new DateOnly(2026, 4, 30);
        await Expect(pair.GetByTestId("payment-state")).ToHaveAttributeAsync("data-state", past ? "past-unconfirmed-due-date" : "outstanding");
        await Expect(page.GetByTestId("due-date")).ToContainTextAsync("2026-04-30");
    }
}
