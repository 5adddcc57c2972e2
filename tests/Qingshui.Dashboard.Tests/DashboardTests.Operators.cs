using Microsoft.Playwright;
using Qingshui.Server.Tests;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

/// <summary>What a monitoring-centre operator reads: reject reasons in the UI's language.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task StationsPage_RejectReason_ReadsInChinese_AndAsRecordedInEnglish()
    {
        // Given a packet with a wrong CRC from a registered station
        const string mn = "360300A00000000000000201";
        await using (RawStation station = await RawStation.ConnectAsync(fixture.Host.Port))
        {
            const string data = "QN=20250102000000000;ST=21;CN=2061;PW=jx0201;MN=360300A00000000000000201;Flag=5;CP=&&DataTime=20250102000000;w21003-Avg=0.5,w21003-Flag=N&&";
            await station.SendAsync($"##{data.Length:D4}{data}0000\r\n");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        // When its packet log is opened in Chinese, then in English
        IPage page = await OpenAsync($"#/stations/{mn}");
        ILocator reason = page.Locator("[data-testid=packets] [data-testid=packet][data-verdict=Rejected] [data-testid=packet-reason]").First;

        // Then Chinese readers read the reason in Chinese with its figures, and the recorded text stays in the title
        await Expect(reason).ToContainTextAsync("CRC 校验错误（数据流第");
        await Expect(reason).ToContainTextAsync($"包内设备编号 {mn}，未经校验");
        await Expect(reason).Not.ToContainTextAsync("CrcMismatch");
        await Expect(reason).ToHaveAttributeAsync("title", new System.Text.RegularExpressions.Regex("^CrcMismatch at stream offset \\d+"));
        await page.GetByTestId("lang").ClickAsync();
        await Expect(page.Locator("[data-testid=packets] [data-testid=packet][data-verdict=Rejected] [data-testid=packet-reason]").First)
            .ToContainTextAsync("CrcMismatch at stream offset");
    }
}
