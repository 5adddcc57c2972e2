namespace Qingshui.Hj212;

/// <summary>
/// Reassembles split messages (Flag bit D, PNUM/PNO; HJ 212-2017 §6.3.2 and Appendix C.47–C.50) from parts that
/// may arrive out of order.
/// </summary>
/// <remarks>
/// <para>A series is identified by MN, ST, CN and PNUM (each part has its own QN, so QN cannot be the key), and by
/// DataTime where parts carry one. A part repeated with the same QN is a retransmission and is ignored. A part whose
/// number is already filled with a different QN, or whose DataTime differs, starts a new series; the old one ends as
/// a <see cref="PartialMessage"/>. A series not completed within the timeout also ends as a partial message: the
/// caller decides what to keep of it, nothing is dropped silently.</para>
/// <para>The assembler is not thread-safe and reads no clock: the caller passes the time.</para>
/// </remarks>
public sealed class SplitMessageAssembler
{
    private readonly Dictionary<SeriesKey, Series> _open = [];
    private readonly TimeSpan _timeout;

    /// <summary>Creates an assembler whose series expire <paramref name="timeout"/> after their first part.</summary>
    public SplitMessageAssembler(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        _timeout = timeout;
    }

    /// <summary>Series waiting for parts.</summary>
    public int OpenSeries => _open.Count;

    /// <summary>Adds one part; returns the completed message when this part was the last one missing.</summary>
    public SplitAddResult Add(Hj212Message part, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(part);
        if (part.PacketCount is not int count || part.PacketNumber is not int number)
        {
            return new SplitAddResult(SplitAddStatus.NotSplit, part, null);
        }

        var key = new SeriesKey(part.DeviceId, part.SystemCode, part.Command, count);
        PartialMessage? superseded = null;
        if (_open.TryGetValue(key, out Series? series))
        {
            Hj212Message? existing = series.Parts[number - 1];
            if (existing is not null && string.Equals(existing.RequestId, part.RequestId, StringComparison.Ordinal))
            {
                return new SplitAddResult(SplitAddStatus.Duplicate, null, null);
            }

            if (existing is not null || !series.SameDataTime(part))
            {
                superseded = series.ToPartial(PartialReason.Superseded);
                _open.Remove(key);
                series = null;
            }
        }

        if (series is null)
        {
            series = new Series(count, now);
            _open.Add(key, series);
        }

        series.Set(number, part);
        if (!series.IsComplete)
        {
            return new SplitAddResult(SplitAddStatus.Buffered, null, superseded);
        }

        _open.Remove(key);
        return new SplitAddResult(SplitAddStatus.Completed, series.Merge(), superseded);
    }

    /// <summary>Forgets a series that was completed or ended elsewhere (another server node took its last part); true when it was open here.</summary>
    public bool Remove(string deviceId, string systemCode, string command, int packetCount) =>
        _open.Remove(new SeriesKey(deviceId, systemCode, command, packetCount));

    /// <summary>Ends every series older than the timeout and returns what was received of each.</summary>
    public IReadOnlyList<PartialMessage> Expire(DateTimeOffset now)
    {
        List<PartialMessage>? expired = null;
        foreach ((SeriesKey key, Series series) in _open)
        {
            if (now - series.Started >= _timeout)
            {
                (expired ??= []).Add(series.ToPartial(PartialReason.TimedOut));
                _open.Remove(key);
            }
        }

        return (IReadOnlyList<PartialMessage>?)expired ?? [];
    }

    private readonly record struct SeriesKey(string DeviceId, string SystemCode, string Command, int PacketCount);

    private sealed class Series(int count, DateTimeOffset started)
    {
        private int _received;

        public Hj212Message?[] Parts { get; } = new Hj212Message?[count];

        public DateTimeOffset Started { get; } = started;

        public bool IsComplete => _received == Parts.Length;

        public void Set(int number, Hj212Message part)
        {
            Parts[number - 1] = part;
            _received++;
        }

        public bool SameDataTime(Hj212Message part)
        {
            string? time = part.Data.DataTimeText;
            return time is null || Array.TrueForAll(Parts, p => p?.Data.DataTimeText is not string other || string.Equals(other, time, StringComparison.Ordinal));
        }

        public PartialMessage ToPartial(PartialReason reason)
        {
            var received = new List<int>();
            for (int i = 0; i < Parts.Length; i++)
            {
                if (Parts[i] is not null)
                {
                    received.Add(i + 1);
                }
            }

            return new PartialMessage(Merge(), Parts.Length, received, reason);
        }

        public Hj212Message Merge()
        {
            Hj212Message[] present = Array.FindAll(Parts, p => p is not null)!;
            Hj212Message first = present[0];
            var pollutants = new List<PollutantData>();
            var fields = new List<KeyValuePair<string, string>>();
            var warnings = new List<MessageError>();
            DataArea? timed = Array.Find(present, p => p.Data.DataTimeText is not null)?.Data;
            foreach (Hj212Message part in present)
            {
                MergePollutants(pollutants, part.Data.Pollutants);
                fields.AddRange(part.Data.Fields);
                warnings.AddRange(part.Warnings);
            }

            var data = new DataArea(timed?.DataTimeText, timed?.DataTime, pollutants, fields);
            return new Hj212Message(
                first.RequestId, first.SystemCode, first.Command, first.Password, first.DeviceId, first.Flag & ~2,
                null, null, data, warnings);
        }

        private static void MergePollutants(List<PollutantData> merged, IReadOnlyList<PollutantData> part)
        {
            foreach (PollutantData pollutant in part)
            {
                PollutantData? target = merged.Find(p => string.Equals(p.Code, pollutant.Code, StringComparison.Ordinal));
                if (target is null)
                {
                    merged.Add(pollutant);
                    continue;
                }

                foreach ((ValueSuffix suffix, decimal value) in pollutant.Values)
                {
                    if (!target.HasValue(suffix))
                    {
                        target.SetValue(suffix, value);
                    }
                }

                target.Flag ??= pollutant.Flag;
            }
        }
    }
}
