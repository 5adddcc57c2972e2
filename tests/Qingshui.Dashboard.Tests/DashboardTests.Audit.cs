using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

/// <summary>The audit page: members read their own organisation's acts, newest first; others see no link to it.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task AuditPage_ListsTheActsOfTheMembersOwnOrganisation_NewestFirst()
    {
        // Given Hunan's finance records a decision on a month without data
        IPage hunan = await SignInAsync("hunan-finance");
        await GoAsync(hunan, $"#/compensation/{DashboardFixture.ToDecide.Id}/2024");
        ILocator september = hunan.Locator("[data-testid=account][data-period='2024-09']");
        await september.Locator("[data-testid=decide] summary").ClickAsync();
        await september.GetByTestId("decision-outcome").SelectOptionAsync("missed");
        await september.GetByTestId("decision-reason").FillAsync("联席会议纪要：9月视为未达标");
        await september.GetByTestId("decision-submit").ClickAsync();
        await Expect(september).ToContainTextAsync("协商决定");

        // When it opens the audit page from the header
        await hunan.GetByTestId("nav-audit").ClickAsync();
        await Expect(hunan.Locator("#app .page[data-ready=true] [data-testid=audit-scope]")).ToHaveAttributeAsync("data-scope", "hunan");

        // Then the decision is there with who, organisation, action, target and outcome, and the recomputation it caused is newer
        ILocator decision = hunan.Locator("[data-testid=audit-entry][data-action='ledger.decide'][data-target='lushui-decide/2024-09']");
        await Expect(decision).ToHaveAttributeAsync("data-actor", "hunan-finance");
        await Expect(decision).ToHaveAttributeAsync("data-outcome", "done");
        await Expect(decision).ToContainTextAsync("hunan");
        await Expect(decision).ToContainTextAsync("完成");
        ILocator rows = hunan.GetByTestId("audit-entry");
        long[] sequences = [.. (await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.sequence)")).Select(long.Parse)];
        Assert.Equal(sequences.OrderDescending(), sequences);
        await Expect(rows.First).ToHaveAttributeAsync("data-action", "ledger.recompute");
        await Expect(rows.First).ToHaveAttributeAsync("data-target", "lushui-decide/2024");
        // Only Hunan's acts (other Hunan members, such as its admin, may have acted too in this fixture)
        await Expect(hunan.Locator("[data-testid=audit-entry]:not([data-organisation=hunan])")).ToHaveCountAsync(0);
        await DashboardFixture.ScreenshotAsync(hunan, "audit");
    }

    [Fact]
    public async Task AuditPage_GoesBackPageByPage_FromAnEntrysSequence()
    {
        IPage page = await SignInAsync("hunan-finance");
        await GoAsync(page, "#/audit");
        long newest = long.Parse(await page.GetByTestId("audit-entry").First.GetAttributeAsync("data-sequence") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        await GoAsync(page, $"#/audit/{newest}");

        // The older page starts below the cursor and links back to the newest
        long[] older = [.. (await page.GetByTestId("audit-entry").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.sequence)")).Select(long.Parse)];
        Assert.NotEmpty(older);
        Assert.All(older, s => Assert.True(s < newest, $"{s} is not older than {newest}"));
        await Expect(page.GetByTestId("audit-newest")).ToHaveAttributeAsync("href", "#/audit");
    }

    [Fact]
    public async Task AuditPage_OfJiangxi_ShowsNoneOfHunansActs()
    {
        IPage page = await SignInAsync("jiangxi-viewer");

        await page.GetByTestId("nav-audit").ClickAsync();

        await Expect(page.Locator("#app .page[data-ready=true] [data-testid=audit-scope]")).ToHaveAttributeAsync("data-scope", "jiangxi");
        await Expect(page.Locator("[data-testid=audit-entry][data-actor=hunan-finance]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AuditLink_IsForMembersOnly()
    {
        IPage page = await OpenAsync("#/map");
        await Expect(page.GetByTestId("nav-audit")).ToBeHiddenAsync();

        await GoAsync(page, "#/audit");
        await Expect(page.GetByTestId("audit-signin")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("audit-entry")).ToHaveCountAsync(0);
    }
}
