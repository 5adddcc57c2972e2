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
    [Fact]
    public async Task Table_SeveralParametersTicked_ShowsThoseColumnsOnly_AndExportsThem()
    {
        IPage page = await OpenAsync("#/table");
        await Expect(page.GetByTestId("table-row")).ToHaveCountAsync(TestHost.Preset.Sections.Count);

        // Ammonia, then total phosphorus: both columns, in the standard's order, and nothing else
        await page.GetByTestId("filter-parameter-NH3N").CheckAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/table\\?parameter=NH3N$"));
        await Expect(page.GetByTestId("filter-parameter-NH3N")).ToBeCheckedAsync();
        await page.GetByTestId("filter-parameter-TP").CheckAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/table\\?parameter=NH3N%2CTP$"));
        await Expect(page.GetByTestId("filter-parameter-TP")).ToBeCheckedAsync();
        ILocator firstRowValues = page.Locator("[data-testid=table-row]").First.Locator("td.value");
        await Expect(firstRowValues).ToHaveCountAsync(2);
        Assert.Equal(["NH3N", "TP"], await Task.WhenAll((await firstRowValues.AllAsync()).Select(v => v.GetAttributeAsync("data-item").ContinueWith(a => a.Result ?? ""))));
        await Expect(page.GetByTestId("filter-parameter-pH")).Not.ToBeCheckedAsync();

        // The exports carry the same two columns
        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-csv").ClickAsync());
        string[] lines = (await File.ReadAllTextAsync(await download.PathAsync(), TestContext.Current.CancellationToken)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6 + 2, lines[0].Split(',').Length);
        Assert.Contains("parameter=NH3N%2CTP", await page.GetByTestId("export-xlsx").GetAttributeAsync("href") ?? "", StringComparison.Ordinal);

        // Unticking ammonia leaves phosphorus alone
        await page.GetByTestId("filter-parameter-NH3N").UncheckAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/table\\?parameter=TP$"));
        await Expect(page.Locator("[data-testid=table-row]").First.Locator("td.value")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("filter-parameter-NH3N")).ToBeVisibleAsync();
    }
}
