using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qingshui.Domain.Access;
using Qingshui.Domain.Network;
using Qingshui.Server;
using Qingshui.Server.Accounts;
using Qingshui.Server.Notices;
using Qingshui.Server.Notices.Receivers;
using Qingshui.Server.Tests;
using Qingshui.Server.Tests.Notices;
using Qingshui.Storage;
using Qingshui.Storage.Notices;
using Qingshui.Testing;
using static Microsoft.Playwright.Assertions;
using static Qingshui.Dashboard.Tests.OwnServerBrowser;

namespace Qingshui.Dashboard.Tests;

/// <summary>The notices page: a coordinator sees a notice its receiver never took, sends it again, and sees it go.</summary>
public sealed class NoticesPageTests
{

    [Fact]
    public async Task NoticesPage_Coordinator_SeesTheGivenUpNotice_SendsItAgain_AndItLeavesTheList()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        // Given a notice for Hunan given up while its webhook was down
        int port = WebhookSink.FreePort();
        var receiver = new WebhookReceiver("hunan-duty", new Uri($"http://127.0.0.1:{port}/hooks/qingshui"), Encoding.UTF8.GetBytes("a-secret-of-16-chars+"),
            WebhookStyle.Json, TimeSpan.FromSeconds(5), null, null);
        await using TestHost host = await TestHost.StartAsync(configure: o => o with
        {
            Notices = new NoticeSettings([receiver], new DeliveryPolicy { FirstDelay = TimeSpan.FromMilliseconds(50), MaxAttempts = 1 }),
        });
        await AddAsync(host, "hn-coordinator", Role.Coordinator);
        await AddAsync(host, "hn-viewer", Role.Viewer);
        await host.Server.Services.GetRequiredService<INoticeOutbox>().PostAsync(new Notice("alert.raised", "alert/5",
            new LocalizedText("预警：金鱼石 氨氮", "Alert: Jinyushi NH3-N"), new LocalizedText("正文", "Body"), ["hunan"], DateTimeOffset.UtcNow), ct);
        await WaitGivenUpAsync(host);
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await LaunchAsync(playwright);

        // A viewer has no link to the page
        IPage viewer = await SignInAsync(browser, host, "hn-viewer");
        await Expect(viewer.GetByTestId("nav-notices")).ToBeHiddenAsync();

        // When the coordinator opens it from the header
        IPage page = await SignInAsync(browser, host, "hn-coordinator");
        await page.GetByTestId("nav-notices").ClickAsync();
        ILocator row = page.Locator("[data-testid=notice][data-receiver=hunan-duty]");
        await Expect(row).ToHaveAttributeAsync("data-state", "given-up");
        await Expect(row).ToContainTextAsync("预警：金鱼石 氨氮");
        await Expect(row).ToContainTextAsync("could not be reached (ConnectionRefused)");

        // And sends it again once the receiver is back
        await using WebhookSink sink = await WebhookSink.StartAsync(port);
        await row.GetByTestId("notice-retry").ClickAsync();

        // Then the receiver has it and the list empties as the delivery is told on the live feed
        await Expect(page.GetByTestId("notices-empty")).ToBeVisibleAsync();
        Assert.Single(sink.Requests);
    }

    private static async Task WaitGivenUpAsync(TestHost host)
    {
        INoticeStore store = host.Server.Services.GetRequiredService<INoticeStore>();
        DateTimeOffset deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while ((await store.ListNoticesAsync(new NoticeQuery(10), TestContext.Current.CancellationToken)) is not [{ Deliveries: [{ State: DeliveryState.GivenUp }] }]
            && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    private static async Task AddAsync(TestHost host, string name, Role role)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        IAccountStore store = host.Server.Services.GetRequiredService<IAccountStore>();
        if ((await store.OrganisationsAsync(ct)).All(o => o.Id != "hunan"))
        {
            var hunan = TestHost.Preset.Jurisdictions.Single(j => j.Id == "hunan");
            await store.AddOrganisationAsync(new Organisation("hunan", hunan.Name, OrganisationKind.Jurisdiction, "hunan"), ct);
        }

        UserAccount account = UserAccount.Create(name, null, "hunan", [role]).Account!;
        Assert.Equal(AccountWrite.Added, await store.AddUserAsync(account, host.Server.Services.GetRequiredService<Passwords>().Hash(account, Password), ct));
    }
}
