using Npgsql;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// A batch's raw packets as columns (accepted ones for <c>raw_packets</c>, rejects apart), each station's chain continued
/// from its head, and what the batch adds to each station's log. Built once the batch holds its stations' log rows,
/// so the heads it chains from are the newest committed.
/// </summary>
internal sealed class PacketRows
{
    private readonly Columns _accepted = new("raw_packets (id, received_at, remote, station, command, verdict, reason, bytes, previous)", chained: true);
    private readonly Columns _rejected = new("rejected_packets (id, received_at, remote, station, command, verdict, reason, bytes)", chained: false);
    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    /// <param name="records">The batch.</param>
    /// <param name="ids">The packets' numbers, in the batch's order.</param>
    /// <param name="heads">Each station's chain head as locked: its last packet, or <c>null</c> for a station seen first now.</param>
    public PacketRows(IReadOnlyList<IngestRecord> records, long[] ids, IReadOnlyDictionary<string, long?> heads)
    {
        for (int i = 0; i < records.Count; i++)
        {
            RawPacket packet = records[i].Packet;
            string chain = packet.StationId ?? "";
            if (!_tallies.TryGetValue(chain, out Tally? tally))
            {
                tally = new Tally(heads[chain]);
                _tallies[chain] = tally;
            }

            long receivedAt = packet.ReceivedAt.ToUnixTimeMilliseconds();
            if (packet.Verdict is PacketVerdict.Rejected or PacketVerdict.Quarantined)
            {
                // Kept apart (and out of the station's chain) so that retention can delete them.
                _rejected.Add(ids[i], receivedAt, packet, null);
            }
            else
            {
                _accepted.Add(ids[i], receivedAt, packet, tally.Head);
            }

            tally.Add(ids[i], receivedAt, packet.Verdict);
        }
    }

    public IEnumerable<NpgsqlBatchCommand> Inserts()
    {
        if (_accepted.Count > 0)
        {
            yield return _accepted.Insert();
        }

        if (_rejected.Count > 0)
        {
            yield return _rejected.Insert();
        }
    }

    /// <summary>Adds the batch's counts to each station's log row (locked since the batch began) and moves its chain head.</summary>
    public NpgsqlBatchCommand StationLogUpdate()
    {
        KeyValuePair<string, Tally>[] rows = [.. _tallies];
        return new NpgsqlBatchCommand("""
            UPDATE station_log AS l SET last_packet = CASE WHEN u.head = 0 THEN l.last_packet ELSE u.head END, last_received = u.received,
                accepted = l.accepted + u.accepted, rejected = l.rejected + u.rejected, quarantined = l.quarantined + u.quarantined,
                other = l.other + u.other
            FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[])
                 AS u (station, head, received, accepted, rejected, quarantined, other)
            WHERE l.station = u.station
            """)
        {
            Parameters =
            {
                new NpgsqlParameter { Value = rows.Select(r => r.Key).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => r.Value.NewHead ?? 0).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => r.Value.LastReceived).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => r.Value.Accepted).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => r.Value.Rejected).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => r.Value.Quarantined).ToArray() },
                new NpgsqlParameter { Value = rows.Select(r => r.Value.Other).ToArray() },
            },
        };
    }

    private sealed class Columns(string tableAndColumns, bool chained)
    {
        private readonly List<long> _id = [], _receivedAt = [];
        private readonly List<long?> _previous = [];
        private readonly List<string> _remote = [];
        private readonly List<string?> _station = [], _command = [], _reason = [];
        private readonly List<int> _verdict = [];
        private readonly List<byte[]> _bytes = [];

        public int Count => _id.Count;

        public void Add(long id, long receivedAt, RawPacket packet, long? previous)
        {
            _id.Add(id);
            _receivedAt.Add(receivedAt);
            _remote.Add(packet.Remote);
            _station.Add(packet.StationId);
            _command.Add(packet.Command);
            _verdict.Add((int)packet.Verdict);
            _reason.Add(packet.Reason);
            _bytes.Add(packet.Bytes);
            _previous.Add(previous);
        }

        public NpgsqlBatchCommand Insert()
        {
            var command = new NpgsqlBatchCommand(
                $"INSERT INTO {tableAndColumns} SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::integer[], $7::text[], $8::bytea[]{(chained ? ", $9::bigint[]" : "")})")
            {
                Parameters =
                {
                    new NpgsqlParameter { Value = _id.ToArray() },
                    new NpgsqlParameter { Value = _receivedAt.ToArray() },
                    new NpgsqlParameter { Value = _remote.ToArray() },
                    new NpgsqlParameter { Value = _station.ToArray() },
                    new NpgsqlParameter { Value = _command.ToArray() },
                    new NpgsqlParameter { Value = _verdict.ToArray() },
                    new NpgsqlParameter { Value = _reason.ToArray() },
                    new NpgsqlParameter { Value = _bytes.ToArray() },
                },
            };
            if (chained)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = _previous.ToArray() });
            }

            return command;
        }
    }

    /// <summary>What one batch adds to a station's log, and where its chain stands.</summary>
    private sealed class Tally(long? head)
    {
        /// <summary>The chain's newest packet so far: where the next accepted packet points back to.</summary>
        public long? Head { get; private set; } = head;

        /// <summary>The newest packet this batch put in the chain, when it put one there.</summary>
        public long? NewHead { get; private set; }

        public long LastReceived { get; private set; }

        public long Accepted { get; private set; }

        public long Rejected { get; private set; }

        public long Quarantined { get; private set; }

        public long Other { get; private set; }

        public void Add(long id, long receivedAt, PacketVerdict verdict)
        {
            LastReceived = receivedAt;
            if (verdict is not (PacketVerdict.Rejected or PacketVerdict.Quarantined))
            {
                Head = NewHead = id;
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
