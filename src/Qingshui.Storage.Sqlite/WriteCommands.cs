using Microsoft.Data.Sqlite;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Sqlite;

/// <summary>The writer connection's prepared statements, reused for every batch, and the series numbers already known.</summary>
internal sealed class WriteCommands : IDisposable
{
    private const long BucketMilliseconds = 3_600_000;
    private readonly RawStatement _insertPacket;
    private readonly RawStatement _insertRejected;
    private readonly RawStatement _upsertReading;
    private readonly DayRowsOfNewReadings _dayRows;
    private readonly SqliteCommand _series;
    private readonly SqliteCommand _stationLog;
    private readonly SqliteParameter[] _log;
    private readonly SqliteParameter[] _seriesKey;
    private readonly SqliteCommand _holdPart;
    private readonly SqliteParameter[] _hold;
    private readonly SqliteCommand _releaseSeries;
    private readonly SqliteParameter[] _release;
    private readonly Dictionary<(string Station, string Parameter, ReadingKind Kind), long> _known = [];
    private readonly Dictionary<(string Station, string Parameter, ReadingKind Kind), long> _addedInTransaction = [];
    private readonly Dictionary<string, long> _chainHeads;
    private readonly Dictionary<string, StationTally> _tallies = new(StringComparer.Ordinal);

    // The writer is the only one inserting packets, so it numbers them itself (no round trip for the new id).
    private long _nextPacketId;
    private long _committedNextPacketId;

