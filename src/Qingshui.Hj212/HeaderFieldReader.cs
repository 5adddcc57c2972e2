namespace Qingshui.Hj212;

/// <summary>
/// Walks the header fields of a data segment (<c>QN=…;ST=…;CN=…;PW=…;MN=…;Flag=…;</c>, HJ 212-2017 §6.3.2) without
/// allocating: each field is a key and a value sliced from the segment.
/// </summary>
/// <remarks>Empty fields are skipped. A field without <c>=</c>, or with nothing before it, has an empty <see cref="Key"/>.</remarks>
public ref struct HeaderFieldReader
{
    private readonly ReadOnlySpan<byte> _header;
    private int _offset;

    /// <summary>Reads the fields of <paramref name="header"/> (the segment before <c>CP=&amp;&amp;</c>).</summary>
    public HeaderFieldReader(ReadOnlySpan<byte> header)
    {
        _header = header;
        _offset = 0;
    }

    /// <summary>The field's key; empty when the field is malformed.</summary>
    public ReadOnlySpan<byte> Key { get; private set; }

    /// <summary>The field's value.</summary>
    public ReadOnlySpan<byte> Value { get; private set; }

    /// <summary>The whole field.</summary>
    public ReadOnlySpan<byte> Field { get; private set; }

    /// <summary>Offset of the field within the header.</summary>
    public int Offset { get; private set; }

    /// <summary>Moves to the next non-empty field.</summary>
    public bool MoveNext()
    {
        while (_offset < _header.Length)
        {
            int offset = _offset;
            int end = _header[offset..].IndexOf((byte)';');
            int length = end < 0 ? _header.Length - offset : end;
            _offset = offset + length + 1;
            if (length == 0)
            {
                continue;
            }

            ReadOnlySpan<byte> field = _header.Slice(offset, length);
            int eq = field.IndexOf((byte)'=');
            Field = field;
            Offset = offset;
            Key = eq <= 0 ? default : field[..eq];
            Value = eq <= 0 ? default : field[(eq + 1)..];
            return true;
        }

        return false;
    }
}
