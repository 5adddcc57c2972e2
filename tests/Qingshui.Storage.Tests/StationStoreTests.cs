using Microsoft.Data.Sqlite;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Presets;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Storage.Tests;

public sealed class StationStoreTests : IAsyncLifetime
{
    private static readonly Basin Preset = BasinPresets.Load("pingshui-lushui");
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

    private static Station Lakeside => new("430281A00000000000000999", "hn0999", new LocalizedText("湖边", "Lakeside"), "liling-wangfang", "hunan",
        ProtocolEdition.Hj212V2005, CrcPolicy.AcceptModbus, TimeSpan.FromHours(-5.5), ["w01001", "w21011"],
        new Dictionary<string, Unit> { ["w21011"] = Unit.MicrogramPerLitre, ["w01009"] = Unit.MilligramPerLitre });

    [Fact]
    public async Task Seed_EmptyRegister_AddsEveryStation_InOrder_AndReadsThemBackField_ByField()
    {
        IReadOnlyList<Station> added = await _store.SeedStationsAsync(Preset.Stations, Ct);

        IReadOnlyList<Station> stored = await _store.StationsAsync(Ct);
        Assert.Equal(Preset.Stations.Count, added.Count);
        Assert.Equal(Preset.Stations.Select(s => s.DeviceId), stored.Select(s => s.DeviceId));
        Assert.All(Preset.Stations.Zip(stored), pair => Assert.Empty(StationRules.Differences(pair.First, pair.Second)));
    }

    [Fact]
    public async Task Seed_AgainWithChangedStations_AddsOnlyTheNewOnes_AndKeepsWhatIsStored()
    {
        await _store.SeedStationsAsync(Preset.Stations, Ct);
        Station changedInFile = Preset.Stations[0] with { Password = "other1", Crc = CrcPolicy.NoCheck };

        IReadOnlyList<Station> added = await _store.SeedStationsAsync([changedInFile, Lakeside], Ct);

        Assert.Equal([Lakeside.DeviceId], added.Select(s => s.DeviceId));
        Station kept = (await _store.StationsAsync(Ct))[0];
        Assert.Empty(StationRules.Differences(Preset.Stations[0], kept));
        Assert.Equal(Lakeside.DeviceId, (await _store.StationsAsync(Ct))[^1].DeviceId);
    }

    [Fact]
    public async Task Add_NewMn_RoundTripsEveryField_TakenMn_IsNull()
    {
        StationChange? change = await _store.AddStationAsync(Lakeside, Ct);
        StationChange? again = await _store.AddStationAsync(Lakeside with { Password = "second" }, Ct);

        Assert.NotNull(change);
        Assert.Null(change.Before);
        Assert.Null(again);
        Station stored = Assert.Single(await _store.StationsAsync(Ct));
        Assert.Empty(StationRules.Differences(Lakeside, stored));
        Assert.Equal(("hn0999", TimeSpan.FromHours(-5.5), Unit.MicrogramPerLitre), (stored.Password, stored.UtcOffset, stored.Units["w21011"]));
    }

    [Fact]
    public async Task Update_GivesBeforeAndAfter_KeepsTheMn_AndSurvivesReopening()
    {
        await _store.AddStationAsync(Lakeside, Ct);

        StationChange? change = await _store.UpdateStationAsync(Lakeside.DeviceId,
            s => s with { DeviceId = "ANOTHER", Password = "rotated9", Edition = ProtocolEdition.Hj212V2017, Parameters = ["w01009"] }, Ct);
        StationChange? missing = await _store.UpdateStationAsync("NOSUCHSTATION", s => s, Ct);
        await _store.DisposeAsync();
        _store = await SqliteStore.OpenAsync(new SqliteStoreOptions(DatabasePath), TimeProvider.System, Ct);

        Assert.Null(missing);
        Assert.NotNull(change);
        Assert.Equal("hn0999", change.Before!.Password);
        Assert.Equal((Lakeside.DeviceId, "rotated9"), (change.After.DeviceId, change.After.Password));
        Station stored = Assert.Single(await _store.StationsAsync(Ct));
        Assert.Equal(["password", "edition", "parameters"], StationRules.Differences(Lakeside, stored));
        Assert.Equal((Lakeside.DeviceId, "rotated9", ProtocolEdition.Hj212V2017), (stored.DeviceId, stored.Password, stored.Edition));
    }

    [Fact]
    public async Task Edition2025_IsStoredAndReadBack()
    {
        Station current = Lakeside with { Edition = ProtocolEdition.Hj212V2025 };

        await _store.AddStationAsync(current, Ct);

        Assert.Equal(ProtocolEdition.Hj212V2025, Assert.Single(await _store.StationsAsync(Ct)).Edition);
    }

    [Fact]
    public async Task Edition2025_AStationChangedTo2025_KeepsItsPlaceAndFieldsAfterReopen()
    {
        await _store.SeedStationsAsync(Preset.Stations, Ct);
        string mn = Preset.Stations[1].DeviceId;

        await _store.UpdateStationAsync(mn, s => s with { Edition = ProtocolEdition.Hj212V2025 }, Ct);
        await _store.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _store = await SqliteStore.OpenAsync(new SqliteStoreOptions(DatabasePath), TimeProvider.System, Ct);

        IReadOnlyList<Station> stored = await _store.StationsAsync(Ct);
        Assert.Equal(Preset.Stations.Select(s => s.DeviceId), stored.Select(s => s.DeviceId));
        Assert.Equal(["edition"], StationRules.Differences(Preset.Stations[1], stored[1]));
    }

    [Fact]
    public async Task StationKey_PutTwice_KeepsTheLastRecordPerStation()
    {
        var first = new StationKeyRecord("430281A00000000000000999", [1, 2, 3], null, null, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000));
        var second = first with { Current = [4, 5], Previous = [1, 2, 3], PreviousUntil = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_600_000) };

        await _store.PutStationKeyAsync(first, Ct);
        await _store.PutStationKeyAsync(second, Ct);

        StationKeyRecord stored = Assert.Single(await _store.StationKeysAsync(Ct));
        Assert.Equal((second.StationId, second.PreviousUntil, second.ChangedAt), (stored.StationId, stored.PreviousUntil, stored.ChangedAt));
        Assert.Equal(second.Current, stored.Current);
        Assert.Equal(second.Previous, stored.Previous);
    }
}
