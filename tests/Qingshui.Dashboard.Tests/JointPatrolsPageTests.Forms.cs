using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qingshui.Domain.Joint;
using Qingshui.Server.Tests;
using Qingshui.Storage.Joint;
using static Microsoft.Playwright.Assertions;
using static Qingshui.Dashboard.Tests.OwnServerBrowser;

namespace Qingshui.Dashboard.Tests;

/// <summary>
/// The patrol, finding and case forms, used as people use them: each record is made through the dashboard, and the
/// server's field errors show next to the field they name.
/// </summary>
public sealed partial class JointPatrolsPageTests
{
    private static string Day => Evening.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task PatrolForm_GpxRouteAndAFindingPlacedOnTheMap_AreRecordedThroughTheForms_AndDrawn()
    {
        // Given Jiangxi's operator on the patrols page
        await using TestHost host = await StartAsync(new HandClock(Evening));
        IPatrolStore store = host.Server.Services.GetRequiredService<IPatrolStore>();
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await SignInAsync(browser, host, "jx-duty");
        await GoAsync(page, "#/patrols");

        // When they record a joint patrol with people of both sides and a GPX route
        ILocator form = page.GetByTestId("patrol-form");
        await form.GetByTestId("patrol-date").FillAsync(Day);
        await form.GetByTestId("patrol-reach").SelectOptionAsync("jinyushi");
        await form.GetByTestId("patrol-participants-jiangxi").FillAsync("萍乡 巡河员\n上栗 河长办");
        await form.GetByTestId("patrol-participants-hunan").FillAsync("醴陵 巡河员");
        await form.GetByTestId("patrol-form-route").SetInputFilesAsync(new FilePayload { Name = "patrol.gpx", MimeType = "application/gpx+xml", Buffer = Encoding.UTF8.GetBytes(Gpx(500)) });
        await form.GetByTestId("patrol-submit").ClickAsync();

        // Then its page shows both sides' people and draws the route
        await Expect(page).ToHaveURLAsync(new Regex(@"#/patrols/\d+$"));
        await Expect(page.GetByTestId("patrol-route-points")).ToHaveTextAsync("500");
        await Expect(page.GetByTestId("patrol-participants")).ToContainTextAsync("醴陵 巡河员 (湖南)");
        await Expect(page.GetByTestId("patrol-map")).ToHaveAttributeAsync("data-points", "500");

        // When a click on the map places a finding, recorded with a photo and owned by Hunan
        await page.GetByTestId("patrol-map").ClickAsync();
        await Expect(page.GetByTestId("patrol-map")).ToHaveAttributeAsync("data-chosen", new Regex(@"^113\.70\d+,27\.60\d+$"));
        string chosen = (await page.GetByTestId("patrol-map").GetAttributeAsync("data-chosen"))!;
        await page.GetByTestId("finding-text").FillAsync("右岸排污口有黑水");
        await page.GetByTestId("finding-owner").FillAsync("hunan");
        await page.GetByTestId("finding-deadline").FillAsync(Day);
        await page.GetByTestId("finding-photos").SetInputFilesAsync(new FilePayload { Name = "outfall.png", MimeType = "image/png", Buffer = Png() });
        await page.GetByTestId("finding-submit").ClickAsync();

        // Then it is listed with its photo and drawn on the map, stored where the click placed it
        ILocator row = page.GetByTestId("finding-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("finding-photo")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("patrol-map")).ToHaveAttributeAsync("data-findings", "1");
        Patrol patrol = Assert.Single(await store.ListPatrolsAsync(new JointQuery(10), Ct));
        Assert.Equal(["hunan", "jiangxi"], patrol.Sides.Order(StringComparer.Ordinal));
        Assert.Equal(500, patrol.RoutePoints);
        Finding finding = Assert.Single(await store.ListFindingsAsync(new FindingQuery(new JointQuery(10), patrol.Id), Ct));
        Assert.Equal(chosen, string.Create(CultureInfo.InvariantCulture, $"{finding.Position!.Value.Longitude:0.000000},{finding.Position.Value.Latitude:0.000000}"));
        Assert.Equal("hunan", finding.Owner);
        Assert.Single(finding.Photos);
        await DashboardFixture.ScreenshotAsync(page, "patrol-form-finding");
    }

    [Fact]
    public async Task PatrolForm_FieldsTheServerRefuses_ShowNextToTheirFields_AndARefusedRouteShowsOnTheRecordedPatrol()
    {
        await using TestHost host = await StartAsync(new HandClock(Evening));
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await SignInAsync(browser, host, "jx-duty");
        await GoAsync(page, "#/patrols");
        ILocator form = page.GetByTestId("patrol-form");
        ILocator ErrorOf(string field) => form.Locator($"[data-error-for='{field}']");

        // No day and nobody: both refused, each next to its field
        await form.GetByTestId("patrol-date").FillAsync("");
        await form.GetByTestId("patrol-submit").ClickAsync();
        await Expect(ErrorOf("date")).ToContainTextAsync("is required");
        await Expect(ErrorOf("participants")).ToContainTextAsync("at least one person");
        await Expect(form.GetByTestId("form-error")).ToBeVisibleAsync();

        // A name too long on Hunan's list shows next to Hunan's list, naming the line
        await form.GetByTestId("patrol-date").FillAsync(Day);
        await form.GetByTestId("patrol-participants-jiangxi").FillAsync("萍乡 巡河员");
        await form.GetByTestId("patrol-participants-hunan").FillAsync(new string('醴', 201));
        await form.GetByTestId("patrol-submit").ClickAsync();
        await Expect(ErrorOf("participants-hunan")).ToContainTextAsync("participants[1].name: is 201 characters; at most 200");
        await Expect(ErrorOf("date")).ToBeHiddenAsync();
        await Expect(ErrorOf("participants-jiangxi")).ToBeHiddenAsync();

        // A file that is no route: the patrol is recorded, and its page says why the route was not taken, at the upload
        await form.GetByTestId("patrol-participants-hunan").FillAsync("醴陵 巡河员");
        await form.GetByTestId("patrol-form-route").SetInputFilesAsync(new FilePayload { Name = "notes.gpx", MimeType = "application/gpx+xml", Buffer = "巡河记录"u8.ToArray() });
        await form.GetByTestId("patrol-submit").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex(@"#/patrols/\d+$"));
        await Expect(page.GetByTestId("patrol-route-form").Locator("[data-error-for=route]")).ToContainTextAsync("巡河已记录，但轨迹未被接受");
        await Expect(page.GetByTestId("patrol-route-points")).ToHaveTextAsync("0");
    }

