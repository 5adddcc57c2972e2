using System.Text;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Presets;
using Qingshui.Domain.Readings;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Compensation;

namespace Qingshui.Storage.Tests.Compensation;

/// <summary>Flow readings stored under HJ 212's w00000 (L/s) feed an agreement's ecological-flow term.</summary>
public abstract class SettlementFlowTests(StoreBackend backend) : BackendStoreTests<IReadingStore>(backend)
{
    [Fact]
    public async Task Flows_AreReadFromTheSectionsStations_InCubicMetresPerSecond_OnlyUnderTheTerm()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        Agreement lushui = AgreementPresets.Load("lushui-2019");
        Agreement withFlow = lushui with { EcologicalFlow = new EcologicalFlowTerm("jinyushi", 10m, 10_000m, null, "jiangxi", "hunan") };
        string station = lushui.Sections[0].Stations[0];
        var start = new DateTimeOffset(2020, 5, 3, 0, 0, 0, TimeSpan.FromHours(8));
        Reading[] readings = Enumerable.Range(0, 24).Select(h => new Reading(station, FlowReading.Code, ReadingKind.Hour, start.AddHours(h), 8_000m,
            Unit.LitrePerSecond, "N", true, ReadingMarks.None, 8_000m, 8_000m)).ToArray();
        var packet = new RawPacket(start.AddDays(1), "127.0.0.1:50000", station, "2061", PacketVerdict.Accepted, null, Encoding.ASCII.GetBytes(station));
        await Store.WriteAsync([new IngestRecord(packet, readings)], ct);
        var service = new SettlementService(Store, (ILedgerStore)Store, (IAuditStore)Store, TimeProvider.System);

        IReadOnlyDictionary<string, IReadOnlyList<FlowReading>> flows = await service.FlowsAsync(withFlow, 2020, ct);

        Assert.Empty(await service.FlowsAsync(lushui, 2020, ct));
        Assert.Equal(24, flows["jinyushi"].Count);
        Assert.All(flows["jinyushi"], f => Assert.Equal(8m, f.CubicMetresPerSecond));
    }
}

public sealed class SqliteSettlementFlowTests() : SettlementFlowTests(StoreBackend.Sqlite);

public sealed class PostgresSettlementFlowTests() : SettlementFlowTests(StoreBackend.Postgres);
