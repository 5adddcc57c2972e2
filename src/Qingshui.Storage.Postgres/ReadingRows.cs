using Npgsql;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// Readings as columns, for one multi-row upsert (<c>INSERT … SELECT FROM unnest(…) ON CONFLICT</c>): a batch's readings
/// cost one statement, not one per reading. A key may appear once per statement, so a batch that carries the same
/// reading twice writes it in rounds, each later occurrence in a later statement, in the order SQLite would apply them.
/// </summary>
internal sealed class ReadingRows
{
    private const long BucketMilliseconds = 3_600_000;

    // A retransmission with the same content changes nothing; different content becomes a new revision (the trigger
    // readings_keep_revision keeps the old row in reading_revisions). Validity and the screening rule are not content, and
    // a reading a reviewer decided on (marks 64) keeps the decision: the same rule as SQLite's WriteCommands. Rows go in
    // key order so that two nodes writing the same series lock its rows in the same order.
    public const string UpsertSql = """
        INSERT INTO readings (bucket, series, period_start, utc_offset, value, unit, flag, valid, marks, minimum, maximum, packet_id, stored_at, screen_rule)
        SELECT r.bucket, r.series, r.period_start, r.utc_offset, r.value, r.unit, r.flag, r.valid, r.marks, r.minimum, r.maximum, r.packet_id, $13, r.screen_rule
        FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::integer[], $5::float8[], $6::text[], $7::text[], $8::integer[], $9::integer[],
                    $10::float8[], $11::float8[], $12::bigint[], $14::text[])
             AS r (bucket, series, period_start, utc_offset, value, unit, flag, valid, marks, minimum, maximum, packet_id, screen_rule)
        ORDER BY r.series, r.period_start
        ON CONFLICT (series, period_start) DO UPDATE SET
            utc_offset = excluded.utc_offset, value = excluded.value, unit = excluded.unit, flag = excluded.flag, valid = excluded.valid,
            marks = excluded.marks, minimum = excluded.minimum, maximum = excluded.maximum, packet_id = excluded.packet_id,
            revision = readings.revision + 1, stored_at = excluded.stored_at, screen_rule = excluded.screen_rule
        WHERE (readings.marks & 64) = 0 AND (readings.value IS DISTINCT FROM excluded.value OR readings.unit IS DISTINCT FROM excluded.unit
           OR readings.flag IS DISTINCT FROM excluded.flag OR readings.minimum IS DISTINCT FROM excluded.minimum
           OR readings.maximum IS DISTINCT FROM excluded.maximum)
        """;

    private readonly List<long> _bucket = [], _series = [], _start = [], _packet = [];
    private readonly List<int> _offset = [], _valid = [], _marks = [];
    private readonly List<double> _value = [];
    private readonly List<double?> _minimum = [], _maximum = [];
    private readonly List<string> _unit = [];
    private readonly List<string?> _flag = [], _screenRule = [];

    public int Count => _series.Count;

    /// <summary>The hour a time falls in, as SQLite's readings.bucket numbers it (kept for copies between the two).</summary>
    public static long BucketOf(long unixMilliseconds) => (long)Math.Floor(unixMilliseconds / (double)BucketMilliseconds);

    /// <summary>Splits readings into rounds in which each key (series, period start) appears once, keeping their order.</summary>
    public static List<ReadingRows> Rounds(IEnumerable<(Reading Reading, long Series, long PacketId)> readings)
    {
        var rounds = new List<ReadingRows>();
        var seen = new Dictionary<(long, long), int>();
        foreach ((Reading reading, long series, long packetId) in readings)
        {
            long start = reading.PeriodStart.ToUnixTimeMilliseconds();
            seen.TryGetValue((series, start), out int round);
            seen[(series, start)] = round + 1;
            if (round == rounds.Count)
            {
                rounds.Add(new ReadingRows());
            }

            rounds[round].Add(reading, series, start, packetId);
        }

        return rounds;
    }

    private void Add(Reading reading, long series, long start, long packetId)
    {
        _bucket.Add(BucketOf(start));
        _series.Add(series);
        _start.Add(start);
        _offset.Add((int)reading.PeriodStart.Offset.TotalMinutes);
        _value.Add((double)reading.Value);
        _unit.Add(UnitText.Symbol(reading.Unit));
        _flag.Add(reading.Flag);
        _valid.Add(reading.Valid ? 1 : 0);
        _marks.Add((int)reading.Marks);
        _minimum.Add((double?)reading.Minimum);
        _maximum.Add((double?)reading.Maximum);
        _packet.Add(packetId);
        _screenRule.Add(reading.ScreenRule);
    }

    /// <summary>The upsert of these rows, stored at <paramref name="storedAt"/>.</summary>
    public NpgsqlBatchCommand Upsert(long storedAt) => new(UpsertSql)
    {
        Parameters =
        {
            new NpgsqlParameter { Value = _bucket.ToArray() },
            new NpgsqlParameter { Value = _series.ToArray() },
            new NpgsqlParameter { Value = _start.ToArray() },
            new NpgsqlParameter { Value = _offset.ToArray() },
            new NpgsqlParameter { Value = _value.ToArray() },
            new NpgsqlParameter { Value = _unit.ToArray() },
            new NpgsqlParameter { Value = _flag.ToArray() },
            new NpgsqlParameter { Value = _valid.ToArray() },
            new NpgsqlParameter { Value = _marks.ToArray() },
            new NpgsqlParameter { Value = _minimum.ToArray() },
            new NpgsqlParameter { Value = _maximum.ToArray() },
            new NpgsqlParameter { Value = _packet.ToArray() },
            new NpgsqlParameter { Value = storedAt },
            new NpgsqlParameter { Value = _screenRule.ToArray() },
        },
    };
}
