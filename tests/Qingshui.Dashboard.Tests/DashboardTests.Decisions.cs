using Microsoft.Playwright;
using Qingshui.Hj212;
using Qingshui.Server.Tests;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

/// <summary>Decisions on months the data did not decide, and adjustments after sign-off, over the web by both provinces' finance.</summary>
public sealed partial class DashboardTests
{
    private static string DecideYear => $"#/compensation/{DashboardFixture.ToDecide.Id}/2024";

    private static string AdjustYear => $"#/compensation/{DashboardFixture.ToAdjust.Id}/2024";

    [Fact]
    public async Task HunanFinance_RecordsADecisionForAMonthWithoutData_AndBothPartiesConfirmIt()
    {
        // Given May 2024 without a single reading: no confirm button, a decision form instead
        IPage hunan = await SignInAsync("hunan-finance");
        await GoAsync(hunan, DecideYear);
        ILocator may = hunan.Locator("[data-testid=account][data-period='2024-05']");
        await Expect(may).ToHaveAttributeAsync("data-state", "Draft");
        await Expect(may).ToContainTextAsync("无数据");
        await Expect(may.GetByTestId("confirm")).ToHaveCountAsync(0);
        await may.Locator("[data-testid=decide] summary").ClickAsync();
        await Expect(may.GetByTestId("decision-reason")).ToHaveAttributeAsync("maxlength", "1000");

        // When Hunan's finance records the joint meeting's decision
        await may.GetByTestId("decision-outcome").SelectOptionAsync("met");
        await may.GetByTestId("decision-reason").FillAsync("联席会议2025-01-20纪要：5月无数据，视为达标");
        await DashboardFixture.ScreenshotAsync(hunan, "compensation-decision");
        await may.GetByTestId("decision-submit").ClickAsync();

        // Then May is decided, a draft until both parties confirm it; Hunan confirms its side
        await Expect(may).ToContainTextAsync("协商决定");
        await Expect(may.GetByTestId("decide")).ToHaveCountAsync(0);
        await may.GetByTestId("confirm").ClickAsync();
        await Expect(may).ToHaveAttributeAsync("data-state", "PartlyConfirmed");
        await Expect(may.GetByTestId("confirm")).ToHaveCountAsync(0);

        // And Jiangxi's finance, in its own session, sees Hunan's side signed and confirms its own
        IPage jiangxi = await SignInAsync("jiangxi-finance");
        await GoAsync(jiangxi, DecideYear);
        ILocator seen = jiangxi.Locator("[data-testid=account][data-period='2024-05']");
        await Expect(seen).ToHaveAttributeAsync("data-state", "PartlyConfirmed");
        await seen.GetByTestId("confirm").ClickAsync();
        await Expect(seen).ToHaveAttributeAsync("data-state", "Confirmed");
        await Expect(seen).ToContainTextAsync("双方确认");
    }

    [Fact]
    public async Task DecisionWithoutAReason_IsNotSent_AndSaysWhy()
    {
        IPage page = await SignInAsync("hunan-finance");
        await GoAsync(page, DecideYear);
        ILocator june = page.Locator("[data-testid=account][data-period='2024-06']");
        var posts = new List<string>();
        page.Request += (_, request) => { if (request.Method == "POST") posts.Add(request.Url); };
        await june.Locator("[data-testid=decide] summary").ClickAsync();

        // A reason of spaces passes the browser's own check; the page refuses it before the server has to
        await june.GetByTestId("decision-outcome").SelectOptionAsync("none");
        await june.GetByTestId("decision-reason").FillAsync("   ");
        await june.GetByTestId("decision-submit").ClickAsync();

        await Expect(page.GetByTestId("action-error")).ToHaveTextAsync("请选择结论并填写理由");
        await Expect(june).ToHaveAttributeAsync("data-state", "Draft");
        Assert.Empty(posts);
    }

    [Fact]
    public async Task DecisionBeingWritten_IsNotRedrawnAwayWhenReadingsArrive()
    {
        IPage page = await SignInAsync("hunan-finance");
        await GoAsync(page, DecideYear);
        await Expect(page.GetByTestId("live")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bon\\b"));
        await page.Clock.InstallAsync();
        ILocator july = page.Locator("[data-testid=account][data-period='2024-07']");
        await july.Locator("[data-testid=decide] summary").ClickAsync();
        await july.GetByTestId("decision-reason").FillAsync("纪要草稿");
        var statements = new List<string>();
        page.Request += (_, request) => { if (request.Url.Contains("/statements/", StringComparison.Ordinal)) statements.Add(request.Url); };

        // When a reading arrives (the page would look at the accounts again 15 s later) and the 15 s pass
        await using (RawStation station = await RawStation.ConnectAsync(fixture.Host.Port))
        {
            DateTimeOffset time = DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset);
            await station.SendAsync(FrameEncoder.Encode(
                $"QN={time:yyyyMMddHHmmssfff};ST=21;CN=2011;PW=hn0202;MN=430281A00000000000000202;Flag=5;CP=&&DataTime={time:yyyyMMddHHmmss};w21003-Rtd=0.123,w21003-Flag=N&&"));
            Assert.Equal("9014", (await station.ReceiveAsync()).Command);
        }

        await page.WaitForTimeoutAsync(1000);
        await page.Clock.FastForwardAsync("00:16");
        await page.WaitForTimeoutAsync(1000);

        // Then the decision being written is still there, as typed
        await Expect(july.Locator("[data-testid=decide]")).ToHaveAttributeAsync("open", "");
        await Expect(july.GetByTestId("decision-reason")).ToHaveValueAsync("纪要草稿");
        Assert.True(statements.Count == 0, string.Join(" ", statements));
    }

