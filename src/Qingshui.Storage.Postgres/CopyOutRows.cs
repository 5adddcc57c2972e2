using System.Buffers.Binary;
using System.Text;
using Qingshui.Domain.Parameters;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// The rows of <c>COPY (SELECT series, period_start, utc_offset, value, unit, valid …) TO STDOUT (FORMAT BINARY)</c>, read
/// straight off the copy stream: a row is a field count and, per field, a length and big-endian bytes, so reading one
/// costs a few loads, with no per-field call into the driver. The unit text is parsed only when it differs from the row
/// before's.
/// </summary>
internal sealed class CopyOutRows(Stream stream)
{
    // "PGCOPY\n\377\r\n\0": byte 0xFF is not a character a UTF-8 literal could hold.
    private static readonly byte[] Signature = [(byte)'P', (byte)'G', (byte)'C', (byte)'O', (byte)'P', (byte)'Y', (byte)'\n', 0xFF, (byte)'\r', (byte)'\n', 0];
    private const int Fields = 6;

    private readonly byte[] _buffer = new byte[1 << 16];
    private int _start, _end;
    private byte[] _unitBytes = [];
    private Unit _unit = Unit.Unspecified;

    /// <summary>Hands every row to <paramref name="sink"/>, up to the stream's trailer.</summary>
    public async Task ReadAsync(IReadingScanSink sink, CancellationToken cancellationToken)
    {
        await SkipHeaderAsync(cancellationToken);
        while (true)
        {
            int used = TryRow(_buffer.AsSpan(_start, _end - _start), sink, out bool trailer);
            if (trailer)
            {
                return;
            }

            if (used > 0)
            {
                _start += used;
            }
            else if (!await FillAsync(cancellationToken))
            {
                throw new StoreException("PostgreSQL's COPY stream ended inside a row", isTransient: true);
            }
        }
    }

    // Parses as many whole rows as the span holds; returns the bytes they took.
    private int TryRow(ReadOnlySpan<byte> data, IReadingScanSink sink, out bool trailer)
    {
        trailer = false;
        int at = 0;
        while (data.Length - at >= 2)
        {
            short count = BinaryPrimitives.ReadInt16BigEndian(data[at..]);
            if (count == -1)
            {
                trailer = true;
                return at + 2;
            }

            if (count != Fields)
            {
                throw new StoreException($"PostgreSQL's COPY row has {count} fields, not {Fields}", isTransient: false);
            }

            // Fixed-size fields first: series (8), period_start (8), utc_offset (4), value (8); then unit (text), valid (4).
            int p = at + 2;
            if (data.Length - p < 12 + 12 + 8 + 12 + 4)
            {
                break;
            }

            long series = Int64(data, ref p), start = Int64(data, ref p);
            int offset = Int32(data, ref p);
            double value = BitConverter.Int64BitsToDouble(Int64(data, ref p));
            int unitLength = Length(data, p);
            p += 4;
            if (data.Length - p < unitLength + 8)
            {
                break;
            }

            ReadOnlySpan<byte> unit = data.Slice(p, unitLength);
            p += unitLength;
            int valid = Int32(data, ref p);
            if (!unit.SequenceEqual(_unitBytes))
            {
                _unitBytes = unit.ToArray();
                _ = UnitText.TryParse(Encoding.UTF8.GetString(_unitBytes), out _unit);
            }

            sink.Add(new ScannedValue(series, start, offset, value, _unit, valid != 0));
            at = p;
        }

        return at;
    }

    private static long Int64(ReadOnlySpan<byte> data, ref int p)
    {
        Expect(Length(data, p), 8);
        long v = BinaryPrimitives.ReadInt64BigEndian(data[(p + 4)..]);
        p += 12;
        return v;
    }

    private static int Int32(ReadOnlySpan<byte> data, ref int p)
    {
        Expect(Length(data, p), 4);
        int v = BinaryPrimitives.ReadInt32BigEndian(data[(p + 4)..]);
        p += 8;
        return v;
    }

    private static int Length(ReadOnlySpan<byte> data, int p)
    {
        int length = BinaryPrimitives.ReadInt32BigEndian(data[p..]);
        return length >= 0 ? length : throw new StoreException("PostgreSQL's COPY row has a null where the schema has none", isTransient: false);
    }

    private static void Expect(int length, int expected)
    {
        if (length != expected)
        {
            throw new StoreException($"PostgreSQL's COPY field is {length} bytes, not {expected}", isTransient: false);
        }
    }

    private async Task SkipHeaderAsync(CancellationToken cancellationToken)
    {
        while (_end - _start < Signature.Length + 8)
        {
            if (!await FillAsync(cancellationToken))
            {
                throw new StoreException("PostgreSQL's COPY stream ended inside its header", isTransient: true);
            }
        }

        if (!_buffer.AsSpan(_start, Signature.Length).SequenceEqual(Signature))
        {
            throw new StoreException("PostgreSQL's COPY stream does not start with the binary signature", isTransient: false);
        }

        int extension = BinaryPrimitives.ReadInt32BigEndian(_buffer.AsSpan(_start + Signature.Length + 4));
        _start += Signature.Length + 8;
        while (extension > 0)
        {
            if (_end == _start && !await FillAsync(cancellationToken))
            {
                throw new StoreException("PostgreSQL's COPY stream ended inside its header", isTransient: true);
            }

            int skip = Math.Min(extension, _end - _start);
            _start += skip;
            extension -= skip;
        }
    }

    // Moves what is left to the front and reads more after it; false at the end of the stream.
    private async Task<bool> FillAsync(CancellationToken cancellationToken)
    {
        int left = _end - _start;
        _buffer.AsSpan(_start, left).CopyTo(_buffer);
        (_start, _end) = (0, left);
        if (_end == _buffer.Length)
        {
            throw new StoreException("PostgreSQL's COPY row is larger than the read buffer", isTransient: false);
        }

        int read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        _end += read;
        return read > 0;
    }
}
