namespace Qingshui.Hj212;

/// <summary>
/// Walks the items of a data area (<c>CP=&amp;&amp;…&amp;&amp;</c>, items separated by <c>;</c> and <c>,</c>,
/// HJ 212-2017 §6.3.3) one at a time, without allocating: each <see cref="Current"/> is a set of slices of the segment.
/// </summary>
/// <remarks>
/// This is what <see cref="MessageParser"/> builds its <see cref="DataArea"/> from; a caller that wants only some
/// values (into storage of its own) reads them here and pays for nothing else. Empty items are skipped.
/// </remarks>
public ref struct DataAreaReader
{
    private readonly ReadOnlySpan<byte> _segment;
    private readonly int _end;
    private int _offset;
    private DataItem _current;

    /// <summary>Reads the items of <paramref name="segment"/> between <paramref name="start"/> and <paramref name="end"/>.</summary>
    public DataAreaReader(ReadOnlySpan<byte> segment, int start, int end)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(end, segment.Length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, end);
        _segment = segment;
        _offset = start;
        _end = end;
        _current = default;
    }

    /// <summary>
    /// Splits a data segment into its header (before <c>CP=&amp;&amp;</c>) and a reader of its data area; <c>false</c>
    /// when the segment has no data area closed by <c>&amp;&amp;</c> at its end.
    /// </summary>
    public static bool TryCreate(ReadOnlySpan<byte> segment, out ReadOnlySpan<byte> header, out DataAreaReader reader)
    {
        int cp = MessageParser.FindDataArea(segment);
        if (cp < 0 || segment.Length < cp + 7 || !segment.EndsWith("&&"u8))
        {
            header = default;
            reader = default;
            return false;
        }

        header = segment[..cp];
        reader = new DataAreaReader(segment, cp + 5, segment.Length - 2);
        return true;
    }

    /// <summary>The item read by the last successful <see cref="MoveNext"/>.</summary>
    public readonly DataItem Current => _current;

    /// <summary>Returns this reader, so it can be used in <c>foreach</c>.</summary>
    public readonly DataAreaReader GetEnumerator() => this;

    /// <summary>Moves to the next non-empty item.</summary>
    public bool MoveNext()
    {
        while (_offset < _end)
        {
            int offset = _offset;
            ReadOnlySpan<byte> rest = _segment[offset.._end];
            int next = rest.IndexOfAny((byte)';', (byte)',');
            int length = next < 0 ? rest.Length : next;
            _offset = offset + length + 1;
            ReadOnlySpan<byte> item = rest[..length].Trim((byte)' ');
            if (!item.IsEmpty)
            {
                _current = Classify(item, offset);
                return true;
            }
        }

        return false;
    }

    private static DataItem Classify(ReadOnlySpan<byte> item, int offset)
    {
        int eq = item.IndexOf((byte)'=');
        if (eq <= 0)
        {
            return new DataItem(DataItemKind.Malformed, offset, item, default, default, default, default, default);
        }

        ReadOnlySpan<byte> key = item[..eq].TrimEnd((byte)' ');
        ReadOnlySpan<byte> value = item[(eq + 1)..].Trim((byte)' ');
        int dash = key.LastIndexOf((byte)'-');
        if (dash <= 0)
        {
            DataItemKind plain = key.SequenceEqual("DataTime"u8) ? DataItemKind.DataTime : DataItemKind.Field;
            return new DataItem(plain, offset, item, key, default, default, value, default);
        }

        ReadOnlySpan<byte> suffix = key[(dash + 1)..];
        DataItemKind kind = KindOf(suffix, out ValueSuffix valueSuffix);
        return new DataItem(kind, offset, item, key, key[..dash], suffix, value, valueSuffix);
    }

    // Dispatch on length first: nearly every item is one of the three-letter values or Flag.
    private static DataItemKind KindOf(ReadOnlySpan<byte> suffix, out ValueSuffix valueSuffix)
    {
        valueSuffix = default;
        switch (suffix.Length)
        {
            case 3:
                ValueSuffix? three = suffix switch
                {
                    _ when suffix.SequenceEqual("Rtd"u8) => ValueSuffix.Rtd,
                    _ when suffix.SequenceEqual("Avg"u8) => ValueSuffix.Avg,
                    _ when suffix.SequenceEqual("Min"u8) => ValueSuffix.Min,
                    _ when suffix.SequenceEqual("Max"u8) => ValueSuffix.Max,
                    _ when suffix.SequenceEqual("Cou"u8) => ValueSuffix.Cou,
                    _ => null,
                };
                return Value(three, ref valueSuffix);
            case 4:
                return suffix.SequenceEqual("Flag"u8) ? DataItemKind.Flag : DataItemKind.Other;
            case 5:
                if (suffix.SequenceEqual("EFlag"u8))
                {
                    return DataItemKind.ExtendedFlag;
                }

                ValueSuffix? five = suffix switch
                {
                    _ when suffix.SequenceEqual("ZsRtd"u8) => ValueSuffix.ZsRtd,
                    _ when suffix.SequenceEqual("ZsAvg"u8) => ValueSuffix.ZsAvg,
                    _ when suffix.SequenceEqual("ZsMin"u8) => ValueSuffix.ZsMin,
                    _ when suffix.SequenceEqual("ZsMax"u8) => ValueSuffix.ZsMax,
                    _ => null,
                };
                return Value(five, ref valueSuffix);
            case 10:
                return suffix.SequenceEqual("SampleTime"u8) ? DataItemKind.SampleTime : DataItemKind.Other;
            default:
                return DataItemKind.Other;
        }
    }

    private static DataItemKind Value(ValueSuffix? suffix, ref ValueSuffix valueSuffix)
    {
        if (suffix is not ValueSuffix known)
        {
            return DataItemKind.Other;
        }

        valueSuffix = known;
        return DataItemKind.Value;
    }
}
