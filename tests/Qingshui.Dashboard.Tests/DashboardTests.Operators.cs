using Microsoft.Playwright;
using Qingshui.Hj212;
using Qingshui.Server.Tests;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

/// <summary>What a monitoring-centre operator reads: reject reasons in the UI's language, the packet log by verdict.</summary>
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

    [Fact]
    public async Task StationsPage_PacketLog_FiltersByVerdict_KeptInTheAddress()
    {
        // Given a station that sent one good packet and one with a wrong CRC
        const string mn = "430281A00000000000000301";
        await using (RawStation station = await RawStation.ConnectAsync(fixture.Host.Port))
        {
            DateTimeOffset time = DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset);
            await station.SendAsync(FrameEncoder.Encode(
                $"QN={time:yyyyMMddHHmmssfff};ST=21;CN=2011;PW=hn0301;MN={mn};Flag=5;CP=&&DataTime={time:yyyyMMddHHmmss};w21003-Rtd=0.321,w21003-Flag=N&&"));
            Assert.Equal("9014", (await station.ReceiveAsync()).Command);
            const string data = "QN=20250103000000000;ST=21;CN=2061;PW=hn0301;MN=430281A00000000000000301;Flag=5;CP=&&DataTime=20250103000000;w21003-Avg=0.5,w21003-Flag=N&&";
            await station.SendAsync($"##{data.Length:D4}{data}0000\r\n");
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        IPage page = await OpenAsync($"#/stations/{mn}");
        ILocator packets = page.Locator("[data-testid=packets] [data-testid=packet]");
        await Expect(packets.And(page.Locator("[data-verdict=Accepted]")).First).ToBeVisibleAsync();
        await Expect(packets.And(page.Locator("[data-verdict=Rejected]")).First).ToBeVisibleAsync();

        // When only rejected packets are asked for: only those, and the address keeps the choice
        await page.GetByTestId("packet-verdict").SelectOptionAsync("rejected");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/stations/{mn}\\?verdict=rejected$"));
        await Expect(page.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("packet-verdict")).ToHaveValueAsync("rejected");
        await Expect(packets.First).ToBeVisibleAsync();
        Assert.All(await VerdictsAsync(packets), verdict => Assert.Equal("Rejected", verdict));

        // Then accepted ones only, then every packet again
        await page.GetByTestId("packet-verdict").SelectOptionAsync("accepted");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("\\?verdict=accepted$"));
        await Expect(page.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
        await Expect(packets.First).ToBeVisibleAsync();
        Assert.All(await VerdictsAsync(packets), verdict => Assert.Equal("Accepted", verdict));
        await page.GetByTestId("packet-verdict").SelectOptionAsync("");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"#/stations/{mn}$"));
        await Expect(packets.And(page.Locator("[data-verdict=Rejected]")).First).ToBeVisibleAsync();
    }

    private static async Task<string?[]> VerdictsAsync(ILocator packets) =>
        await Task.WhenAll((await packets.AllAsync()).Select(row => row.GetAttributeAsync("data-verdict")));
}
