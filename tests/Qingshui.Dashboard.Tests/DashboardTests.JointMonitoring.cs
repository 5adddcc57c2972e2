using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

// The section page of a two-station section (Jinyushi), and the series chart's tooltip.
public sealed partial class DashboardTests
{
    [Fact]
    public async Task SectionPage_ShowsBothJinyushiStations_TheirMonthlyMeansAndDifference_AndTheSectionsValue()
    {
        IPage page = await SignInAsync("jiangxi-viewer");
        await GoAsync(page, "#/section/jinyushi");

        await Expect(page.GetByTestId("pair-a")).ToHaveTextAsync("金鱼石水质自动站（江西）");
        await Expect(page.GetByTestId("pair-b")).ToHaveTextAsync("金鱼石水质自动站（湖南）");
        await Expect(page.GetByTestId("pair-chart")).ToHaveAttributeAsync("data-parameter", "w21003");
        Assert.True(int.Parse(await page.GetByTestId("pair-chart").GetAttributeAsync("data-points") ?? "0", CultureInfo.InvariantCulture) >= 24);

        // Each month: A − B as shown equals the two means as shown, to the parameter's decimals (NH3-N: 3).
        ILocator months = page.GetByTestId("pair-month");
        await Expect(months.First).ToBeVisibleAsync();
        foreach (ILocator month in await months.AllAsync())
        {
            string[] cells = [.. (await month.Locator("td").AllInnerTextsAsync()).Select(c => c.Trim())];
            decimal a = decimal.Parse(cells[1], CultureInfo.InvariantCulture), b = decimal.Parse(cells[2], CultureInfo.InvariantCulture);
            decimal difference = decimal.Parse(cells[3].Split(' ')[0], CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(difference - (a - b)) <= 0.002m, $"{cells[0]}: {a} − {b} shown as {difference}");
            Assert.Matches(@"^\d+\.\d{3}$", cells[4]);
        }

        await DashboardFixture.ScreenshotAsync(page, "section-pair");
    }

    [Fact]
    public async Task SeriesTooltip_ShowsThePointsRealMinimumAndMaximum_WithTheParametersDecimals()
    {
        IPage page = await OpenAsync("#/section/jinyushi");
        // A year: daily points, each the mean, minimum and maximum of its day's hourly values.
        await page.Locator("[data-days='365']").ClickAsync();
        ILocator chart = page.GetByTestId("series-chart");
        await Expect(chart).ToHaveAttributeAsync("data-points", new Regex("^[1-9]"));

        Match shown = Match.Empty;
        foreach (double x in new[] { 0.3, 0.4, 0.5, 0.6 })
        {
            var box = (await chart.BoundingBoxAsync())!;
            await page.Mouse.MoveAsync((float)(box.X + (box.Width * x)), (float)(box.Y + (box.Height / 2)));
            await Expect(chart).ToContainTextAsync("最小", new() { Timeout = 5_000 });
            shown = Regex.Match(await chart.InnerTextAsync(), @"(\d{4}-\d{2}-\d{2}) 00:00\s*均值 ([\d.]+)\s*最小 ([\d.]+) · 最大 ([\d.]+)");
            if (shown.Success && shown.Groups[3].Value != shown.Groups[4].Value)
            {
                break;
            }
        }

        Assert.True(shown.Success, await chart.InnerTextAsync());
        string day = shown.Groups[1].Value;
        JsonElement point = (await page.EvaluateAsync<JsonElement>(
            "day => fetch(`/api/v1/sections/jinyushi/series?parameter=w21003&interval=day&from=${day}T00:00:00%2B08:00&to=${day}T23:59:59%2B08:00`).then(r => r.json())", day))
            .GetProperty("points")[0];
        Assert.Equal(
            (point.GetProperty("mean").GetDecimal().ToString("0.000", CultureInfo.InvariantCulture), point.GetProperty("min").GetDecimal().ToString("0.000", CultureInfo.InvariantCulture),
             point.GetProperty("max").GetDecimal().ToString("0.000", CultureInfo.InvariantCulture)),
            (shown.Groups[2].Value, shown.Groups[3].Value, shown.Groups[4].Value));
    }
}
