using System.Globalization;
using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

/// <summary>A section's readings and monthly results exported from its page, over the range chosen there.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task SectionPage_ExportsTheChosenDaysReadings_AndMonthlyResults_AsCsv()
    {
        IPage page = await SignInAsync("jiangxi-viewer");
        await GoAsync(page, "#/section/jinyushi");

        // Hourly values of the last day of data: the chosen last day is included
        DateOnly today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        ILocator form = page.GetByTestId("export-readings-form");
        await form.Locator("input[name=from]").FillAsync(today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await form.Locator("input[name=to]").FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await form.Locator("select[name=interval]").SelectOptionAsync("hour");
        string href = await page.GetByTestId("export-readings").GetAttributeAsync("href") ?? "";
        Assert.Contains($"to={today.AddDays(1):yyyy-MM-dd}", href, StringComparison.Ordinal);
        string[] readings = await DownloadCsvAsync(page, "export-readings");

        Assert.Equal("station,section,parameter,kind,time,value,unit,flag,valid", readings[0]);
        Assert.True(readings.Length > 24, string.Join("\n", readings.Take(5)));
        Assert.All(readings.Skip(1), line => Assert.Equal("jinyushi", line.Split(',')[1]));

        // Every month of 2025 (the fixture's year of data), one row each
        ILocator months = page.GetByTestId("export-months-form");
        await months.Locator("input[name=from]").FillAsync("2025-01");
        await months.Locator("input[name=to]").FillAsync("2025-12");
        string[] results = await DownloadCsvAsync(page, "export-months");

        Assert.StartsWith("section,name,month,targetClass,class,", results[0], StringComparison.Ordinal);
        Assert.Equal([.. Enumerable.Range(1, 12).Select(m => $"2025-{m:00}")], results.Skip(1).Select(l => l.Split(',')[2]));
    }

    [Fact]
    public async Task SectionPage_WithoutASession_OffersMonthlyResults_AndASignInLinkForReadings()
    {
        IPage page = await OpenAsync("#/section/jinyushi");

        await Expect(page.GetByTestId("export-months")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("export-readings")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("export-readings-signin")).ToHaveAttributeAsync("href", "#/signin");
    }

    // The file a link downloads: UTF-8 with a byte order mark, as lines.
    private static async Task<string[]> DownloadCsvAsync(IPage page, string testId)
    {
        IDownload download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId(testId).ClickAsync());
        Assert.Null(await download.FailureAsync());
        byte[] bytes = await File.ReadAllBytesAsync(await download.PathAsync(), TestContext.Current.CancellationToken);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }
}
