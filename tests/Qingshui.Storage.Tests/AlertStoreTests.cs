using Microsoft.Data.Sqlite;
using Npgsql;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Tests;

public abstract class AlertStoreTests(StoreBackend backend) : BackendStoreTests<IAlertStore>(backend)
{
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 8, 0, 0, TimeSpan.FromHours(8));

    internal static Alert Raised(string station, string rule = "over", int hour = 0) => new(
        0, rule, AlertKind.TargetExceeded, AlertSeverity.Critical, "jinyushi", station, "w21003", Start.AddHours(hour), null,
        [new AlertValue(Start.AddHours(hour - 1), 0.42m, true), new AlertValue(Start.AddHours(hour), 1.8m, true)], "NH3-N 1.8 worse than the target class");

    [Fact]
    public async Task Raise_ThenFind_GivesBackWhatWasWritten_WithItsOffset()
    {
        Alert stored = await Store.RaiseAsync(Raised("A"), Ct);

        Alert found = (await Store.FindAsync(stored.Id, Ct))!;

        Assert.Equal((stored.Id, "over", AlertKind.TargetExceeded, AlertSeverity.Critical), (found.Id, found.RuleId, found.Kind, found.Severity));
        Assert.Equal(Start, found.RaisedAt);
        Assert.Equal(TimeSpan.FromHours(8), found.RaisedAt.Offset);
        Assert.Equal(Raised("A").Evidence, found.Evidence);
        Assert.True(found.IsOpen);
    }

    [Fact]
    public async Task Raise_ASecondOpenAlertOfTheSameSeries_IsRefusedByTheStore()
    {
        await Store.RaiseAsync(Raised("A"), Ct);

        StoreException refused = await Assert.ThrowsAsync<StoreException>(() => Store.RaiseAsync(Raised("A", hour: 3), Ct));

        Assert.False(refused.IsTransient);
        if (Backend == StoreBackend.Sqlite)
        {
            Assert.IsType<SqliteException>(refused.InnerException);
        }
        else
        {
            Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(refused.InnerException).SqlState);
        }
    }

    [Fact]
    public async Task Clear_ClosesTheOpenAlertOfTheKeyOnly_AndANewOneMayOpenAfter()
    {
        Alert a = await Store.RaiseAsync(Raised("A"), Ct);
        Alert b = await Store.RaiseAsync(Raised("B"), Ct);

        Alert? cleared = await Store.ClearAsync(a.Key, Start.AddHours(5), Ct);
        Alert? none = await Store.ClearAsync(a.Key, Start.AddHours(6), Ct);
        Alert again = await Store.RaiseAsync(Raised("A", hour: 9), Ct);

        Assert.Equal((a.Id, Start.AddHours(5)), (cleared!.Id, cleared.ClearedAt));
        Assert.Null(none);
        Assert.Equal([b.Id, again.Id], (await Store.OpenAlertsAsync(Ct)).Select(o => o.Id));
    }

    [Fact]
    public async Task List_FiltersByStateStationAndTime_NewestFirst_PagedById()
    {
        Alert first = await Store.RaiseAsync(Raised("A", "r1", 0), Ct);
        Alert second = await Store.RaiseAsync(Raised("B", "r1", 2), Ct);
        Alert third = await Store.RaiseAsync(Raised("A", "r2", 4), Ct);
        await Store.ClearAsync(first.Key, Start.AddHours(1), Ct);

        Assert.Equal([third.Id, second.Id], (await Store.ListAsync(new AlertQuery(10, Open: true), Ct)).Select(x => x.Id));
        Assert.Equal([first.Id], (await Store.ListAsync(new AlertQuery(10, Open: false), Ct)).Select(x => x.Id));
        Assert.Equal([third.Id, first.Id], (await Store.ListAsync(new AlertQuery(10, Station: "A"), Ct)).Select(x => x.Id));
        Assert.Equal([second.Id], (await Store.ListAsync(new AlertQuery(10, From: Start.AddHours(1), To: Start.AddHours(3)), Ct)).Select(x => x.Id));
        Assert.Equal([second.Id], (await Store.ListAsync(new AlertQuery(1, Before: third.Id), Ct)).Select(x => x.Id));
    }

    [Fact]
    public async Task ReplayValues_EverySeriesInTimeOrder_AcrossStations_OnlyInsideTheRange()
    {
        // The PostgreSQL readings are a part of the store of their own: where this build's store has none, there is
        // nothing to replay from.
        Assert.SkipUnless(Store is IReadingStore, $"{Backend}: this build's store keeps no readings (IReadingStore not implemented)");
        var readings = (IReadingStore)Store;
        var records = new List<IngestRecord>();
        foreach (string station in new[] { "A", "B" })
        {
            for (int hour = 5; hour >= 0; hour--)
            {
                Reading R(string code, decimal value) => new(station, code, ReadingKind.Hour, Start.AddHours(hour), value, Unit.MilligramPerLitre, "N", true);
                records.Add(new IngestRecord(new RawPacket(Start.AddHours(hour), "test", station, "2061", PacketVerdict.Accepted, null, []),
                    [R("w21003", hour), R("w21011", hour / 10m)]));
            }
        }

        await readings.WriteAsync(records, Ct);
        var values = new List<(string Station, ReadingValue Value)>();
        await foreach ((string, ReadingValue) value in Store.ReplayValuesAsync(Start.AddHours(1), Start.AddHours(5), Ct))
        {
            values.Add(value);
        }

        Assert.Equal(2 * 2 * 4, values.Count);
        foreach (var series in values.GroupBy(v => (v.Station, v.Value.Parameter)))
        {
            Assert.Equal([Start.AddHours(1), Start.AddHours(2), Start.AddHours(3), Start.AddHours(4)], series.Select(v => v.Value.PeriodStart));
        }
    }
}

public sealed class SqliteAlertStoreTests() : AlertStoreTests(StoreBackend.Sqlite);

public sealed class PostgresAlertStoreTests() : AlertStoreTests(StoreBackend.Postgres);
