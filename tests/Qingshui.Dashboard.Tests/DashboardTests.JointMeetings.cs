using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qingshui.Domain.Access;
using Qingshui.Server.Accounts;
using Qingshui.Storage;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

/// <summary>Joint work: a coordinator records a meeting and a decision; the owner sees it on its list, and the yearly report includes it.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task JointMeeting_WithADecision_AppearsOnTheOwnersList_AndInTheYearlyReport()
    {
        // Given a coordinator of Jiangxi on the joint work calendar, where Jiangxi's turn to convene is suggested
        await AddJointCoordinatorAsync();
        IPage jiangxi = await SignInAsync("jiangxi-coordinator");
        await jiangxi.GetByTestId("nav-joint").ClickAsync();
        await Expect(jiangxi.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
        int year = int.Parse(await jiangxi.EvaluateAsync<string>("() => String(new Date(Date.now() + 8 * 3600000).getUTCFullYear())"),
            System.Globalization.CultureInfo.InvariantCulture);

        // When the coordinator records the meeting, then a decision owned by Hunan with a deadline
        ILocator form = jiangxi.GetByTestId("new-meeting");
        await form.GetByTestId("meeting-date").FillAsync($"{year}-03-12");
        await form.GetByTestId("meeting-title").FillAsync("萍水河联席会议 <b>第一次</b>");
        await form.GetByTestId("meeting-place").FillAsync("萍乡市");
        await Expect(form.GetByTestId("meeting-convenor")).ToHaveValueAsync("jiangxi");
        await form.GetByTestId("meeting-attendees").FillAsync("jiangxi,李明,联络员\nhunan,王芳,河长");
        await form.GetByTestId("meeting-agenda").FillAsync("通报水质\n联合采样");
        await form.GetByTestId("meeting-minutes").FillAsync("双方同意开展联合采样。");
        await form.GetByTestId("meeting-submit").ClickAsync();
        await Expect(jiangxi.GetByTestId("meeting")).ToHaveTextAsync("萍水河联席会议 <b>第一次</b>");
        await Expect(jiangxi.GetByTestId("attendees")).ToContainTextAsync("王芳 (河长)");
        await jiangxi.GetByTestId("decision-text").FillAsync("湖南负责醴陵段排口排查");
        await jiangxi.GetByTestId("decision-owner").FillAsync("hunan");
        await jiangxi.GetByTestId("decision-person").FillAsync("王芳");
        await jiangxi.GetByTestId("decision-deadline").FillAsync($"{year}-12-31");
        await jiangxi.GetByTestId("decision-submit").ClickAsync();
        ILocator row = jiangxi.GetByTestId("decision-row");
        await Expect(row).ToContainTextAsync("湖南负责醴陵段排口排查");
        await Expect(row.GetByTestId("decision-state")).ToHaveAttributeAsync("data-state", "open");
        await DashboardFixture.ScreenshotAsync(jiangxi, "joint-meeting");

        // Then Hunan's operator finds it on its organisation's list, and may report it (Jiangxi's coordinator may not)
        await Expect(row.GetByTestId("decision-change-submit")).ToHaveCountAsync(0);
        IPage hunan = await SignInAsync("hunan-duty");
        await GoAsync(hunan, "#/joint/decisions");
        ILocator mine = hunan.GetByTestId("my-decision").Filter(new() { HasText = "湖南负责醴陵段排口排查" });
        await Expect(mine).ToHaveCountAsync(1);
        await Expect(mine).ToContainTextAsync($"{year}-12-31");

        // And the yearly report, linked from the calendar, lists the meeting and its decision
        await GoAsync(jiangxi, $"#/joint/{year}");
        string report = (await jiangxi.GetByTestId("report-html").GetAttributeAsync("href"))!;
        IResponse? answer = await jiangxi.GotoAsync(fixture.BaseUrl.TrimEnd('/') + report);
        Assert.NotNull(answer);
        Assert.True(answer.Ok);
        await Expect(jiangxi.Locator("section#meetings")).ToContainTextAsync("萍水河联席会议 <b>第一次</b>");
        await Expect(jiangxi.Locator("section#decisions")).ToContainTextAsync("湖南负责醴陵段排口排查");
        await Expect(jiangxi.Locator("section#decisions")).ToContainTextAsync("hunan");
    }

    private async Task AddJointCoordinatorAsync()
    {
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? "");
        CancellationToken ct = TestContext.Current.CancellationToken;
        IServiceProvider services = fixture.Host.Server.Services;
        UserAccount account = UserAccount.Create("jiangxi-coordinator", "江西省联络员", "jiangxi", [Role.Coordinator]).Account!;
        AccountWrite added = await services.GetRequiredService<IAccountStore>().AddUserAsync(account,
            services.GetRequiredService<Passwords>().Hash(account, DashboardFixture.Password), ct);
        Assert.True(added is AccountWrite.Added or AccountWrite.Taken, added.ToString());
    }
}
