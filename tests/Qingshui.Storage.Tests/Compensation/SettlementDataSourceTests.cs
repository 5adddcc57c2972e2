using System.Text;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Presets;
using Qingshui.Domain.Readings;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Compensation;

namespace Qingshui.Storage.Tests.Compensation;

/// <summary>A data-source term over stored readings: each station's observations are gathered apart, so the term can weigh them.</summary>
public abstract class SettlementDataSourceTests(StoreBackend backend) : BackendStoreTests<IReadingStore>(backend)
{
    [Fact]
    public async Task Observations_UnderADataSourceTerm_AreKeptPerStation_NextToTheSectionsPooledOnes()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        Agreement lushui = AgreementPresets.Load("lushui-2019");
        AgreementSection section = lushui.Sections[0];
        string[] stations = [.. section.Stations];
        Assert.True(stations.Length >= 2, "the preset's section has two stations");
        // The first station reports NH3-N 0.4 hourly for a day, the second 0.9 hourly for half a day.
        var start = new DateTimeOffset(2020, 3, 10, 0, 0, 0, TimeSpan.FromHours(8));
        await WriteAsync(stations[0], start, 24, 0.4m, ct);
        await WriteAsync(stations[1], start, 12, 0.9m, ct);
        Agreement named = lushui with { Sections = [section with { Source = new SectionDataSource(DataSourceKind.Station, [stations[1]]) }] };
        var service = new SettlementService(Store, (ILedgerStore)Store, (IAuditStore)Store, TimeProvider.System);

        IReadOnlyDictionary<string, IReadOnlyList<Observation>> plain = await service.ObservationsAsync(lushui, 2020, ct);
        IReadOnlyDictionary<string, IReadOnlyList<Observation>> split = await service.ObservationsAsync(named, 2020, ct);

        Assert.Equal([section.Id], plain.Keys);
        Assert.Equal(36, split[section.Id].Count);
        Assert.Equal((24, 12), (split[stations[0]].Count, split[stations[1]].Count));
        Assert.All(split[stations[1]], o => Assert.Equal(0.9m, o.Value));
    }

    private async Task WriteAsync(string station, DateTimeOffset start, int hours, decimal value, CancellationToken ct)
    {
        Reading[] readings = Enumerable.Range(0, hours).Select(h => new Reading(station, "w21003", ReadingKind.Hour, start.AddHours(h), value,
            Unit.MilligramPerLitre, "N", true, ReadingMarks.None, value, value)).ToArray();
        var packet = new RawPacket(start.AddHours(hours), "127.0.0.1:50000", station, "2061", PacketVerdict.Accepted, null, Encoding.ASCII.GetBytes(station));
        await Store.WriteAsync([new IngestRecord(packet, readings)], ct);
    }
}

public sealed class SqliteSettlementDataSourceTests() : SettlementDataSourceTests(StoreBackend.Sqlite);

public sealed class PostgresSettlementDataSourceTests() : SettlementDataSourceTests(StoreBackend.Postgres);
