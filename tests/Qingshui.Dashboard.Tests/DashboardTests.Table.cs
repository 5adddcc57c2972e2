using System.Text;
using Microsoft.Playwright;
using Qingshui.Server.Tests;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

/// <summary>The national-style data table: filters, sorting, and exports of exactly what is shown.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task Table_FiltersByProvinceAndClass_SortsByAParameter_AndExportsWhatIsShown()
    {
        IPage page = await OpenAsync("#/table");
        ILocator rows = page.GetByTestId("table-row");
        await Expect(rows).ToHaveCountAsync(TestHost.Preset.Sections.Count);
        await Expect(page.Locator("[data-testid=table-row][data-section=jinyushi] td.value[data-item=NH3N]")).Not.ToHaveAttributeAsync("data-class", "");

        // Hunan's sections only
        await page.GetByTestId("filter-province").SelectOptionAsync("hunan");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/table\\?province=hunan$"));
        await Expect(page.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
        int hunan = TestHost.Preset.Sections.Count(s => s.Jurisdiction == "hunan");
        await Expect(rows).ToHaveCountAsync(hunan);
        foreach (ILocator row in await rows.AllAsync())
        {
            await Expect(row).ToHaveAttributeAsync("data-province", "hunan");
        }

        // Sorted by ammonia, highest first
        await page.GetByTestId("sort-NH3N").ClickAsync();
        await page.GetByTestId("sort-NH3N").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sort=-NH3N"));
        await Expect(page.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
        string[] ammonia = [.. await page.Locator("[data-testid=table-row] td.value[data-item=NH3N]").AllTextContentsAsync()];
        decimal[] values = [.. ammonia.Select(a => a.Trim()).Where(a => a != "—").Select(a => decimal.Parse(a, System.Globalization.CultureInfo.InvariantCulture))];
        Assert.Equal(values.OrderDescending(), values);
        await DashboardFixture.ScreenshotAsync(page, "table");

        // The CSV holds the rows shown, in their order, with a byte order mark
        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        byte[] csv = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        string[] lines = Encoding.UTF8.GetString(csv, 3, csv.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] shown = [.. (await page.Locator("[data-testid=table-row] td:first-child").AllTextContentsAsync()).Select(n => n.Trim())];
        Assert.Equal(hunan + 1, lines.Length);
        Assert.Equal(shown, lines.Skip(1).Select(l => l.Split(',')[0]));

        // The Excel export asks the server for the same rows: same filters and order
        string href = await page.GetByTestId("export-xlsx").GetAttributeAsync("href") ?? "";
        Assert.Contains("province=hunan", href, StringComparison.Ordinal);
        Assert.Contains("sort=-NH3N", href, StringComparison.Ordinal);
        IAPIResponse xlsx = await page.APIRequest.GetAsync(fixture.BaseUrl.TrimEnd('/') + href);
        Assert.True(xlsx.Ok);
        Assert.Equal("PK", Encoding.ASCII.GetString((await xlsx.BodyAsync())[..2]));

        // A class no Hunan section has now: "no data", not an empty table
        string[] classes = [.. (await rows.AllAsync()).Select(r => r.GetAttributeAsync("data-class").Result ?? "")];
        string absent = new[] { "Ⅰ", "Ⅱ", "Ⅲ", "Ⅳ", "Ⅴ", "劣Ⅴ" }.First(c => !classes.Contains(c));
        await page.GetByTestId("filter-class").SelectOptionAsync(absent);
        await Expect(page.GetByTestId("empty")).ToHaveTextAsync("无数据");
    }
}
