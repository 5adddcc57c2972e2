using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qingshui.Domain.Joint;
using Qingshui.Server.Tests;
using Qingshui.Storage.Joint;
using static Microsoft.Playwright.Assertions;
using static Qingshui.Dashboard.Tests.OwnServerBrowser;

namespace Qingshui.Dashboard.Tests;

/// <summary>The river-chief roster: both sides' chiefs per reach, bank and level; each side adds and retires its own.</summary>
public sealed partial class JointPatrolsPageTests
{
    [Fact]
    public async Task RiverChiefForms_JiangxiAddsAndRetiresItsChief_HunanSeesItButIsOfferedNoRetire()
    {
        // Given a Hunan chief on the right bank of the Jinyushi reach
        await using TestHost host = await StartAsync(new HandClock(Evening));
        IPatrolStore store = host.Server.Services.GetRequiredService<IPatrolStore>();
        await store.AddRiverChiefsAsync([new RiverChief(0, "jinyushi", Bank.Right, "hunan", RiverChiefLevel.City, "王五", "株洲市人民政府", "", new DateOnly(2023, 1, 1), null)], Ct);
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage jiangxi = await SignInAsync(browser, host, "jx-duty");
        await jiangxi.GetByTestId("nav-river-chiefs").ClickAsync();
        ILocator Cell(IPage page, string level, string bank) =>
            page.Locator($"[data-testid=reach][data-reach=jinyushi] tr[data-level={level}] td[data-bank={bank}] [data-testid=chief]");
        await Expect(Cell(jiangxi, "city", "right")).ToContainTextAsync("王五");

        // When Jiangxi's operator (offered only Jiangxi as the side) adds a county chief whose term ends before it starts
        ILocator form = jiangxi.GetByTestId("chief-form");
        await Expect(form.Locator("[data-testid=chief-side] option")).ToHaveCountAsync(1);
        await form.GetByTestId("chief-reach").SelectOptionAsync("jinyushi");
        await form.GetByTestId("chief-bank").SelectOptionAsync("left");
        await form.GetByTestId("chief-level").SelectOptionAsync("county");
        await form.GetByTestId("chief-name").FillAsync("李四");
        await form.GetByTestId("chief-organisation").FillAsync("上栗县人民政府 副县长");
        await form.GetByTestId("chief-term-from").FillAsync("2024-01-01");
        await form.GetByTestId("chief-term-to").FillAsync("2023-12-31");
        await form.GetByTestId("chief-submit").ClickAsync();

        // Then the refusal shows next to the term's end; without it the chief is added on the left bank, county level
        await Expect(form.Locator("[data-error-for=term-to]")).ToContainTextAsync("is before term-from");
        await form.GetByTestId("chief-term-to").FillAsync("");
        await form.GetByTestId("chief-submit").ClickAsync();
        await Expect(Cell(jiangxi, "county", "left")).ToContainTextAsync("李四");
        await Expect(Cell(jiangxi, "county", "left").GetByTestId("chief-retire")).ToHaveCountAsync(1);
        await Expect(Cell(jiangxi, "city", "right").GetByTestId("chief-retire")).ToHaveCountAsync(0);

        // And Hunan sees both sides' chiefs, but may retire only its own
        IPage hunan = await SignInAsync(browser, host, "hn-duty");
        await GoAsync(hunan, "#/river-chiefs");
        await Expect(Cell(hunan, "county", "left")).ToContainTextAsync("李四");
        await Expect(Cell(hunan, "county", "left").GetByTestId("chief-retire")).ToHaveCountAsync(0);
        await Expect(Cell(hunan, "city", "right").GetByTestId("chief-retire")).ToHaveCountAsync(1);

        // When Jiangxi retires its chief: a last day before the term began is refused next to it; yesterday is taken
        ILocator chief = Cell(jiangxi, "county", "left");
        await chief.GetByTestId("chief-retire").ClickAsync();
        await chief.GetByTestId("chief-retire-on").FillAsync("2023-06-30");
        await chief.GetByTestId("chief-retire-submit").ClickAsync();
        await Expect(chief.Locator("[data-error-for=term-to]")).ToContainTextAsync("is before term-from");
        await chief.GetByTestId("chief-retire-on").FillAsync(Evening.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await chief.GetByTestId("chief-retire-submit").ClickAsync();

        // Then the roster of chiefs in office no longer lists them, and the full roster shows them out of office
        await Expect(Cell(jiangxi, "county", "left")).ToHaveCountAsync(0);
        await jiangxi.GetByTestId("chiefs-former").ClickAsync();
        await Expect(Cell(jiangxi, "county", "left")).ToHaveAttributeAsync("data-in-office", "false");
        RiverChief stored = (await store.ListRiverChiefsAsync(new JointQuery(10, "jiangxi"), Ct)).Single();
        Assert.Equal(DateOnly.FromDateTime(Evening.DateTime).AddDays(-1), stored.TermTo);
        await DashboardFixture.ScreenshotAsync(hunan, "river-chiefs");
    }

    [Fact]
    public async Task RiverChiefImport_FileWithABadLine_AddsNothingAndNamesTheLine_ThenTheCorrectedFileIsAdded()
    {
        await using TestHost host = await StartAsync(new HandClock(Evening));
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);
        IPage page = await SignInAsync(browser, host, "hn-duty");
        await GoAsync(page, "#/river-chiefs");
        ILocator form = page.GetByTestId("chief-import");
        const string Header = "reach,bank,side,level,name,organisation,contact,term-from,term-to\n";
        const string Good = "liling-wangfang,left,hunan,county,赵六,醴陵市人民政府,,2024-01-01,\n";

        // A roster whose second chief has no valid level: the line is named and nothing is added
        await form.GetByTestId("chief-import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "chiefs.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Header + Good + "liling-wangfang,right,hunan,mayor,钱七,醴陵市人民政府,,2024-01-01,\n"),
        });
        await form.GetByTestId("chief-import-submit").ClickAsync();
        await Expect(form.GetByTestId("form-error")).ToContainTextAsync("line 3: level");
        await Expect(page.GetByTestId("chief")).ToHaveCountAsync(0);

        // The corrected file is added whole
        await form.GetByTestId("chief-import-file").SetInputFilesAsync(new FilePayload
        {
            Name = "chiefs.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Header + Good + "liling-wangfang,right,hunan,township,钱七,王坊镇人民政府,,2024-01-01,\n"),
        });
        await form.GetByTestId("chief-import-submit").ClickAsync();
        ILocator reach = page.Locator("[data-testid=reach][data-reach=liling-wangfang]");
        await Expect(reach.Locator("tr[data-level=county] td[data-bank=left] [data-testid=chief]")).ToContainTextAsync("赵六");
        await Expect(reach.Locator("tr[data-level=township] td[data-bank=right] [data-testid=chief]")).ToContainTextAsync("钱七");
        Assert.Equal(2, (await host.Server.Services.GetRequiredService<IPatrolStore>().ListRiverChiefsAsync(new JointQuery(10), Ct)).Count);
    }
}
