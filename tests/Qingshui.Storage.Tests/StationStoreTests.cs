using Microsoft.Data.Sqlite;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Presets;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Storage.Tests;

public abstract class StationStoreTests(StoreBackend backend) : BackendStoreTests<IStationStore>(backend)
{
    internal static readonly Basin Preset = BasinPresets.Load("pingshui-lushui");

    internal static Station Lakeside => new("430281A00000000000000999", "hn0999", new LocalizedText("湖边", "Lakeside"), "liling-wangfang", "hunan",
        ProtocolEdition.Hj212V2005, CrcPolicy.AcceptModbus, TimeSpan.FromHours(-5.5), ["w01001", "w21011"],
        new Dictionary<string, Unit> { ["w21011"] = Unit.MicrogramPerLitre, ["w01009"] = Unit.MilligramPerLitre });

    private IStationKeyStore Keys => (IStationKeyStore)Store;

    [Fact]
    public async Task Seed_EmptyRegister_AddsEveryStation_InOrder_AndReadsThemBackField_ByField()
    {
        IReadOnlyList<Station> added = await Store.SeedStationsAsync(Preset.Stations, Ct);

        IReadOnlyList<Station> stored = await Store.StationsAsync(Ct);
        Assert.Equal(Preset.Stations.Count, added.Count);
        Assert.Equal(Preset.Stations.Select(s => s.DeviceId), stored.Select(s => s.DeviceId));
        Assert.All(Preset.Stations.Zip(stored), pair => Assert.Empty(StationRules.Differences(pair.First, pair.Second)));
    }

    [Fact]
    public async Task Seed_AgainWithChangedStations_AddsOnlyTheNewOnes_AndKeepsWhatIsStored()
    {
        await Store.SeedStationsAsync(Preset.Stations, Ct);
        Station changedInFile = Preset.Stations[0] with { Password = "other1", Crc = CrcPolicy.NoCheck };

        IReadOnlyList<Station> added = await Store.SeedStationsAsync([changedInFile, Lakeside], Ct);

        Assert.Equal([Lakeside.DeviceId], added.Select(s => s.DeviceId));
        Station kept = (await Store.StationsAsync(Ct))[0];
        Assert.Empty(StationRules.Differences(Preset.Stations[0], kept));
        Assert.Equal(Lakeside.DeviceId, (await Store.StationsAsync(Ct))[^1].DeviceId);
    }

    [Fact]
    public async Task Add_NewMn_RoundTripsEveryField_TakenMn_IsNull()
    {
        StationChange? change = await Store.AddStationAsync(Lakeside, Ct);
        StationChange? again = await Store.AddStationAsync(Lakeside with { Password = "second" }, Ct);

        Assert.NotNull(change);
        Assert.Null(change.Before);
        Assert.Null(again);
        Station stored = Assert.Single(await Store.StationsAsync(Ct));
        Assert.Empty(StationRules.Differences(Lakeside, stored));
        Assert.Equal(("hn0999", TimeSpan.FromHours(-5.5), Unit.MicrogramPerLitre), (stored.Password, stored.UtcOffset, stored.Units["w21011"]));
    }

    [Fact]
    public async Task Update_GivesBeforeAndAfter_AndKeepsTheMn()
    {
        await Store.AddStationAsync(Lakeside, Ct);

        StationChange? change = await Store.UpdateStationAsync(Lakeside.DeviceId,
            s => s with { DeviceId = "ANOTHER", Password = "rotated9", Edition = ProtocolEdition.Hj212V2017, Parameters = ["w01009"] }, Ct);
        StationChange? missing = await Store.UpdateStationAsync("NOSUCHSTATION", s => s, Ct);

        Assert.Null(missing);
        Assert.NotNull(change);
        Assert.Equal("hn0999", change.Before!.Password);
        Assert.Equal((Lakeside.DeviceId, "rotated9"), (change.After.DeviceId, change.After.Password));
        Station stored = Assert.Single(await Store.StationsAsync(Ct));
        Assert.Equal(["password", "edition", "parameters"], StationRules.Differences(Lakeside, stored));
        Assert.Equal((Lakeside.DeviceId, "rotated9", ProtocolEdition.Hj212V2017), (stored.DeviceId, stored.Password, stored.Edition));
    }