    [Fact]
    public async Task FindingForm_FindingHunanOwnsPassesItsDeadline_IsFlaggedOverdueOnHunansLists()
    {
        // Given a joint patrol, and a finding Jiangxi records through the form for Hunan to put right by today
        var clock = new HandClock(Evening);
        await using TestHost host = await StartAsync(clock);
        Patrol patrol = await host.Server.Services.GetRequiredService<IPatrolStore>().AddPatrolAsync(new Patrol(0, DateOnly.FromDateTime(Evening.DateTime), "jinyushi",
            [new PatrolParticipant("jiangxi", "萍乡 巡河员"), new PatrolParticipant("hunan", "醴陵 巡河员")], "", new PatrolActor("jx-duty", "jiangxi", "jiangxi"), Evening, 0), Ct);
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage jiangxi = await SignInAsync(browser, host, "jx-duty");
        await GoAsync(jiangxi, $"#/patrols/{patrol.Id}");
        await jiangxi.GetByTestId("finding-text").FillAsync("岸边堆放垃圾");
        await jiangxi.GetByTestId("finding-longitude").FillAsync("113.71");
        await jiangxi.GetByTestId("finding-latitude").FillAsync("27.61");
        await jiangxi.GetByTestId("finding-owner").FillAsync("hunan");
        await jiangxi.GetByTestId("finding-deadline").FillAsync(Day);
        await jiangxi.GetByTestId("finding-submit").ClickAsync();
        await Expect(jiangxi.GetByTestId("finding-row")).ToHaveAttributeAsync("data-overdue", "false");
        IPage hunan = await SignInAsync(browser, host, "hn-duty");
        await hunan.GetByTestId("nav-findings").ClickAsync();
        await Expect(hunan.GetByTestId("finding-row")).ToHaveAttributeAsync("data-overdue", "false");

        // When the deadline day ends
        clock.Advance(TimeSpan.FromHours(4) + TimeSpan.FromMinutes(1));

        // Then Hunan, the other side, sees it flagged on its findings list and its patrols list
        await GoAsync(hunan, "#/findings/overdue");
        await Expect(hunan.GetByTestId("finding-row")).ToHaveAttributeAsync("data-overdue", "true");
        await Expect(hunan.GetByTestId("finding-overdue")).ToBeVisibleAsync();
        await GoAsync(hunan, "#/patrols");
        await Expect(hunan.Locator($"[data-testid=patrol-row][data-id='{patrol.Id}'] [data-testid=patrol-overdue-flag]")).ToBeVisibleAsync();
        await GoAsync(jiangxi, "#/findings");
        await Expect(jiangxi.GetByTestId("finding-row")).ToHaveAttributeAsync("data-overdue", "true");
    }

