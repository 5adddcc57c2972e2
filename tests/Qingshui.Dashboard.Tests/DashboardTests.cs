using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qingshui.Domain.Compensation;
using Qingshui.Hj212;
using Qingshui.Storage.Compensation;
using Qingshui.Server.Tests;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

/// <summary>The dashboard in a real Chromium against a real server: what a monitoring centre or finance office sees.</summary>
public sealed partial class DashboardTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task Map_ShowsEveryPresetSectionWithItsTargetAndCurrentClass()
    {
        IPage page = await OpenAsync("#/map");

        ILocator rows = page.GetByTestId("section-row");
        await Expect(rows).ToHaveCountAsync(TestHost.Preset.Sections.Count);
        foreach (var section in TestHost.Preset.Sections)
        {
            ILocator row = page.Locator($"[data-testid=section-row][data-section='{section.Id}']");
            await Expect(row).ToContainTextAsync(section.Name.Chinese);
            await Expect(row.Locator("[data-testid=current-class] .badge")).Not.ToHaveAttributeAsync("data-class", "");
        }

        await Expect(page.Locator("[data-testid=map] canvas")).ToBeVisibleAsync();
        await DashboardFixture.ScreenshotAsync(page, "map");
    }

    [Fact]
    public async Task ClickingJinyushi_OpensItsChartAndClassCalendar()
    {
        IPage page = await OpenAsync("#/map");

        await page.GetByRole(AriaRole.Link, new() { Name = "金鱼石" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/section/jinyushi$"));
        await Expect(page.GetByTestId("section-name")).ToContainTextAsync("金鱼石");
        ILocator chart = page.GetByTestId("series-chart");
        await Expect(chart).ToHaveAttributeAsync("data-parameter", "w21003");
        Assert.True(int.Parse(await chart.GetAttributeAsync("data-points") ?? "0", CultureInfo.InvariantCulture) >= 24);
        await Expect(chart.Locator("canvas")).ToBeVisibleAsync();

        // The 2025 calendar shows March, when the model pollutes the boundary, missing the Class Ⅲ target
        await page.GetByTestId("year").SelectOptionAsync("2025");
        ILocator march = page.Locator("[data-testid=month-cell][data-period='2025-03'] .badge");
        await Expect(march).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("fails"));
        await Expect(page.Locator("[data-testid=month-cell][data-period='2025-02'] .badge")).ToHaveAttributeAsync("data-class", new System.Text.RegularExpressions.Regex("^[ⅠⅡⅢ]$"));
        await DashboardFixture.ScreenshotAsync(page, "section");
    }

    [Fact]
    public async Task Compensation_ShowsTheYearsNetAsTheEngineComputesIt()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        var settlements = fixture.Host.Server.Services.GetRequiredService<SettlementService>();
        Agreement agreement = DashboardFixture.Agreement;
        var accounts = CompensationEngine.Compute(agreement, 2025, await settlements.ObservationsAsync(agreement, 2025, ct));
        Transfer expected = Statement.FromAccounts(agreement, 2025, accounts).Net.Single();

        IPage page = await OpenAsync($"#/compensation/{agreement.Id}/2025");

        ILocator amount = page.GetByTestId("net-amount");
        await Expect(amount).ToHaveAttributeAsync("data-amount", expected.Amount.ToString(CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("net-payer")).ToHaveTextAsync(agreement.PartyOf(expected.Payer).Name.Chinese);
        await Expect(page.GetByTestId("net-payee")).ToHaveTextAsync(agreement.PartyOf(expected.Payee).Name.Chinese);
        await Expect(page.Locator("[data-testid=account][data-period='2025-03']")).ToContainTextAsync("江西省");
        await Expect(page.GetByTestId("download-xlsx")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("format=xlsx"));

        // Nobody has confirmed 2025 yet: the net is said to be provisional, next to it, with each month's reason
        ILocator standing = page.GetByTestId("standing");
        await Expect(standing).ToHaveAttributeAsync("data-provisional", "true");
        await Expect(standing).ToContainTextAsync("草稿");
        await Expect(standing.Locator("li[data-reason=not-confirmed]")).ToHaveAttributeAsync("data-periods", "12");
        await Expect(page.Locator("[data-testid=account][data-period='2025-03']")).ToContainTextAsync("草稿");

        // The evidence behind March: each item's mean and the valid days behind it, against the 20 the preset asks for
        ILocator evidence = page.Locator("[data-testid=account][data-period='2025-03'] [data-testid=evidence]");
        await evidence.Locator("summary").ClickAsync();
        await Expect(evidence.Locator("tr.deciding").First).ToContainTextAsync("氨氮");
        await Expect(evidence).ToContainTextAsync("31 (≥20)");
        await DashboardFixture.ScreenshotAsync(page, "compensation");
    }

    [Fact]
    public async Task Compensation_OfTheYearUnderWay_IsProvisionalAndNeverReadsAsNoPayment()
    {
        // Given the current year, with data only for the last day: earlier months have none, this month is under way
        DateOnly today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        string thisMonth = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        IPage page = await OpenAsync($"#/compensation/{DashboardFixture.CurrentYear.Id}/{today.Year}");

        // Then the net says it is provisional and why, and no month without data or still running reads as "no payment"
        await Expect(page.GetByTestId("net-amount")).ToHaveTextAsync("暂无资金往来（未定）");
        ILocator standing = page.GetByTestId("standing");
        await Expect(standing).ToHaveAttributeAsync("data-provisional", "true");
        await Expect(standing.Locator("li[data-reason=year-not-over]")).ToHaveCountAsync(1);
        await Expect(standing.Locator("li[data-reason=in-progress]")).ToContainTextAsync(thisMonth);
        await Expect(page.Locator($"[data-testid=account][data-period='{thisMonth}']")).ToHaveAttributeAsync("data-state", "InProgress");
        await Expect(page.Locator($"[data-testid=account][data-period='{thisMonth}']")).ToContainTextAsync("进行中");
        if (today.Month > 1)
        {
            await Expect(page.Locator($"[data-testid=account][data-period='{today.Year}-01']")).ToContainTextAsync("无数据");
        }

        await Expect(page.GetByTestId("accounts")).Not.ToContainTextAsync("无资金往来");
    }

    [Fact]
    public async Task PacketSentOverTcp_AppearsOnTheStationsPage()
    {
        IPage page = await OpenAsync("#/stations");
        await Expect(page.GetByTestId("live")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bon\\b"));
        ILocator values = page.Locator("[data-testid=station-row][data-mn='430281A00000000000000202'] [data-testid=latest-values]");
        await Expect(values).Not.ToContainTextAsync("4.321");

        await using (RawStation station = await RawStation.ConnectAsync(fixture.Host.Port))
        {
            DateTimeOffset time = DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset);
            await station.SendAsync(FrameEncoder.Encode(
                $"QN={time:yyyyMMddHHmmssfff};ST=21;CN=2011;PW=hn0202;MN=430281A00000000000000202;Flag=5;CP=&&DataTime={time:yyyyMMddHHmmss};w21003-Rtd=4.321,w21003-Flag=N&&"));
            Assert.Equal("9014", (await station.ReceiveAsync()).Command);
        }

        // Pushed, not polled: it shows within two seconds of the acknowledgement
        await Expect(values).ToContainTextAsync("4.321", new() { Timeout = 2000 });
        await DashboardFixture.ScreenshotAsync(page, "stations");
    }

    [Fact]
    public async Task StationsPage_ShowsARejectedPacketWithItsReason()
    {
        const string mn = "430281A00000000000000301";
        await using (RawStation station = await RawStation.ConnectAsync(fixture.Host.Port))
        {
            const string data = "QN=20250101000000000;ST=21;CN=2061;PW=hn0301;MN=430281A00000000000000301;Flag=5;CP=&&DataTime=20250101000000;w21003-Avg=0.5,w21003-Flag=N&&";
            await station.SendAsync($"##{data.Length:D4}{data}FFFF\r\n");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        IPage page = await OpenAsync($"#/stations/{mn}");

        await Expect(page.Locator($"[data-testid=station-row][data-mn='{mn}']")).ToHaveClassAsync("selected");
        ILocator rejected = page.Locator("[data-testid=packets] [data-testid=packet][data-verdict=Rejected]").First;
        await Expect(rejected).ToContainTextAsync("拒收");
        await Expect(rejected).ToContainTextAsync("CRC");
    }

    [Fact]
    public async Task StationsPage_ShowsTheChosenStationsRates_PerMonthAndPerDay()
    {
        const string mn = "430281A00000000000000202";
        DateOnly yesterday = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(-1);

        IPage page = await OpenAsync($"#/stations/{mn}");

        // The last day of data reaches into yesterday (at least its last hour), so yesterday's transmission rate is a figure out of 24 hours
        await Expect(page.Locator("[data-testid=rates-month] [data-testid=rate]")).ToHaveCountAsync(12);
        await Expect(page.Locator("[data-testid=rates-day] [data-testid=rate]")).ToHaveCountAsync(30);
        ILocator day = page.Locator($"[data-testid=rates-day] [data-testid=rate][data-period='{yesterday:yyyy-MM-dd}']");
        await Expect(day).ToContainTextAsync("/24");
        await Expect(day.GetByTestId("transmission")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[1-9][0-9]*\\.[0-9]%$"));
    }

    [Fact]
    public async Task LanguageSwitch_ShowsTheSamePageInEnglish()
    {
        IPage page = await OpenAsync("#/map");
        await Expect(page.GetByTestId("section-row")).ToHaveCountAsync(TestHost.Preset.Sections.Count);

        await page.GetByTestId("lang").ClickAsync();

        await Expect(page.Locator("nav a[data-route=map]")).ToHaveTextAsync("Basin map");
        await Expect(page.Locator("[data-testid=section-row][data-section=jinyushi]")).ToContainTextAsync("Jinyushi");
        await DashboardFixture.ScreenshotAsync(page, "map-en");
    }

    private async Task<IPage> OpenAsync(string route)
    {
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? "");
        IPage page = await fixture.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(fixture.BaseUrl + route);
        await Expect(page.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
        Assert.Empty(errors);
        return page;
    }
}