    [Fact]
    public async Task Edition2025_IsStoredAndReadBack()
    {
        Station current = Lakeside with { Edition = ProtocolEdition.Hj212V2025 };

        await Store.AddStationAsync(current, Ct);

        Assert.Equal(ProtocolEdition.Hj212V2025, Assert.Single(await Store.StationsAsync(Ct)).Edition);
    }

    [Fact]
    public async Task Edition2025_AStationChangedTo2025_KeepsItsPlaceAndFields()
    {
        await Store.SeedStationsAsync(Preset.Stations, Ct);
        string mn = Preset.Stations[1].DeviceId;

        await Store.UpdateStationAsync(mn, s => s with { Edition = ProtocolEdition.Hj212V2025 }, Ct);

        IReadOnlyList<Station> stored = await Store.StationsAsync(Ct);
        Assert.Equal(Preset.Stations.Select(s => s.DeviceId), stored.Select(s => s.DeviceId));
        Assert.Equal(["edition"], StationRules.Differences(Preset.Stations[1], stored[1]));
    }

    [Fact]
    public async Task StationKey_PutTwice_KeepsTheLastRecordPerStation()
    {
        var first = new StationKeyRecord("430281A00000000000000999", [1, 2, 3], null, null, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var second = first with { Current = [4, 5], Previous = [1, 2, 3], PreviousUntil = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_600_000) };
        var other = new StationKeyRecord("430281A00000000000000001", [9], null, null, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));

        await Keys.PutStationKeyAsync(first, Ct);
        await Keys.PutStationKeyAsync(second, Ct);
        await Keys.PutStationKeyAsync(other, Ct);

        IReadOnlyList<StationKeyRecord> keys = await Keys.StationKeysAsync(Ct);
        Assert.Equal([other.StationId, second.StationId], keys.Select(k => k.StationId));
        StationKeyRecord stored = keys[1];
        Assert.Equal((second.StationId, second.PreviousUntil, second.ChangedAt), (stored.StationId, stored.PreviousUntil, stored.ChangedAt));
        Assert.Equal(second.Current, stored.Current);
        Assert.Equal(second.Previous, stored.Previous);
        Assert.Null(keys[0].Previous);
    }
}

public sealed class SqliteStationStoreTests() : StationStoreTests(StoreBackend.Sqlite);

public sealed class PostgresStationStoreTests() : StationStoreTests(StoreBackend.Postgres);

/// <summary>The register survives closing and opening the SQLite file again.</summary>
public sealed class SqliteStationStoreReopenTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-stations-").FullName;
    private SqliteStore _store = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_directory, "q.db");

    public async ValueTask InitializeAsync() =>
        _store = await SqliteStore.OpenAsync(new SqliteStoreOptions(DatabasePath), TimeProvider.System, Ct);

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Update_SurvivesReopening()
    {
        await _store.AddStationAsync(StationStoreTests.Lakeside, Ct);

        await _store.UpdateStationAsync(StationStoreTests.Lakeside.DeviceId, s => s with { Password = "rotated9", Edition = ProtocolEdition.Hj212V2017 }, Ct);
        await ReopenAsync();

        Station stored = Assert.Single(await _store.StationsAsync(Ct));
        Assert.Equal(["password", "edition"], StationRules.Differences(StationStoreTests.Lakeside, stored));
    }

    [Fact]
    public async Task Edition2025_AStationChangedTo2025_KeepsItsPlaceAndFieldsAfterReopen()
    {
        await _store.SeedStationsAsync(StationStoreTests.Preset.Stations, Ct);
        string mn = StationStoreTests.Preset.Stations[1].DeviceId;

        await _store.UpdateStationAsync(mn, s => s with { Edition = ProtocolEdition.Hj212V2025 }, Ct);
        await ReopenAsync();

        IReadOnlyList<Station> stored = await _store.StationsAsync(Ct);
        Assert.Equal(StationStoreTests.Preset.Stations.Select(s => s.DeviceId), stored.Select(s => s.DeviceId));
        Assert.Equal(["edition"], StationRules.Differences(StationStoreTests.Preset.Stations[1], stored[1]));
    }

    private async Task ReopenAsync()
    {
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _store = await SqliteStore.OpenAsync(new SqliteStoreOptions(DatabasePath), TimeProvider.System, Ct);
    }
}