    [Fact]
    public async Task CaseForms_OpenedAndReferredByJiangxi_AcceptedByHunan_JiangxiSeesNoStatusControl()
    {
        await using TestHost host = await StartAsync(new HandClock(Evening));
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage jiangxi = await SignInAsync(browser, host, "jx-duty");
        IPage hunan = await SignInAsync(browser, host, "hn-duty");

        // Jiangxi opens a case it found, under its own jurisdiction
        await jiangxi.GetByTestId("nav-cases").ClickAsync();
        await jiangxi.GetByTestId("case-what").FillAsync("非法采砂");
        await jiangxi.GetByTestId("case-where").FillAsync("金鱼石下游 500 m 右岸");
        await jiangxi.GetByTestId("case-submit").ClickAsync();
        await Expect(jiangxi).ToHaveURLAsync(new Regex(@"#/cases/\d+$"));
        await Expect(jiangxi.GetByTestId("case")).ToHaveAttributeAsync("data-jurisdiction", "jiangxi");
        await Expect(jiangxi.GetByTestId("case-status-select")).ToBeVisibleAsync();

        // A referral without a note is refused next to the note; with one it is made
        ILocator refer = jiangxi.GetByTestId("case-refer-form");
        await refer.GetByTestId("case-refer").ClickAsync();
        await Expect(refer.Locator("[data-error-for=note]")).ToContainTextAsync("is required");
        await refer.GetByTestId("case-to").SelectOptionAsync("hunan");
        await refer.GetByTestId("case-refer-note").FillAsync("采砂点在右岸，属醴陵管辖");
        await refer.GetByTestId("case-refer").ClickAsync();
        await Expect(jiangxi.Locator("[data-testid=case-referrals] tr[data-answer=pending]")).ToBeVisibleAsync();
        string id = (await jiangxi.GetByTestId("case").GetAttributeAsync("data-id"))!;

        // Hunan sees it referred; declining needs a reason (shown next to it); it accepts
        await hunan.GetByTestId("nav-cases").ClickAsync();
        await Expect(hunan.Locator($"[data-testid=case-row][data-id='{id}'] [data-testid=case-referred]")).ToBeVisibleAsync();
        await GoAsync(hunan, $"#/cases/{id}");
        ILocator answer = hunan.GetByTestId("case-answer-form");
        await answer.GetByTestId("case-decline").ClickAsync();
        await Expect(answer.Locator("[data-error-for=reason]")).ToContainTextAsync("is required");
        await answer.GetByTestId("case-accept").ClickAsync();
        await Expect(hunan.GetByTestId("case")).ToHaveAttributeAsync("data-jurisdiction", "hunan");

        // Hunan, now with jurisdiction, moves it on
        await hunan.GetByTestId("case-status-select").SelectOptionAsync("investigating");
        await hunan.GetByTestId("case-status-note").FillAsync("已立案调查");
        await hunan.GetByTestId("case-set-status").ClickAsync();
        await Expect(hunan.GetByTestId("case")).ToHaveAttributeAsync("data-status", "investigating");
        await hunan.GetByTestId("case-action-text").FillAsync("现场扣押采砂船一艘");
        await hunan.GetByTestId("case-add-action").ClickAsync();
        await Expect(hunan.GetByTestId("case-actions")).ToContainTextAsync("现场扣押采砂船一艘");

        // Jiangxi sees the case as Hunan left it and is offered no status control, nor any step
        await GoAsync(jiangxi, "#/cases");
        await GoAsync(jiangxi, $"#/cases/{id}");
        await Expect(jiangxi.GetByTestId("case")).ToHaveAttributeAsync("data-status", "investigating");
        await Expect(jiangxi.GetByTestId("case-status-select")).ToHaveCountAsync(0);
        await Expect(jiangxi.GetByTestId("case-steps")).ToHaveCountAsync(0);
        await DashboardFixture.ScreenshotAsync(hunan, "case-forms");
    }

