using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage;

/// <summary>
/// Readings in bulk: a year back-filled at once, and every station's values of one kind read in one pass (a network's
/// year assessed from the store). Implemented by both backends beside <see cref="IReadingStore"/>.
/// </summary>
public interface IBulkReadingStore
{
    /// <summary>
    /// Writes readings that came from no HJ 212 packet (a back-fill), in one transaction, by the same rule as
    /// <see cref="IReadingStore.WriteAsync"/>: the same content again changes nothing, different content becomes a new
    /// revision, a reading a reviewer decided on keeps the decision, and the per-day counts follow.
    /// </summary>
    /// <exception cref="ArgumentException">The same reading (station, parameter, kind, period start) is given twice; nothing is written.</exception>
    Task<BulkLoadResult> LoadAsync(IReadOnlyList<Reading> readings, CancellationToken cancellationToken);

    /// <summary>Every series of one kind of reading: what the series numbers in <see cref="ScanAsync"/> stand for.</summary>
    Task<IReadOnlyList<SeriesEntry>> SeriesAsync(ReadingKind kind, CancellationToken cancellationToken);

    /// <summary>
    /// Hands every current reading of the scan's kind and range to <paramref name="sink"/>, in the store's own order
    /// (not sorted). Parts of the range may be read at the same time on several connections, so the sink may be called
    /// from several threads at once, each time for a different reading.
    /// </summary>
    Task ScanAsync(ReadingScan scan, IReadingScanSink sink, CancellationToken cancellationToken);
}

/// <summary>What a bulk load did.</summary>
/// <param name="ReadingsWritten">Readings inserted or revised.</param>
/// <param name="ReadingsUnchanged">Readings already stored with the same content.</param>
public readonly record struct BulkLoadResult(int ReadingsWritten, int ReadingsUnchanged);

/// <summary>A series: one station's one parameter of one kind, and the number readings refer to it by.</summary>
/// <param name="Id">Its number.</param>
/// <param name="StationId">MN.</param>
/// <param name="Parameter">Parameter code.</param>
public sealed record SeriesEntry(long Id, string StationId, string Parameter);

/// <summary>Which readings a scan hands out: current readings of one kind with period start in [From, To).</summary>
/// <param name="Kind">Reading kind.</param>
/// <param name="From">Inclusive start.</param>
/// <param name="To">Exclusive end.</param>
public sealed record ReadingScan(ReadingKind Kind, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Only the readings of these series (<see cref="SeriesEntry.Id"/>); <c>null</c>: of every series of the kind.</summary>
    public SeriesSet? Series { get; init; }

    /// <summary>Whether the scan reads the series numbered <paramref name="series"/> (<see cref="Series"/> holds it, or is null).</summary>
    public bool Reads(long series) => Series is null || Series.IndexOf(series) >= 0;

    /// <summary>The sink itself, or one that passes on only the readings of <see cref="Series"/> (for a store that cannot skip the others unread).</summary>
    public IReadingScanSink OnlyOfSeries(IReadingScanSink sink) => Series is null ? sink : new SeriesFilter(sink, this);

    private sealed class SeriesFilter(IReadingScanSink sink, ReadingScan scan) : IReadingScanSink
    {
        public void Add(in ScannedValue value)
        {
            if (scan.Reads(value.Series))
            {
                sink.Add(value);
            }
        }
    }
}

/// <summary>Receives a scan's readings.</summary>
public interface IReadingScanSink
{
    /// <summary>One reading; may be called from several threads at once.</summary>
    void Add(in ScannedValue value);
}

/// <summary>One current reading as a scan hands it out: no object per reading.</summary>
/// <param name="Series">Its series (<see cref="SeriesEntry.Id"/>).</param>
/// <param name="PeriodStart">Period start, Unix milliseconds (UTC).</param>
/// <param name="UtcOffsetMinutes">The station's offset, in minutes.</param>
/// <param name="Value">The value as stored (<see cref="IReadingStore.ValuesAsync"/> gives it as <c>(decimal)Value</c>).</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Valid">Whether its flag makes it valid data.</param>
public readonly record struct ScannedValue(long Series, long PeriodStart, int UtcOffsetMinutes, double Value, Unit Unit, bool Valid);
