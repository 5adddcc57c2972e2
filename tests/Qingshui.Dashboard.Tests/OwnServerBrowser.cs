using Microsoft.Playwright;
using Qingshui.Server.Tests;
using Qingshui.Testing;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

/// <summary>
/// For browser tests that start a server of their own: the system Chromium (a missing browser or unbuilt dashboard skips,
/// and fails under CI), and a member signed in through the sign-in page.
/// </summary>
internal static class OwnServerBrowser
{
    public const string Password = "correct horse battery staple";

    private static readonly string Chromium = Environment.GetEnvironmentVariable("QINGSHUI_CHROMIUM") ?? "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        string? skip = !File.Exists(Chromium) ? $"Chromium not found at {Chromium} (apt-get install chromium, or set QINGSHUI_CHROMIUM)"
            : !Server.DashboardFiles.IsBuilt ? "the dashboard was not built (Node.js missing at build time)" : null;
        Assert.False(skip is not null && SharedData.IsContinuousIntegration, skip);
        Assert.SkipWhen(skip is not null, skip ?? "");
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A new Chinese-language page signed in as <paramref name="name"/> (whose password is <see cref="Password"/>).</summary>
    public static async Task<IPage> SignInAsync(IBrowser browser, TestHost host, string name)
    {
        ArgumentNullException.ThrowIfNull(browser);
        ArgumentNullException.ThrowIfNull(host);
        IPage page = await (await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" })).NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync($"http://{host.Server.HttpEndPoint}/#/signin");
        await page.GetByTestId("signin-name").FillAsync(name);
        await page.GetByTestId("signin-password").FillAsync(Password);
        await page.GetByTestId("signin-submit").ClickAsync();
        await Expect(page.GetByTestId("who-name")).ToHaveTextAsync(name);
        return page;
    }
}