    [Fact]
    public async Task Forms_ToAViewer_AreNotOffered()
    {
        // Given a joint patrol with an open finding, a case and a chief of Jiangxi, seen by a Jiangxi viewer
        await using TestHost host = await StartAsync(new HandClock(Evening));
        IPatrolStore store = host.Server.Services.GetRequiredService<IPatrolStore>();
        var actor = new PatrolActor("jx-duty", "jiangxi", "jiangxi");
        Patrol patrol = await store.AddPatrolAsync(new Patrol(0, DateOnly.FromDateTime(Evening.DateTime), "jinyushi",
            [new PatrolParticipant("jiangxi", "萍乡 巡河员")], "", actor, Evening, 0), Ct);
        await store.AddFindingAsync(new Finding(0, patrol.Id, "岸边堆放垃圾", null, [], "jiangxi", "jiangxi", null, actor, Evening, null), Ct);
        EnforcementCase opened = await store.AddCaseAsync(new EnforcementCase(0, "非法采砂", "金鱼石", null, "jiangxi", "jiangxi", CaseStatus.Open, [], [], null, [],
            actor, Evening, null), Ct);
        await store.AddRiverChiefsAsync([new RiverChief(0, "jinyushi", Bank.Left, "jiangxi", RiverChiefLevel.County, "李四", "上栗县人民政府", "", new DateOnly(2024, 1, 1), null)], Ct);
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await SignInAsync(browser, host, "jx-viewer");

        // When they open each joint page, the records show but no form or step is offered
        foreach ((string route, string shown) in new[]
        {
            ("#/patrols", "patrol-row"), ($"#/patrols/{patrol.Id}", "finding-row"), ("#/findings", "finding-row"), ("#/cases", "case-row"),
            ($"#/cases/{opened.Id}", "case"), ("#/river-chiefs", "chief"),
        })
        {
            await GoAsync(page, route);
            await Expect(page.GetByTestId(shown).First).ToBeVisibleAsync();
            await Expect(page.Locator("#app form")).ToHaveCountAsync(0);
            await Expect(page.Locator("#app input[type=file]")).ToHaveCountAsync(0);
        }
    }

    /// <summary>A small real PNG (a 40×30 red rectangle), made with the library the server decodes images with.</summary>
    private static byte[] Png()
    {
        using var bitmap = new SkiaSharp.SKBitmap(40, 30);
        bitmap.Erase(SkiaSharp.SKColors.Red);
        using SkiaSharp.SKData data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
