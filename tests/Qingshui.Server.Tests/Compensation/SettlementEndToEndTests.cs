using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;
using Qingshui.Storage.Compensation;
using Qingshui.Simulation;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Compensation;

/// <summary>A year of hourly data sent over HJ 212 by Jinyushi's two stations, stored, assessed, and settled under the Lushui agreement.</summary>
public sealed class SettlementEndToEndTests
{
    [Fact]
    public async Task YearIngestedOverHj212_SettlesUnderLushui_WithTheFailingMonthsPayingBack()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestHost host = await TestHost.StartAsync();
        IReadOnlyList<SimulatedStation> jinyushi = SyntheticBasin.StationsOf(TestHost.Preset).Where(s => s.DeviceId.EndsWith("0201", StringComparison.Ordinal) || s.DeviceId.EndsWith("0202", StringComparison.Ordinal)).ToArray();
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

        // Given a year of hourly uploads from both stations at Jinyushi (the model pollutes March and August there)
        SimulationReport report = await Simulator.RunAsync(new SimulationOptions
        {
            Host = "127.0.0.1", Port = host.Port, Stations = jinyushi, Start = start, PacketsPerStation = 366 * 24, Window = 8,
        }, null, ct);
        Assert.True(2 * 366 * 24 == report.PacketsAcknowledged, report.Describe());
        TestContext.Current.SendDiagnosticMessage(report.Describe());

        // When the year is settled from the store
        // (round 1's term ended in 2022; the same rule, extended, settles the simulated year)
        Agreement lushui = AgreementFile.Parse(AgreementPresets.Text("lushui-2019")!.Replace("\"to\": \"2022-06\"", "\"to\": \"2025-12\"", StringComparison.Ordinal)).Agreement!;
        var store = (ILedgerStore)host.Store;
        var service = new SettlementService(host.Store, store, (Qingshui.Storage.Audit.IAuditStore)host.Store, TimeProvider.System);
        Statement statement = await service.RecomputeAsync(lushui, 2024, ct);

        // Then March and August miss Class Ⅲ and Jiangxi pays for them; Hunan pays for the ten others: net 8,000,000 to Jiangxi
        Assert.Equal(12, statement.Accounts.Count);
        Assert.Equal([3, 8], statement.Accounts.Where(a => a.Class > WaterClass.III).Select(a => a.Period.Start.Month));
        Assert.All(statement.Accounts, a => Assert.Equal(AccountStatus.Determined, a.Status));
        PeriodMean march = statement.Accounts[2].Evidence[0].Means.Single(m => m.Item.Id == "NH3N");
        Assert.Equal(31, march.ValidUnits);
        Assert.Equal(("hunan", "jiangxi", 8_000_000m), (statement.Net.Single().Payer, statement.Net.Single().Payee, statement.Net.Single().Amount));

        // And recomputing from the same stored data changes nothing and gives the same statement
        Statement again = await service.RecomputeAsync(lushui, 2024, ct);
        Assert.Equal(statement.Json, again.Json);
        Assert.Equal(13, (await store.LoadAsync(lushui, ct)).Events.Count);
    }
}
