using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;
using Qingshui.Server.Accounts;
using Qingshui.Simulation;
using Qingshui.Storage;
using Qingshui.Storage.Compensation;

namespace Qingshui.Server.Tests.Accounts;

/// <summary>
/// A server keeping the Lushui agreement's books for 2024 (term extended, the clock in February 2025, no readings: every
/// month starts without data), with finance and viewer users of both provinces, and clients that write with the session.
/// </summary>
internal static class LedgerDesk
{
    public const string Agreement = "lushui-2019";

    public static Agreement Lushui { get; } =
        AgreementFile.Parse(AgreementPresets.Text(Agreement)!.Replace("\"to\": \"2022-06\"", "\"to\": \"2025-12\"", StringComparison.Ordinal)).Agreement!;

    /// <param name="ledgerInterval">How often the ledger job recomputes (on real time); none by default, so only requests recompute.</param>
    /// <param name="configure">Further server options.</param>
    public static async Task<TestHost> StartAsync(TimeSpan? ledgerInterval = null, Func<ServerOptions, ServerOptions>? configure = null)
    {
        var clock = new ManualClock(new DateTimeOffset(2025, 2, 10, 2, 0, 0, TimeSpan.Zero));
        TestHost host = await TestHost.StartAsync(
            configure: o => (configure ?? (x => x))(o with { Agreements = [Lushui], LedgerInterval = ledgerInterval }), clock: clock);
        await host.Server.Services.GetRequiredService<SettlementService>().RecomputeAsync(Lushui, 2024, TestContext.Current.CancellationToken);
        await Members.AddAsync(host, "hn-finance", "hunan", Role.Finance, Role.Viewer);
        await Members.AddAsync(host, "jx-finance", "jiangxi", Role.Finance);
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        await Members.AddAsync(host, "office-coordinator", "joint-office", Role.Coordinator, Role.Finance);
        return host;
    }

    /// <summary>A client signed in as <paramref name="name"/>, carrying its antiforgery token on every request.</summary>
    public static async Task<HttpClient> SignedInAsync(TestHost host, string name)
    {
        HttpClient client = Members.Client(host);
        HttpResponseMessage signIn = await client.SignInAsync(name, Members.Password);
        Assert.Equal(System.Net.HttpStatusCode.OK, signIn.StatusCode);
        JsonElement antiforgery = (await signIn.BodyAsync()).GetProperty("antiforgery");
        client.DefaultRequestHeaders.Add(AccessProblems.AntiforgeryHeader, antiforgery.GetProperty("token").GetString());
        return client;
    }

    public static Task<HttpResponseMessage> ConfirmAsync(this HttpClient client, string period, string? party = null) =>
        client.PostAsJsonAsync($"/api/v1/agreements/{Agreement}/periods/{period}/confirmations", new { party }, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> DecideAsync(this HttpClient client, string period, string outcome = "met") =>
        client.PostAsJsonAsync($"/api/v1/agreements/{Agreement}/periods/{period}/decisions",
            new { outcome, reason = "No data: joint meeting of 2025-01-20 counts the month as met" }, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> CloseAsync(this HttpClient client, int year) =>
        client.PostAsync($"/api/v1/agreements/{Agreement}/years/{year}/close", null, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> RecomputeAsync(this HttpClient client, int year) =>
        client.PostAsync($"/api/v1/agreements/{Agreement}/years/{year}/recompute", null, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> PayAsync(
        this HttpClient client, int year, decimal amount = 1_000_000m, string reference = "湘财预〔2025〕3号", string? payer = null, string payee = "jiangxi") =>
        client.PostAsJsonAsync($"/api/v1/agreements/{Agreement}/years/{year}/payments",
            new { payer, payee, amount, paidOn = "2025-02-01", reference }, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> RecordIncidentAsync(this HttpClient client, string level = "II") =>
        client.PostAsJsonAsync($"/api/v1/agreements/{Agreement}/incidents",
            new { section = "jinyushi", level, occurredAt = "2024-05-03T14:00:00+08:00", confirmedBy = "萍乡市生态环境局", description = "spill upstream" },
            TestContext.Current.CancellationToken);

    public static async Task<JsonElement> StatementAsync(this HttpClient client, int year) =>
        await (await client.GetAsync($"/api/v1/agreements/{Agreement}/statements/{year}", TestContext.Current.CancellationToken)).BodyAsync();

    /// <summary>Hourly readings from both of Jinyushi's stations over HJ 212 (the simulation pollutes March and August there).</summary>
    public static async Task SendJinyushiAsync(TestHost host, DateTimeOffset start, int hours)
    {
        SimulatedStation[] jinyushi = [.. SyntheticBasin.StationsOf(TestHost.Preset)
            .Where(s => s.DeviceId.EndsWith("0201", StringComparison.Ordinal) || s.DeviceId.EndsWith("0202", StringComparison.Ordinal))];
        SimulationReport report = await Simulator.RunAsync(new SimulationOptions
        {
            Host = "127.0.0.1", Port = host.Port, Stations = jinyushi, Start = start, PacketsPerStation = hours, Window = 8,
        }, null, TestContext.Current.CancellationToken);
        Assert.True(report.PacketsAcknowledged == 2L * hours, report.Describe());
    }

    public static async Task<Ledger> LedgerAsync(TestHost host) =>
        await host.Server.Services.GetRequiredService<ILedgerStore>().LoadAsync(Lushui, TestContext.Current.CancellationToken);
}
