using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Incidents;
using Qingshui.Domain.Presets;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage;
using Qingshui.Storage.Compensation;

namespace Qingshui.Server.Tests.Compensation;

/// <summary>
/// A server keeping the books of Lushui with an incident term (Jiangxi forfeits a month's receipts on an incident of
/// level Ⅲ or graver), 2024 decided as met month by month (the clock in February 2025), and an incident the alerts
/// opened at Jinyushi on 3 May 2024, with the ledger desk's members.
/// </summary>
internal static class IncidentRegisterDesk
{
    public static Agreement Forfeit { get; } = AgreementFile.Parse(AgreementPresets.Text(LedgerDesk.Agreement)!
        .Replace("\"to\": \"2022-06\"", "\"to\": \"2025-12\"", StringComparison.Ordinal)
        .Replace("\"amount\": {", "\"incidentForfeiture\": { \"level\": \"III\", \"party\": \"jiangxi\" },\n  \"amount\": {", StringComparison.Ordinal)).Agreement!;

    public static async Task<(TestHost Host, long Incident)> StartAsync()
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 2, 10, 2, 0, 0, TimeSpan.Zero));
        TestHost host = await TestHost.StartAsync(configure: o => o with { Agreements = [Forfeit] }, clock: clock);
        await host.Server.Services.GetRequiredService<SettlementService>().RecomputeAsync(Forfeit, 2024, TestContext.Current.CancellationToken);
        await Members.AddAsync(host, "hn-finance", "hunan", Role.Finance, Role.Viewer);
        await Members.AddAsync(host, "jx-finance", "jiangxi", Role.Finance);
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        await Members.AddAsync(host, "office-coordinator", "joint-office", Role.Coordinator, Role.Finance);
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        for (int month = 1; month <= 12; month++)
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, (await hunan.DecideAsync($"2024-{month:00}")).StatusCode);
        }

        Incident opened = await host.Server.Services.GetRequiredService<IIncidentStore>().CreateAsync(new Incident(0, "jinyushi", AlertSeverity.Critical,
            IncidentStatus.Raised, new DateTimeOffset(2024, 5, 3, 14, 0, 0, TimeSpan.FromHours(8)), ["jiangxi", "hunan"],
            [IncidentBenchStations.Jiangxi], [], [], [], []), TestContext.Current.CancellationToken);
        return (host, opened.Id);
    }

    public static Task<HttpResponseMessage> ProposeAsync(this HttpClient client, long incident, string level = "II") =>
        client.PostAsJsonAsync($"/api/v1/agreements/{LedgerDesk.Agreement}/incidents/proposals",
            new { incident, level, confirmedBy = "萍乡市生态环境局", description = "spill upstream" }, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> ConfirmIncidentAsync(this HttpClient client, long incident, string? party = null) =>
        client.PostAsJsonAsync($"/api/v1/agreements/{LedgerDesk.Agreement}/incidents/proposals/{incident}/confirmations", new { party },
            TestContext.Current.CancellationToken);

    private static class IncidentBenchStations
    {
        public const string Jiangxi = "360300A00000000000000201";
    }
}
