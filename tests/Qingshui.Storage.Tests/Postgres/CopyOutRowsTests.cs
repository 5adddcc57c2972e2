using System.Buffers.Binary;
using System.Text;
using Qingshui.Domain.Parameters;
using Qingshui.Storage.Postgres;

namespace Qingshui.Storage.Tests.Postgres;

/// <summary>The rows of a binary COPY stream, however the stream cuts them.</summary>
public sealed class CopyOutRowsTests
{
    private static readonly ScannedValue[] Rows =
    [
        new(7, 1_672_502_400_000, 480, 0.123, Unit.MilligramPerLitre, true),
        new(8, 1_672_516_800_000, 480, 7.45, Unit.Dimensionless, false),
        new(9, -3_600_000, -300, 41.5, Unit.MicrogramPerLitre, true),
        new(9, 0, 0, 0.0, Unit.MicrogramPerLitre, true),
    ];

    [Fact]
    public async Task ReadAsync_StreamCutAtEveryByte_GivesEveryRowOnce()
    {
        byte[] stream = Stream(Rows.Select(Row));

        for (int cut = 1; cut <= stream.Length; cut++)
        {
            var sink = new Sink();
            await new CopyOutRows(new CuttingStream(stream, cut)).ReadAsync(sink, TestContext.Current.CancellationToken);
            Assert.Equal(Rows, sink.Values);
        }
    }

    [Fact]
    public async Task ReadAsync_StreamEndingInsideARow_FailsAsTransient()
    {
        byte[] stream = Stream(Rows.Select(Row));

        StoreException failure = await Assert.ThrowsAsync<StoreException>(() =>
            new CopyOutRows(new MemoryStream(stream[..^10])).ReadAsync(new Sink(), TestContext.Current.CancellationToken));

        Assert.True(failure.IsTransient);
    }

    [Fact]
    public async Task ReadAsync_ANullWhereTheSchemaHasNone_IsRefused()
    {
        byte[] row = Row(Rows[0]);
        BinaryPrimitives.WriteInt32BigEndian(row.AsSpan(2 + 12 + 12 + 8), -1); // the value's length: null

        StoreException failure = await Assert.ThrowsAsync<StoreException>(() =>
            new CopyOutRows(new MemoryStream(Stream([row]))).ReadAsync(new Sink(), TestContext.Current.CancellationToken));

        Assert.Contains("null", failure.Message, StringComparison.Ordinal);
    }

    // Signature, flags, a four-byte header extension, the rows, the trailer.
    private static byte[] Stream(IEnumerable<byte[]> rows)
    {
        var bytes = new List<byte>("PGCOPY\n"u8.ToArray()) { 0xFF, (byte)'\r', (byte)'\n', 0 };
        bytes.AddRange(new byte[] { 0, 0, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4 });
        foreach (byte[] row in rows)
        {
            bytes.AddRange(row);
        }

        bytes.AddRange(new byte[] { 0xFF, 0xFF });
        return [.. bytes];
    }

    private static byte[] Row(ScannedValue v)
    {
        byte[] unit = Encoding.UTF8.GetBytes(UnitText.Symbol(v.Unit));
        var row = new byte[2 + 12 + 12 + 8 + 12 + 4 + unit.Length + 8];
        Span<byte> s = row;
        BinaryPrimitives.WriteInt16BigEndian(s, 6);
        int p = 2;
        p = Field(s, p, 8, b => BinaryPrimitives.WriteInt64BigEndian(b, v.Series));
        p = Field(s, p, 8, b => BinaryPrimitives.WriteInt64BigEndian(b, v.PeriodStart));
        p = Field(s, p, 4, b => BinaryPrimitives.WriteInt32BigEndian(b, v.UtcOffsetMinutes));
        p = Field(s, p, 8, b => BinaryPrimitives.WriteDoubleBigEndian(b, v.Value));
        p = Field(s, p, unit.Length, b => unit.CopyTo(b));
        Field(s, p, 4, b => BinaryPrimitives.WriteInt32BigEndian(b, v.Valid ? 1 : 0));
        return row;
    }

    private static int Field(Span<byte> row, int at, int length, SpanAction write)
    {
        BinaryPrimitives.WriteInt32BigEndian(row[at..], length);
        write(row.Slice(at + 4, length));
        return at + 4 + length;
    }

    private delegate void SpanAction(Span<byte> bytes);

    private sealed class Sink : IReadingScanSink
    {
        public List<ScannedValue> Values { get; } = [];

        public void Add(in ScannedValue value) => Values.Add(value);
    }

    // Gives at most `cut` bytes a read.
    private sealed class CuttingStream(byte[] data, int cut) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, cut)], cancellationToken);
    }
}