    public WriteCommands(SqliteConnection connection)
    {
        _chainHeads = LoadChainHeads(connection);
        _insertPacket = new RawStatement(connection,
            "INSERT INTO raw_packets (id, received_at, remote, station, command, verdict, reason, bytes, previous) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
        _insertRejected = new RawStatement(connection,
            "INSERT INTO rejected_packets (id, received_at, remote, station, command, verdict, reason, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        _nextPacketId = _committedNextPacketId = NextPacketId(connection);

        _stationLog = connection.CreateCommand();
        _stationLog.CommandText = """
            INSERT INTO station_log (station, last_packet, last_received, accepted, rejected, quarantined, other) VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (station) DO UPDATE SET last_received = excluded.last_received,
                last_packet = CASE WHEN excluded.last_packet = 0 THEN last_packet ELSE excluded.last_packet END,
                accepted = accepted + excluded.accepted, rejected = rejected + excluded.rejected,
                quarantined = quarantined + excluded.quarantined, other = other + excluded.other
            """;
        _log = AddParameters(_stationLog, 7);

        // The no-op update makes RETURNING give the id whether the series is new or not.
        _series = connection.CreateCommand();
        _series.CommandText = """
            INSERT INTO series (station, parameter, kind) VALUES ($1, $2, $3)
            ON CONFLICT (station, parameter, kind) DO UPDATE SET kind = excluded.kind RETURNING id
            """;
        _seriesKey = AddParameters(_series, 3);

        _holdPart = connection.CreateCommand();
        _holdPart.CommandText = """
            INSERT INTO split_parts (station, system_code, command, packet_count, packet_number, packet_id) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT DO UPDATE SET packet_id = excluded.packet_id
            """;
        _hold = AddParameters(_holdPart, 6);
        _releaseSeries = connection.CreateCommand();
        _releaseSeries.CommandText = "DELETE FROM split_parts WHERE station = $1 AND system_code = $2 AND command = $3 AND packet_count = $4";
        _release = AddParameters(_releaseSeries, 4);

        _dayRows = new DayRowsOfNewReadings(connection);

        // A retransmission with the same content changes nothing; different content becomes a new revision
        // (the trigger readings_keep_revision moves the old row to reading_revisions). Validity and the screening rule
        // are not content: a retransmission meets no sequence rule (its hour is not new), and must not undo their marks.
        // A reading a reviewer decided on (marks 64, ReadingMarks.Reviewed) keeps the decision: a late retransmission
        // must not undo a review.
        _upsertReading = new RawStatement(connection, """
            INSERT INTO readings (bucket, series, period_start, utc_offset, value, unit, flag, valid, marks, minimum, maximum, packet_id, stored_at, screen_rule)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (bucket, series, period_start) DO UPDATE SET
                utc_offset = excluded.utc_offset, value = excluded.value, unit = excluded.unit, flag = excluded.flag, valid = excluded.valid,
                marks = excluded.marks, minimum = excluded.minimum, maximum = excluded.maximum, packet_id = excluded.packet_id,
                revision = readings.revision + 1, stored_at = excluded.stored_at, screen_rule = excluded.screen_rule
            WHERE (readings.marks & 64) = 0 AND (readings.value IS NOT excluded.value OR readings.unit IS NOT excluded.unit
               OR readings.flag IS NOT excluded.flag OR readings.minimum IS NOT excluded.minimum OR readings.maximum IS NOT excluded.maximum)
            RETURNING revision
            """);
    }

    public static long BucketOf(long unixMilliseconds) => (long)Math.Floor(unixMilliseconds / (double)BucketMilliseconds);

    public void Enlist(SqliteTransaction transaction)
    {
        _series.Transaction = transaction;
        _stationLog.Transaction = transaction;
        _holdPart.Transaction = transaction;
        _releaseSeries.Transaction = transaction;
    }

    /// <summary>Keeps a split part (by its raw packet) until its series ends; a retransmitted part replaces the earlier copy.</summary>
    public void HoldSplitPart(SplitPartKey part, long packetId)
    {
        BindSeries(_hold, part.Series);
        _hold[4].Value = part.PacketNumber;
        _hold[5].Value = packetId;
        _holdPart.ExecuteNonQuery();
    }

    /// <summary>Lets go of every held part of a series that has ended.</summary>
    public void ReleaseSplitSeries(SplitSeriesKey series)
    {
        BindSeries(_release, series);
        _releaseSeries.ExecuteNonQuery();
    }

    private static void BindSeries(SqliteParameter[] parameters, SplitSeriesKey series)
    {
        parameters[0].Value = series.StationId;
        parameters[1].Value = series.SystemCode;
        parameters[2].Value = series.Command;
        parameters[3].Value = series.PacketCount;
    }

    /// <summary>Writes the batch's per-station tallies; call once, just before commit.</summary>
    public void WriteStationLog()
    {
        foreach ((string station, StationTally tally) in _tallies)
        {
            _log[0].Value = station;
            _log[1].Value = tally.ChainHead ?? 0;
            _log[2].Value = tally.LastReceived;
            _log[3].Value = tally.Accepted;
            _log[4].Value = tally.Rejected;
            _log[5].Value = tally.Quarantined;
            _log[6].Value = tally.Other;
            _stationLog.ExecuteNonQuery();
        }
    }

    /// <summary>Series numbers and chain heads made in the transaction become known only once it commits.</summary>
    public void Committed()
    {
        foreach (KeyValuePair<(string, string, ReadingKind), long> added in _addedInTransaction)
        {
            _known[added.Key] = added.Value;
        }

        foreach ((string station, StationTally tally) in _tallies)
        {
            if (tally.ChainHead is long head)
            {
                _chainHeads[station] = head;
            }
        }

        _committedNextPacketId = _nextPacketId;
        _addedInTransaction.Clear();
        _tallies.Clear();
    }

    public void RolledBack()
    {
        _nextPacketId = _committedNextPacketId;
        _addedInTransaction.Clear();
        _tallies.Clear();
    }

    public long InsertPacket(RawPacket packet)
    {
        string chain = packet.StationId ?? "";
        _tallies.TryGetValue(chain, out StationTally? tally);
        long receivedAt = packet.ReceivedAt.ToUnixTimeMilliseconds();
        long id = _nextPacketId++;
        if (packet.Verdict is PacketVerdict.Rejected or PacketVerdict.Quarantined)
        {
            // Kept apart (and out of the station's chain) so that retention can delete them.
            InsertRejected(packet, id, receivedAt);
        }
        else
        {
            long? previous = tally?.ChainHead ?? (_chainHeads.TryGetValue(chain, out long head) ? head : null);
            InsertAccepted(packet, id, receivedAt, previous);
        }

        if (tally is null)
        {
            tally = new StationTally();
            _tallies[chain] = tally;
        }

        tally.Add(id, receivedAt, packet.Verdict);
        return id;
    }

    private void InsertRejected(RawPacket packet, long id, long receivedAt)
    {
        _insertRejected.Bind(1, id);
        _insertRejected.Bind(2, receivedAt);
        _insertRejected.Bind(3, packet.Remote);
        _insertRejected.Bind(4, packet.StationId);
        _insertRejected.Bind(5, packet.Command);
        _insertRejected.Bind(6, (long)packet.Verdict);
        _insertRejected.Bind(7, packet.Reason);
        _insertRejected.Bind(8, packet.Bytes);
        _insertRejected.Execute();
    }

    private void InsertAccepted(RawPacket packet, long id, long receivedAt, long? previous)
    {
        _insertPacket.Bind(1, id);
        _insertPacket.Bind(2, receivedAt);
        _insertPacket.Bind(3, packet.Remote);
        _insertPacket.Bind(4, packet.StationId);
        _insertPacket.Bind(5, packet.Command);
        _insertPacket.Bind(6, (long)packet.Verdict);
        _insertPacket.Bind(7, packet.Reason);
        _insertPacket.Bind(8, packet.Bytes);
        _insertPacket.Bind(9, previous);
        _insertPacket.Execute();
    }

    /// <summary>Returns whether a row was inserted or revised (false: the same content was already there). No packet: a back-filled reading.</summary>
    public bool UpsertReading(Reading reading, long? packetId, long storedAt)
    {
        long start = reading.PeriodStart.ToUnixTimeMilliseconds();
        long series = SeriesOf(reading);
        long offset = (long)reading.PeriodStart.Offset.TotalMinutes;
        double value = (double)reading.Value;
        string unit = UnitText.Symbol(reading.Unit);
        long valid = reading.Valid ? 1L : 0L;
        _upsertReading.Bind(1, BucketOf(start));
        _upsertReading.Bind(2, series);
        _upsertReading.Bind(3, start);
        _upsertReading.Bind(4, offset);
        _upsertReading.Bind(5, value);
        _upsertReading.Bind(6, unit);
        _upsertReading.Bind(7, reading.Flag);
        _upsertReading.Bind(8, valid);
        _upsertReading.Bind(9, (long)reading.Marks);
        _upsertReading.Bind(10, (double?)reading.Minimum);
        _upsertReading.Bind(11, (double?)reading.Maximum);
        _upsertReading.Bind(12, packetId);
        _upsertReading.Bind(13, storedAt);
        _upsertReading.Bind(14, reading.ScreenRule);
        if (!_upsertReading.ExecuteReturning(out long revision))
        {
            return false;
        }

        // Revision 0: the row is new (a revision's own day rows are kept by the update triggers).
        if (revision == 0)
        {
            KeepDayRowsOfNewReading(reading.Kind, series, start, offset, valid, reading.Flag, (long)reading.Marks, unit, value);
        }

        return true;
    }

    /// <summary>What the insert triggers did before migration 0033: the new reading's day count and packed-day entry.</summary>
    private void KeepDayRowsOfNewReading(
        ReadingKind kind, long series, long start, long offset, long valid, string? flag, long marks, string unit, double value)
    {
        _dayRows.CountNewReading(series, start, offset, valid, flag, marks);
        if (kind is ReadingKind.Hour or ReadingKind.Day or ReadingKind.FourHour)
        {
            _dayRows.AppendDayValue(series, start, offset, valid, unit, value);
        }
    }

    public void Dispose()
    {
        _insertPacket.Dispose();
        _insertRejected.Dispose();
        _upsertReading.Dispose();
        _dayRows.Dispose();
        _series.Dispose();
        _stationLog.Dispose();
        _holdPart.Dispose();
        _releaseSeries.Dispose();
    }

    private static long NextPacketId(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT MAX((SELECT COALESCE(MAX(id), 0) FROM raw_packets), (SELECT COALESCE(MAX(id), 0) FROM rejected_packets)) + 1";
        return (long)command.ExecuteScalar()!;
    }

    private static Dictionary<string, long> LoadChainHeads(SqliteConnection connection)
    {
        var heads = new Dictionary<string, long>(StringComparer.Ordinal);
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT station, last_packet FROM station_log";
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            heads[reader.GetString(0)] = reader.GetInt64(1);
        }

        return heads;
    }

    private long SeriesOf(Reading reading)
    {
        (string, string, ReadingKind) key = (reading.StationId, reading.Parameter, reading.Kind);
        if (_known.TryGetValue(key, out long id) || _addedInTransaction.TryGetValue(key, out id))
        {
            return id;
        }

        _seriesKey[0].Value = reading.StationId;
        _seriesKey[1].Value = reading.Parameter;
        _seriesKey[2].Value = (int)reading.Kind;
        id = (long)_series.ExecuteScalar()!;
        _addedInTransaction[key] = id;
        return id;
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

    /// <summary>What one batch adds to a station's log.</summary>
    private sealed class StationTally
    {
        /// <summary>The station's newest packet in raw_packets (its chain's head), when the batch added one there.</summary>
        public long? ChainHead { get; private set; }

        public long LastReceived { get; private set; }

        public int Accepted { get; private set; }

        public int Rejected { get; private set; }

        public int Quarantined { get; private set; }

        public int Other { get; private set; }

        public void Add(long id, long receivedAt, PacketVerdict verdict)
        {
            LastReceived = receivedAt;
            if (verdict is not (PacketVerdict.Rejected or PacketVerdict.Quarantined))
            {
                ChainHead = id;
            }

            switch (verdict)
            {
                case PacketVerdict.Accepted: Accepted++; break;
                case PacketVerdict.Rejected: Rejected++; break;
                case PacketVerdict.Quarantined: Quarantined++; break;
                default: Other++; break;
            }
        }
    }
}
