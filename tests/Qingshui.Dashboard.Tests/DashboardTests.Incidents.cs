using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Incidents;
using Qingshui.Server.Incidents;
using Qingshui.Storage;
using static Microsoft.Playwright.Assertions;

namespace Qingshui.Dashboard.Tests;

/// <summary>The incidents page: both provinces see an incident at Jinyushi; one acknowledging it updates the other's screen live.</summary>
public sealed partial class DashboardTests
{
    [Fact]
    public async Task IncidentsPage_BothProvincesSeeTheIncident_AcknowledgingInHunanUpdatesJiangxi()
    {
        // Given an incident at Jinyushi (opened by an alert now, or the section's open one that the alert joins)
        long id = await JinyushiIncidentAsync();
        IPage jiangxi = await SignInAsync("jiangxi-duty");
        IPage hunan = await SignInAsync("hunan-duty");

        // When both open the incidents page from the header, then the incident
        foreach (IPage page in new[] { jiangxi, hunan })
        {
            await page.GetByTestId("nav-incidents").ClickAsync();
            await Expect(page.Locator($"[data-testid=incident-row][data-id='{id}']")).ToHaveAttributeAsync("data-status", "notified");
            await GoAsync(page, $"#/incidents/{id}");
            await Expect(page.GetByTestId("incident")).ToHaveAttributeAsync("data-status", "notified");
        }

        await hunan.GetByTestId("incident-note").FillAsync("醴陵已知悉 <b>值班</b>");
        await hunan.GetByTestId("incident-acknowledge").ClickAsync();

        // Then Hunan's page shows it acknowledged, and so does Jiangxi's, without a reload, with who did it
        await Expect(hunan.GetByTestId("incident")).ToHaveAttributeAsync("data-status", "acknowledged");
        await Expect(jiangxi.GetByTestId("incident")).ToHaveAttributeAsync("data-status", "acknowledged");
        ILocator step = jiangxi.Locator("[data-testid=incident-step][data-kind=acknowledged]");
        await Expect(step).ToContainTextAsync("hunan-duty (hunan)");
        await Expect(step).ToContainTextAsync("醴陵已知悉 <b>值班</b>");
        await Expect(jiangxi.GetByTestId("incident-respond")).ToBeVisibleAsync();
        await Expect(jiangxi.GetByTestId("incident-downstream")).ToContainTextAsync("liling-wangfang");
        await Expect(jiangxi.Locator("[data-testid=incident-chart] canvas")).ToBeVisibleAsync();
        await DashboardFixture.ScreenshotAsync(jiangxi, "incident");
    }

    [Fact]
    public async Task IncidentsPage_Viewer_SeesNoSteps()
    {
        long id = await JinyushiIncidentAsync();
        IPage viewer = await SignInAsync("jiangxi-viewer");

        await GoAsync(viewer, $"#/incidents/{id}");

        await Expect(viewer.GetByTestId("incident")).ToBeVisibleAsync();
        await Expect(viewer.GetByTestId("incident-steps")).ToHaveCountAsync(0);
    }

    // One alert per test run of this class's fixture: the rule id is unique, so raising it twice would be refused.
    private static int _alerts;

    private async Task<long> JinyushiIncidentAsync()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        IServiceProvider services = fixture.Host.Server.Services;
        IIncidentStore incidents = services.GetRequiredService<IIncidentStore>();
        if ((await incidents.OpenIncidentsAsync(ct)).FirstOrDefault(i => i.Section == "jinyushi" && i.Status == IncidentStatus.Notified) is Incident open)
        {
            return open.Id;
        }

        DateTimeOffset now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        Alert alert = await services.GetRequiredService<IAlertStore>().RaiseAsync(new Alert(0, $"browser-{Interlocked.Increment(ref _alerts)}",
            AlertKind.TargetExceeded, AlertSeverity.Critical, "jinyushi", "430281A00000000000000202", "w21003", now, null, [new AlertValue(now, 2.6m, true)],
            "w21003 2.6 mg/L worse than class III"), ct);
        await services.GetRequiredService<IncidentDesk>().AlertRaisedAsync(alert, ct);
        return (await incidents.OpenIncidentsAsync(ct)).Single(i => i.Section == "jinyushi").Id;
    }
}
