using Microsoft.Playwright;
using Qingshui.Hj212;
using Qingshui.Server.Tests;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

/// <summary>Text from stations is untrusted: whatever markup it carries shows as text and never runs.</summary>
public sealed partial class DashboardTests
{
    private const string Img = "\"><img src=x onerror=alert(window.pwned=1)>";
    private const string Script = "</script><script>alert(window.pwned=2)</script>";
    private const string Bold = "</script><b>code</b>";

    [Fact]
    public async Task StationText_WithMarkupInFlagsCodesValuesAndMn_ShowsAsSentAndRunsNothing()
    {
        // Given packets over HJ 212 whose flag, codes, values and MN carry markup, from a registered station and an unknown MN
        // (the flagged value is water temperature, which no class rests on, so the fixture's sections keep their class)
        const string mn = "430212A00000000000000401";
        string unknownMn = Img + Script;
        Assert.SkipWhen(fixture.SkipReason is not null, fixture.SkipReason ?? "");
        DateTimeOffset time = DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset);
        string head = $"QN={time:yyyyMMddHHmmssfff};ST=21;CN=2011";
        string data = $"CP=&&DataTime={time:yyyyMMddHHmmss};w01010-Rtd=6.789,w01010-Flag={Img};w01009-Rtd={Script};{Bold}-Rtd=1.5&&";
        await using (RawStation station = await RawStation.ConnectAsync(fixture.Host.Port))
        {
            await station.SendAsync(FrameEncoder.Encode($"{head};PW=hn0401;MN={unknownMn};Flag=5;{data}"));
            await station.SendAsync(FrameEncoder.Encode($"{head};PW=hn0401;MN={mn};Flag={Script};{data}"));
            await station.SendAsync(FrameEncoder.Encode($"{head};PW=hn0401;MN={mn};Flag=5;{data}"));
            // The unknown MN is refused (9011) before the good packet is acknowledged (9014)
            while ((await station.ReceiveAsync()).Command != "9014")
            {
            }
        }

        // When the stations page with that station's packet log, and its section's page, are opened
        IPage page = await fixture.NewPageAsync();
        var dialogs = new List<string>();
        var errors = new List<string>();
        page.Dialog += (_, d) => { dialogs.Add(d.Message); _ = d.DismissAsync(); };
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(fixture.BaseUrl + $"#/stations/{mn}");
        await Expect(page.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();

        // Then the text shows as sent: the flag on the latest value, the values and codes in the packet log, the unknown MN among the quarantined
        ILocator row = page.Locator($"[data-testid=station-row][data-mn='{mn}']");
        await Expect(row.GetByTestId("latest-values")).ToContainTextAsync("6.789");
        await Expect(row.Locator($"[data-testid=latest-values] span[title$='{Img}']")).ToHaveCountAsync(1);
        ILocator log = page.GetByTestId("packets");
        await Expect(log).ToContainTextAsync($"w01009-Rtd={Script}");
        await Expect(log).ToContainTextAsync($"{Bold}-Rtd=1.5");
        await Expect(log).ToContainTextAsync($"Flag={Script}");
        await Expect(page.Locator("#app")).ToContainTextAsync($"MN={unknownMn}");

        // And nothing ran or was made from it: no dialog, no property set, no element from the markup
        await AssertNothingRanAsync(page, dialogs, errors);

        string section = TestHost.Preset.FindStation(mn)!.Section;
        await page.GotoAsync(fixture.BaseUrl + $"#/section/{section}");
        await Expect(page.Locator("#app .page[data-ready=true]")).ToBeVisibleAsync();
        await Expect(page.Locator($"[data-testid=section-stations] span[title$='{Img}']")).ToHaveCountAsync(1);
        await AssertNothingRanAsync(page, dialogs, errors);
    }

    private static async Task AssertNothingRanAsync(IPage page, List<string> dialogs, List<string> errors)
    {
        // An onerror fires once the broken image fails to load: give it the time to
        await page.WaitForTimeoutAsync(1500);
        Assert.Empty(dialogs);
        Assert.Empty(errors);
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));
        Assert.Equal(0, await page.Locator("#app img, #app script").CountAsync());
        Assert.Equal(0, await page.Locator("#app b").Filter(new() { HasTextString = "code" }).CountAsync());
    }
}