    [Fact]
    public async Task PendingAdjustment_ConfirmedByBothParties_ShowsAsCounted()
    {
        // Given March 2024, signed as met, corrected by late data: a proposal the page says is not counted yet
        IPage hunan = await SignInAsync("hunan-finance");
        await GoAsync(hunan, AdjustYear);
        ILocator proposal = hunan.Locator("[data-testid=proposed-adjustments] [data-testid=adjustment][data-period='2024-03']");
        await Expect(proposal).ToContainTextAsync("2024-04");
        await Expect(proposal.GetByTestId("difference")).ToContainTextAsync("江西省 → 湖南省 2,000,000");
        await Expect(proposal.GetByTestId("before")).ToContainTextAsync("协商决定");
        await Expect(proposal.GetByTestId("after")).ToContainTextAsync("已判定");
        await Expect(proposal.GetByTestId("awaiting")).ToHaveAttributeAsync("data-parties", "jiangxi hunan");
        await Expect(hunan.GetByTestId("proposals-not-counted")).ToBeVisibleAsync();
        await Expect(hunan.Locator("[data-testid=account][data-period='2024-03'] [data-testid=adjustment-pending]")).ToBeVisibleAsync();
        await Expect(hunan.GetByTestId("adjustments")).ToHaveCountAsync(0);
        await Expect(hunan.GetByTestId("net-amount")).ToHaveAttributeAsync("data-amount", "1000000");
        await Expect(hunan.GetByTestId("net-payer")).ToHaveTextAsync("湖南省");
        string signedHash = await hunan.GetByTestId("content-hash").TextContentAsync() ?? "";

        // When Hunan confirms its side: it awaits Jiangxi, and still does not count
        await proposal.GetByTestId("confirm-adjustment").ClickAsync();
        await Expect(proposal.GetByTestId("confirmed-by")).ToHaveAttributeAsync("data-parties", "hunan");
        await Expect(proposal.GetByTestId("awaiting")).ToHaveAttributeAsync("data-parties", "jiangxi");
        await Expect(proposal.GetByTestId("confirm-adjustment")).ToHaveCountAsync(0);
        await Expect(hunan.GetByTestId("net-payer")).ToHaveTextAsync("湖南省");
        await Expect(hunan.GetByTestId("content-hash")).ToHaveTextAsync(signedHash);
        await DashboardFixture.ScreenshotAsync(hunan, "compensation-adjustment");

        // And when Jiangxi confirms its side, it counts: listed as an adjustment, the net turns, the content hash changes
        IPage jiangxi = await SignInAsync("jiangxi-finance");
        await GoAsync(jiangxi, AdjustYear);
        await jiangxi.Locator("[data-testid=proposed-adjustments] [data-testid=adjustment][data-period='2024-03'] [data-testid=confirm-adjustment]").ClickAsync();
        await Expect(jiangxi.GetByTestId("proposed-adjustments")).ToHaveCountAsync(0);
        await Expect(jiangxi.Locator("[data-testid=adjustments] [data-testid=adjustment][data-period='2024-03']")).ToContainTextAsync("2024-04");
        await Expect(jiangxi.GetByTestId("adjustments-counted")).ToBeVisibleAsync();
        await Expect(jiangxi.GetByTestId("net-payer")).ToHaveTextAsync("江西省");
        await Expect(jiangxi.GetByTestId("net-amount")).ToHaveAttributeAsync("data-amount", "1000000");
        await Expect(jiangxi.GetByTestId("content-hash")).Not.ToHaveTextAsync(signedHash);
        await Expect(jiangxi.Locator("[data-testid=account][data-period='2024-03'] [data-testid=adjustment-pending]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task EveryMonthConfirmed_WithAProposalPending_OffersTheProposalButNoClose()
    {
        IPage page = await SignInAsync("hunan-finance");

        await GoAsync(page, $"#/compensation/{DashboardFixture.Proposed.Id}/2024");

        // Every month of 2024 is signed, so the correction of March would be booked in January 2025; yet the server refuses
        // to close 2024 (409) while it awaits both parties: the page offers no close button, only the proposal to confirm
        await Expect(page.Locator("[data-testid=account][data-state=Confirmed]")).ToHaveCountAsync(12);
        ILocator proposal = page.Locator("[data-testid=proposed-adjustments] [data-testid=adjustment][data-period='2024-03']");
        await Expect(proposal).ToContainTextAsync("2025-01");
        await Expect(proposal.GetByTestId("confirm-adjustment")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("close-year")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task JiangxiViewer_SeesDecisionsAndProposalsPendingButNoFormsOrButtons()
    {
        IPage page = await SignInAsync("jiangxi-viewer");

        await GoAsync(page, DecideYear);
        await Expect(page.GetByTestId("account")).ToHaveCountAsync(12);
        await Expect(page.GetByTestId("decide")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("confirm")).ToHaveCountAsync(0);

        await GoAsync(page, AdjustYear);
        await Expect(page.Locator("[data-testid=proposed-adjustments], [data-testid=adjustments]")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("confirm-adjustment")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("close-year")).ToHaveCountAsync(0);
    }
}
