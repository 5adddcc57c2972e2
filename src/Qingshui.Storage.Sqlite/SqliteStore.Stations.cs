using System.Globalization;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;

namespace Qingshui.Storage.Sqlite;

/// <summary>The station register, next to the readings it attributes.</summary>
public sealed partial class SqliteStore : IStationStore
{
    private const string StationColumns = "mn, password, name_zh, name_en, section, operator, edition, crc, utc_offset, parameters, units";

    /// <inheritdoc />
    public Task<IReadOnlyList<Station>> StationsAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {StationColumns} FROM stations ORDER BY seq", _ => { }, ReadStation, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Station>> SeedStationsAsync(IReadOnlyList<Station> stations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stations);
        return InAccountTransactionAsync("seeding the station register", (connection, transaction) =>
        {
            var added = new List<Station>();
            foreach (Station station in stations)
            {
                if (InsertStation(connection, transaction, station))
                {
                    added.Add(station);
                }
            }

            return (IReadOnlyList<Station>)added;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<StationChange?> AddStationAsync(Station station, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(station);
        return InAccountTransactionAsync("adding a station", (connection, transaction) =>
            InsertStation(connection, transaction, station) ? new StationChange(null, station) : null, cancellationToken);
    }

    /// <inheritdoc />
    public Task<StationChange?> UpdateStationAsync(string deviceId, Func<Station, Station> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deviceId);
        ArgumentNullException.ThrowIfNull(change);
        return InAccountTransactionAsync("changing a station", (connection, transaction) =>
        {
            if (ReadInTransaction(connection, transaction, $"SELECT {StationColumns} FROM stations WHERE mn = $mn", "$mn", deviceId, ReadStation)
                is not [Station before])
            {
                return null;
            }

            // The MN is the station's identity: a change may not move it.
            Station after = change(before) with { DeviceId = before.DeviceId };
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE stations SET password = $password, name_zh = $zh, name_en = $en, section = $section, operator = $operator, "
                + "edition = $edition, crc = $crc, utc_offset = $offset, parameters = $parameters, units = $units WHERE mn = $mn";
            Bind(update, after);
            update.ExecuteNonQuery();
            return new StationChange(before, after);
        }, cancellationToken);
    }

    private static bool InsertStation(SqliteConnection connection, SqliteTransaction transaction, Station station)
    {
        using SqliteCommand insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO stations ({StationColumns}) "
            + "VALUES ($mn, $password, $zh, $en, $section, $operator, $edition, $crc, $offset, $parameters, $units) ON CONFLICT (mn) DO NOTHING";
        Bind(insert, station);
        return insert.ExecuteNonQuery() == 1;
    }

    private static void Bind(SqliteCommand command, Station station)
    {
        command.Parameters.AddWithValue("$mn", station.DeviceId);
        command.Parameters.AddWithValue("$password", station.Password);
        command.Parameters.AddWithValue("$zh", station.Name.Chinese);
        command.Parameters.AddWithValue("$en", station.Name.English);
        command.Parameters.AddWithValue("$section", station.Section);
        command.Parameters.AddWithValue("$operator", station.Operator);
        command.Parameters.AddWithValue("$edition", StationRules.EditionText(station.Edition));
        command.Parameters.AddWithValue("$crc", StationRules.CrcText(station.Crc));
        command.Parameters.AddWithValue("$offset", (long)station.UtcOffset.TotalMinutes);
        command.Parameters.AddWithValue("$parameters", string.Join(',', station.Parameters));
        command.Parameters.AddWithValue("$units", string.Join(';', station.Units.OrderBy(u => u.Key, StringComparer.Ordinal)
            .Select(u => $"{u.Key}={UnitText.Symbol(u.Value)}")));
    }

    private static Station ReadStation(SqliteDataReader r)
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
            TimeSpan.FromMinutes(r.GetInt64(8)),
            r.GetString(9).Split(',', StringSplitOptions.RemoveEmptyEntries),
            units);
    }
}
