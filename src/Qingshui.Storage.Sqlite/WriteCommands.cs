using Microsoft.Data.Sqlite;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Sqlite;

/// <summary>The writer connection's prepared statements, reused for every batch.</summary>
internal sealed class WriteCommands : IDisposable
{
    private readonly SqliteCommand _insertPacket;
    private readonly SqliteCommand _upsertReading;
    private readonly SqliteParameter[] _packet;
    private readonly SqliteParameter[] _reading;

    public WriteCommands(SqliteConnection connection)
    {
        _insertPacket = connection.CreateCommand();
        _insertPacket.CommandText =
            "INSERT INTO raw_packets (received_at, remote, station, command, verdict, reason, bytes) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
        _packet = AddParameters(_insertPacket, 7);

        // A retransmission with the same content changes nothing; different content becomes a new revision
        // (the trigger readings_keep_revision moves the old row to reading_revisions).
        _upsertReading = connection.CreateCommand();
        _upsertReading.CommandText = """
            INSERT INTO readings (station, parameter, kind, period_start, utc_offset, value, unit, flag, valid, marks, minimum, maximum, packet_id, stored_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT (station, parameter, kind, period_start) DO UPDATE SET
                utc_offset = excluded.utc_offset, value = excluded.value, unit = excluded.unit, flag = excluded.flag, valid = excluded.valid,
                marks = excluded.marks, minimum = excluded.minimum, maximum = excluded.maximum, packet_id = excluded.packet_id,
                revision = readings.revision + 1, stored_at = excluded.stored_at
            WHERE readings.value IS NOT excluded.value OR readings.unit IS NOT excluded.unit OR readings.flag IS NOT excluded.flag
               OR readings.valid IS NOT excluded.valid OR readings.minimum IS NOT excluded.minimum OR readings.maximum IS NOT excluded.maximum
            """;
        _reading = AddParameters(_upsertReading, 14);
    }

    public void Enlist(SqliteTransaction transaction)
    {
        _insertPacket.Transaction = transaction;
        _upsertReading.Transaction = transaction;
    }

    public long InsertPacket(RawPacket packet)
    {
        _packet[0].Value = packet.ReceivedAt.ToUnixTimeMilliseconds();
        _packet[1].Value = packet.Remote;
        _packet[2].Value = (object?)packet.StationId ?? DBNull.Value;
        _packet[3].Value = (object?)packet.Command ?? DBNull.Value;
        _packet[4].Value = (int)packet.Verdict;
        _packet[5].Value = (object?)packet.Reason ?? DBNull.Value;
        _packet[6].Value = packet.Bytes;
        return (long)_insertPacket.ExecuteScalar()!;
    }

    /// <summary>Returns whether a row was inserted or revised (false: the same content was already there).</summary>
    public bool UpsertReading(Reading reading, long packetId, long storedAt)
    {
        _reading[0].Value = reading.StationId;
        _reading[1].Value = reading.Parameter;
        _reading[2].Value = (int)reading.Kind;
        _reading[3].Value = reading.PeriodStart.ToUnixTimeMilliseconds();
        _reading[4].Value = (int)reading.PeriodStart.Offset.TotalMinutes;
        _reading[5].Value = (double)reading.Value;
        _reading[6].Value = UnitText.Symbol(reading.Unit);
        _reading[7].Value = (object?)reading.Flag ?? DBNull.Value;
        _reading[8].Value = reading.Valid ? 1 : 0;
        _reading[9].Value = (int)reading.Marks;
        _reading[10].Value = reading.Minimum is decimal min ? (double)min : DBNull.Value;
        _reading[11].Value = reading.Maximum is decimal max ? (double)max : DBNull.Value;
        _reading[12].Value = packetId;
        _reading[13].Value = storedAt;
        return _upsertReading.ExecuteNonQuery() > 0;
    }

    public void Dispose()
    {
        _insertPacket.Dispose();
        _upsertReading.Dispose();
    }

    private static SqliteParameter[] AddParameters(SqliteCommand command, int count)
    {
        var parameters = new SqliteParameter[count];
        for (int i = 0; i < count; i++)
        {
            parameters[i] = command.Parameters.Add(new SqliteParameter("$" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), null));
        }

        return parameters;
    }
}
