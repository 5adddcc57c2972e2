using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qingshui.Domain.Access;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;
using Qingshui.Server;
using Qingshui.Server.Accounts;
using Qingshui.Server.Tests;
using Qingshui.Storage;
using Qingshui.Testing;
using static Microsoft.Playwright.Assertions;
using static Qingshui.Dashboard.Tests.OwnServerBrowser;

namespace Qingshui.Dashboard.Tests;

/// <summary>
/// The review page on a server of its own: last month at Jinyushi's Jiangxi station, ammonia nitrogen at 0.3 mg/L every
/// hour but on the 10th, a polluted day at 25 mg/L that alone lifts the month's mean above Class Ⅲ (the other items of
/// 5+X within Class Ⅱ). Last month, so the section page's 90-day chart and this year's or last year's calendar show it.
/// </summary>
public sealed class ReviewPageTests
{
    private const string JiangxiMn = "360300A00000000000000201";
    private const string HunanMn = "430281A00000000000000202";
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private static DateTimeOffset LastMonth
    {
        get
        {
            DateTimeOffset now = DateTimeOffset.UtcNow.ToOffset(China);
            return new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, China).AddMonths(-1);
        }
    }

    private static string Period => LastMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [Fact]
    public async Task JiangxiReviewer_InvalidatesThePollutedDay_TheSectionsChartAndMonthlyClassChange()
    {
        await using TestHost host = await StartAsync();
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await SignInAsync(browser, host, "jx-reviewer");

        // Before: the section's month fails its Class Ⅲ target, the 90-day chart holds the polluted day
        await OpenSectionAsync(page);
        ILocator monthClass = page.Locator($"[data-testid=month-cell][data-period='{Period}'] .badge");
        await Expect(monthClass).ToHaveAttributeAsync("data-class", "Ⅳ");
        ILocator sectionChart = page.GetByTestId("series-chart");
        await Expect(sectionChart).ToHaveAttributeAsync("data-parameter", "w21003");
        string pointsBefore = (await sectionChart.GetAttributeAsync("data-points"))!;

        // When the reviewer invalidates the 10th on the review page, reached from the navigation
        await page.GetByTestId("nav-review").ClickAsync();
        await Expect(page.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
        await page.GetByTestId("review-station").SelectOptionAsync(JiangxiMn);
        await Expect(page.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("review-month")).ToHaveValueAsync(Period);
        ILocator reviewChart = page.GetByTestId("review-chart");
        await Expect(reviewChart).ToHaveAttributeAsync("data-points", (LastMonthDays * 24).ToString(CultureInfo.InvariantCulture));
        await Expect(reviewChart).ToHaveAttributeAsync("data-invalid", "0");
        await page.GetByTestId("review-from").FillAsync($"{Period}-10T00:00");
        await page.GetByTestId("review-to").FillAsync($"{Period}-11T00:00");
        await page.GetByTestId("review-action").SelectOptionAsync("invalidate");
        await page.GetByTestId("review-reason").SelectOptionAsync("instrument-fault");
        await page.GetByTestId("review-note").FillAsync("氨氮电极洪水后污染");
        await page.GetByTestId("review-submit").ClickAsync();

        // Then the review page marks the day's 24 hours invalid and lists the decision with its reason
        await Expect(reviewChart).ToHaveAttributeAsync("data-invalid", "24");
        ILocator decision = page.GetByTestId("review-decision");
        await Expect(decision).ToHaveCountAsync(1);
        await Expect(decision).ToHaveAttributeAsync("data-action", "invalidate");
        await Expect(decision).ToContainTextAsync("仪器故障: 氨氮电极洪水后污染");
        await Expect(decision).ToContainTextAsync("jx-reviewer (jiangxi)");
        await Expect(page.GetByTestId("review-error")).ToBeHiddenAsync();
        ILocator revised = page.GetByTestId("review-revision");
        await Expect(revised).ToHaveCountAsync(24);
        await Expect(revised.First.GetByTestId("review-before")).ToHaveTextAsync("25");
        await Expect(revised.First.GetByTestId("review-after")).ToHaveTextAsync("25 (无效)");

        // And the section's month now meets its target, its chart without the polluted day
        await OpenSectionAsync(page);
        await Expect(monthClass).ToHaveAttributeAsync("data-class", "Ⅱ");
        await Expect(sectionChart).Not.ToHaveAttributeAsync("data-points", pointsBefore);
    }

    [Fact]
    public async Task HunanReviewer_SeesNoActionsOnAJiangxiStation_ButOnItsOwn()
    {
        await using TestHost host = await StartAsync();
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await SignInAsync(browser, host, "hn-reviewer");

        await GoAsync(page, $"#/review/{JiangxiMn}/{Period}");
        await Expect(page.GetByTestId("review-chart")).ToHaveAttributeAsync("data-points", (LastMonthDays * 24).ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("review-readonly")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("review-actions")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("review-close")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("review-reopen")).ToHaveCountAsync(0);

        await GoAsync(page, $"#/review/{HunanMn}/{Period}");
        await Expect(page.GetByTestId("review-actions")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("review-close")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("review-readonly")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Correct_WithoutAValue_ShowsTheFieldErrorAndChangesNothing()
    {
        await using TestHost host = await StartAsync();
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await SignInAsync(browser, host, "jx-reviewer");
        await GoAsync(page, $"#/review/{JiangxiMn}/{Period}");

        await page.GetByTestId("review-from").FillAsync($"{Period}-10T00:00");
        await page.GetByTestId("review-to").FillAsync($"{Period}-11T00:00");
        await page.GetByTestId("review-action").SelectOptionAsync("correct");
        await page.GetByTestId("review-submit").ClickAsync();

        ILocator error = page.Locator("[data-testid=review-field-error][data-field=value]");
        await Expect(error).ToBeVisibleAsync();
        await Expect(error).ToContainTextAsync("value: is required to correct");
        await Expect(page.GetByTestId("review-decision")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("review-chart")).ToHaveAttributeAsync("data-invalid", "0");
        await Expect(page.GetByTestId("review-no-revisions")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Reviewer_ClosesTheMonth_ThenReopeningWithoutAReasonIsRefusedByField()
    {
        await using TestHost host = await StartAsync();
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await SignInAsync(browser, host, "jx-reviewer");
        await GoAsync(page, $"#/review/{JiangxiMn}/{Period}");
        ILocator state = page.GetByTestId("review-month-value");
        await Expect(state).ToHaveAttributeAsync("data-state", "unreviewed");

        await page.GetByTestId("review-close").ClickAsync();
        await Expect(state).ToHaveAttributeAsync("data-state", "closed");
        await page.GetByTestId("review-reopen").ClickAsync();
        await Expect(page.Locator("[data-testid=review-field-error][data-field=reason]")).ToContainTextAsync("is required to reopen");
        await page.GetByTestId("review-step-reason").FillAsync("复核发现漏判");
        await page.GetByTestId("review-reopen").ClickAsync();

        await Expect(state).ToHaveAttributeAsync("data-state", "reopened");
        await Expect(page.GetByTestId("review-steps")).ToContainTextAsync("复核发现漏判");
    }

    [Fact]
    public async Task ReviewerAtTwoLevels_ChoosesTheLevel_EachLevelShowsWhoClosedIt_AndTheReasonsComeFromTheServer()
    {
        // The province's organisation reviews its stations first as their jurisdiction, then as the province.
        var levels = new ReviewLevels([
            new ReviewLevel("station", null),
            new ReviewLevel("province", new Dictionary<string, string> { ["jiangxi"] = "jiangxi", ["hunan"] = "hunan" }),
        ]);
        await using TestHost host = await StartAsync(o => o with { ReviewLevels = levels });
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await SignInAsync(browser, host, "jx-reviewer");
        await GoAsync(page, $"#/review/{JiangxiMn}/{Period}");

        ILocator level = page.GetByTestId("review-level");
        await Expect(level.Locator("option")).ToHaveCountAsync(2);
        await Expect(level).ToHaveValueAsync("station");
        await Expect(page.Locator("[data-testid=review-level-row][data-mine=true]")).ToHaveCountAsync(2);
        string[] reasons = [.. (await page.GetByTestId("review-reason").Locator("option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"))];
        Assert.Equal(ReviewSettings.Default.Reasons, reasons);
        await Expect(page.GetByTestId("review-reason").Locator("option").First).ToHaveTextAsync("仪器故障");

        await page.GetByTestId("review-close").ClickAsync();
        ILocator stationRow = page.Locator("[data-testid=review-level-row][data-level=station]");
        await Expect(stationRow).ToHaveAttributeAsync("data-state", "closed");
        await Expect(stationRow).ToContainTextAsync("jx-reviewer (jiangxi)");
        await Expect(page.GetByTestId("review-month-value")).ToHaveAttributeAsync("data-state", "unreviewed");

        await level.SelectOptionAsync("province");
        await page.GetByTestId("review-close").ClickAsync();
        await Expect(page.Locator("[data-testid=review-level-row][data-level=province]")).ToHaveAttributeAsync("data-state", "closed");
        await Expect(page.GetByTestId("review-month-value")).ToHaveAttributeAsync("data-state", "closed");
        await Expect(page.GetByTestId("review-steps")).ToContainTextAsync("province");
    }

    private static int LastMonthDays => DateTime.DaysInMonth(LastMonth.Year, LastMonth.Month);

    private static async Task OpenSectionAsync(IPage page)
    {
        await GoAsync(page, "#/section/jinyushi");
        await page.GetByTestId("year").SelectOptionAsync(LastMonth.Year.ToString(CultureInfo.InvariantCulture));
        await page.Locator("[data-days='90']").ClickAsync();
        await Expect(page.Locator("[data-days='90'].active")).ToHaveCountAsync(1);
    }

    private static async Task<TestHost> StartAsync(Func<ServerOptions, ServerOptions>? configure = null)
    {
        TestHost host = await TestHost.StartAsync(configure: configure);
        await AddReviewerAsync(host, "jx-reviewer", "jiangxi");
        await AddReviewerAsync(host, "hn-reviewer", "hunan");
        await WriteLastMonthAsync(host);
        return host;
    }

    private static async Task AddReviewerAsync(TestHost host, string name, string jurisdiction)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        IAccountStore store = host.Server.Services.GetRequiredService<IAccountStore>();
        var organisation = TestHost.Preset.Jurisdictions.Single(j => j.Id == jurisdiction);
        await store.AddOrganisationAsync(new Organisation(jurisdiction, organisation.Name, OrganisationKind.Jurisdiction, jurisdiction), ct);
        UserAccount account = UserAccount.Create(name, null, jurisdiction, [Role.Reviewer]).Account!;
        Assert.Equal(AccountWrite.Added, await store.AddUserAsync(account, host.Server.Services.GetRequiredService<Passwords>().Hash(account, Password), ct));
    }

    /// <summary>Writes last month at the Jiangxi station as ingest would, one packet a day, and one clean hour at the Hunan station.</summary>
    private static async Task WriteLastMonthAsync(TestHost host)
    {
        DateTimeOffset pollutedDay = LastMonth.AddDays(9);
        for (int day = 0; day < LastMonthDays; day++)
        {
            DateTimeOffset start = LastMonth.AddDays(day);
            bool polluted = start == pollutedDay;
            Reading[] hours = [.. Enumerable.Range(0, 24).SelectMany(h => new[]
            {
                Hour(JiangxiMn, "w21003", polluted ? 25m : 0.3m, Unit.MilligramPerLitre, start.AddHours(h)),
                Hour(JiangxiMn, "w01001", 7.5m, Unit.Dimensionless, start.AddHours(h)), Hour(JiangxiMn, "w01009", 7.0m, Unit.MilligramPerLitre, start.AddHours(h)),
                Hour(JiangxiMn, "w01019", 3.0m, Unit.MilligramPerLitre, start.AddHours(h)), Hour(JiangxiMn, "w21011", 0.08m, Unit.MilligramPerLitre, start.AddHours(h)),
            })];
            await WriteAsync(host, JiangxiMn, start, hours);
        }

        await WriteAsync(host, HunanMn, LastMonth, [Hour(HunanMn, "w21003", 0.3m, Unit.MilligramPerLitre, LastMonth)]);
    }

    private static Task WriteAsync(TestHost host, string mn, DateTimeOffset day, Reading[] readings) =>
        host.Store.WriteAsync([new IngestRecord(new RawPacket(day.AddDays(1), "127.0.0.1:1", mn, "2061", PacketVerdict.Accepted, null,
            Encoding.ASCII.GetBytes("test")), readings)], TestContext.Current.CancellationToken);

    private static Reading Hour(string mn, string parameter, decimal value, Unit unit, DateTimeOffset start) =>
        new(mn, parameter, ReadingKind.Hour, start, value, unit, "N", true);

    private static async Task GoAsync(IPage page, string route)
    {
        await page.EvaluateAsync("route => new Promise(done => { addEventListener('hashchange', () => done(), { once: true }); location.hash = route; })", route);
        await Expect(page.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
    }
}
