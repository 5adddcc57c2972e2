using Npgsql;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using static Qingshui.Storage.Postgres.AccountRows;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// The station register. A new MN is inserted ON CONFLICT DO NOTHING, so two nodes seeding or adding the same station at
/// once register it once, and each is told truly whether it was the one that added it.
/// </summary>
public sealed partial class PostgresStore : IStationStore
{
    private const string StationColumns = "mn, password, name_zh, name_en, section, operator, edition, crc, utc_offset, parameters, units";

    private const string InsertStationSql = $"INSERT INTO stations ({StationColumns}) "
        + "VALUES (@mn, @password, @zh, @en, @section, @operator, @edition, @crc, @offset, @parameters, @units) ON CONFLICT (mn) DO NOTHING";

    /// <inheritdoc />
    public Task<IReadOnlyList<Station>> StationsAsync(CancellationToken cancellationToken) =>
        AccountRowsAsync("reading the station register", $"SELECT {StationColumns} FROM stations ORDER BY seq", _ => { }, ReadStation, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Station>> SeedStationsAsync(IReadOnlyList<Station> stations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stations);
        return AccountWriteAsync<IReadOnlyList<Station>>("seeding the station register", async connection =>
        {
            if (stations.Count == 0)
            {
                return [];
            }

            // One round trip for the whole register; the inserts run in list order, so seq keeps the file's order.
            await using var batch = new NpgsqlBatch(connection);
            foreach (Station station in stations)
            {
                var insert = new NpgsqlBatchCommand(InsertStationSql);
                BindStation(insert.Parameters, station);
                batch.BatchCommands.Add(insert);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
            return [.. stations.Where((_, i) => batch.BatchCommands[i].RecordsAffected == 1)];
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<StationChange?> AddStationAsync(Station station, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(station);
        return AccountWriteAsync("adding a station", async connection =>
            await ChangeOnAsync(connection, InsertStationSql, p => BindStation(p, station), cancellationToken) == 1 ? new StationChange(null, station) : null,
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<StationChange?> UpdateStationAsync(string deviceId, Func<Station, Station> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(change);
        return AccountWriteAsync("changing a station", async connection =>
        {
            // The row lock makes a second node's change wait, then start from this one's result.
            if (await RowsOnAsync(connection, $"SELECT {StationColumns} FROM stations WHERE mn = @mn FOR NO KEY UPDATE",
                p => p.AddWithValue("mn", deviceId), ReadStation, cancellationToken) is not [Station before])
            {
                return null;
            }

            // The MN is the station's identity: a change may not move it.
            Station after = change(before) with { DeviceId = before.DeviceId };
            await ChangeOnAsync(connection, """
                UPDATE stations SET password = @password, name_zh = @zh, name_en = @en, section = @section, operator = @operator,
                    edition = @edition, crc = @crc, utc_offset = @offset, parameters = @parameters, units = @units WHERE mn = @mn
                """, p => BindStation(p, after), cancellationToken);
            return new StationChange(before, after);
        }, cancellationToken);
    }

    private static void BindStation(NpgsqlParameterCollection p, Station station)
    {
        p.AddWithValue("mn", station.DeviceId);
        p.AddWithValue("password", station.Password);
        p.AddWithValue("zh", station.Name.Chinese);
        p.AddWithValue("en", station.Name.English);
        p.AddWithValue("section", station.Section);
        p.AddWithValue("operator", station.Operator);
        p.AddWithValue("edition", StationRules.EditionText(station.Edition));
        p.AddWithValue("crc", StationRules.CrcText(station.Crc));
        p.AddWithValue("offset", (int)station.UtcOffset.TotalMinutes);
        p.AddWithValue("parameters", string.Join(',', station.Parameters));
        p.AddWithValue("units", string.Join(';', station.Units.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => $"{u.Key}={UnitText.Symbol(u.Value)}")));
    }

    private static Station ReadStation(NpgsqlDataReader r)
    {
        var units = new Dictionary<string, Unit>(StringComparer.Ordinal);
        foreach (string pair in r.GetString(10).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            int at = pair.IndexOf('=', StringComparison.Ordinal);
            if (at > 0 && UnitText.TryParse(pair[(at + 1)..], out Unit unit))
            {
                units[pair[..at]] = unit;
            }
        }

        return new Station(
            r.GetString(0), r.GetString(1), new LocalizedText(r.GetString(2), r.GetString(3)), r.GetString(4), r.GetString(5),
            StationRules.ParseEdition(r.GetString(6)) ?? ProtocolEdition.Hj212V2017,
            r.GetString(7) switch { "accept-modbus" => CrcPolicy.AcceptModbus, "no-check" => CrcPolicy.NoCheck, _ => CrcPolicy.Strict },
            TimeSpan.FromMinutes(r.GetInt32(8)),
            r.GetString(9).Split(',', StringSplitOptions.RemoveEmptyEntries),
            units);
    }
}
