namespace Qingshui.Hj212;

/// <summary>One item of a data area (<c>code-Suffix=value</c> or <c>name=value</c>), as slices of the segment.</summary>
/// <remarks>
/// Nothing is copied or converted: the slices are valid as long as the segment they came from, and a number is read
/// only when <see cref="TryGetNumber"/> is asked. Spaces around the key and the value are trimmed.
/// </remarks>
public readonly ref struct DataItem
{
    internal DataItem(DataItemKind kind, int offset, ReadOnlySpan<byte> text, ReadOnlySpan<byte> key, ReadOnlySpan<byte> code,
        ReadOnlySpan<byte> suffix, ReadOnlySpan<byte> value, ValueSuffix valueSuffix)
    {
        Kind = kind;
        Offset = offset;
        Text = text;
        Key = key;
        Code = code;
        Suffix = suffix;
        Value = value;
        ValueSuffix = valueSuffix;
    }

    /// <summary>What the item is.</summary>
    public DataItemKind Kind { get; }

    /// <summary>Offset of the item within the data segment.</summary>
    public int Offset { get; }

    /// <summary>The whole item, trimmed (for warnings).</summary>
    public ReadOnlySpan<byte> Text { get; }

    /// <summary>The key (before <c>=</c>); empty for a malformed item.</summary>
    public ReadOnlySpan<byte> Key { get; }

    /// <summary>The pollutant code (the key before its last <c>-</c>); empty for <see cref="DataItemKind.DataTime"/> and <see cref="DataItemKind.Field"/>.</summary>
    public ReadOnlySpan<byte> Code { get; }

    /// <summary>The suffix after the pollutant code's <c>-</c>; empty when there is no code.</summary>
    public ReadOnlySpan<byte> Suffix { get; }

    /// <summary>The value (after <c>=</c>).</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Which value this is, when <see cref="Kind"/> is <see cref="DataItemKind.Value"/>.</summary>
    public ValueSuffix ValueSuffix { get; }

    /// <summary>Reads <see cref="Value"/> as an exact decimal (scale kept as written); <c>false</c> when it is not a number.</summary>
    public bool TryGetNumber(out decimal number) => DecimalText.TryParse(Value, out number);
}
