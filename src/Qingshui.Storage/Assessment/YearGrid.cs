using Qingshui.Domain.Assessment;
using Qingshui.Domain.Parameters;

namespace Qingshui.Storage.Assessment;

/// <summary>
/// A year of regular values (a fixed number a day, such as the six four-hourly values of national automatic stations)
/// for every section's station and GB 3838 item, in arrays: what <see cref="PeriodAggregator.MonthlyAndAnnual"/> reads.
/// Filled from a store scan (it is the scan's sink) or from memory; a slot no value reached counts as not valid.
/// </summary>
/// <remarks>
/// A value becomes an item's as <see cref="Observations.TryFrom"/> makes it one: the parameter's item, in the item's unit.
/// Values off the grid (outside the year, or between its slots) and values of series not bound are counted, not kept.
/// </remarks>
public sealed class YearGrid : IReadingScanSink
{
    private readonly Dictionary<string, int> _stations = new(StringComparer.Ordinal);
    private readonly Dictionary<StandardItem, ItemSeries>[] _items;
    private readonly long _firstLocal, _slotMilliseconds, _span;
    private SeriesSet _series = new([]);
    private ItemSeries[] _targets = [];
    private readonly StripedCounter _offGrid = new(), _notBound = new(), _unconvertible = new(), _repeated = new();

    /// <summary>An empty grid for the local <paramref name="year"/> of <paramref name="sections"/>.</summary>
    public YearGrid(IReadOnlyList<SectionStation> sections, int year, TimeSpan offset, int valuesPerDay)
    {
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9998);
        if (valuesPerDay < 1 || 1440 % valuesPerDay != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(valuesPerDay), valuesPerDay, "values per day must divide a day into whole minutes");
        }

        Sections = sections;
        FirstDay = new DateOnly(year, 1, 1);
        ValuesPerDay = valuesPerDay;
        SlotCount = (DateTime.IsLeapYear(year) ? 366 : 365) * valuesPerDay;
        Offset = offset;
        _firstLocal = new DateTimeOffset(FirstDay.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds();
        _slotMilliseconds = 86_400_000L / valuesPerDay;
        _span = _slotMilliseconds * SlotCount;
        _items = new Dictionary<StandardItem, ItemSeries>[sections.Count];
        for (int i = 0; i < sections.Count; i++)
        {
            if (!_stations.TryAdd(sections[i].StationId, i))
            {
                throw new ArgumentException($"sections[{i}]: station {sections[i].StationId} already stands for section {sections[_stations[sections[i].StationId]].SectionId}", nameof(sections));
            }

            _items[i] = [];
        }
    }

    /// <summary>The sections, in the order given.</summary>
    public IReadOnlyList<SectionStation> Sections { get; }

    /// <summary>The year's first local day.</summary>
    public DateOnly FirstDay { get; }

    /// <summary>Values a day.</summary>
    public int ValuesPerDay { get; }

    /// <summary>Slots of each station's item: days × values a day.</summary>
    public int SlotCount { get; }

    /// <summary>The offset the year's days are counted in (UTC+8 for China).</summary>
    public TimeSpan Offset { get; }

    /// <summary>Where the year starts and ends, as instants in <see cref="Offset"/>: the range to scan.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Range
    {
        get
        {
            var from = new DateTimeOffset(FirstDay.ToDateTime(TimeOnly.MinValue), Offset);
            return (from, from.AddMilliseconds(_span));
        }
    }

    /// <summary>
    /// Values left out: off the grid, of series not bound (none when the scan was limited to <see cref="BoundSeries"/>, as
    /// <see cref="YearClasses.ReadAsync"/> limits it), in a unit that does not convert, or in a slot already filled.
    /// </summary>
    public (long OffGrid, long NotBound, long Unconvertible, long Repeated) LeftOut =>
        (_offGrid.Value, _notBound.Value, _unconvertible.Value, _repeated.Value);

    /// <summary>The values of one section's item, or null when none was bound or put.</summary>
    public (ReadOnlyMemory<decimal> Values, ReadOnlyMemory<bool> Valid)? Of(int section, StandardItem item) =>
        _items[section].TryGetValue(item, out ItemSeries? s) ? (s.Values, s.Valid) : null;

    /// <summary>The series <see cref="Bind"/> bound: what a scan needs to read (the others would be left out).</summary>
    public SeriesSet BoundSeries => _series;

    /// <summary>The items each section has values of.</summary>
    public IEnumerable<StandardItem> ItemsOf(int section) => _items[section].Keys;

    /// <summary>
    /// Binds a store's series to the grid before a scan: those of the sections' stations whose parameter measures a
    /// GB 3838 item. Makes every array the scan will fill, so the scan's threads only write values.
    /// </summary>
    public void Bind(IReadOnlyList<SeriesEntry> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var ids = new List<long>();
        var targets = new List<ItemSeries>();
        foreach (SeriesEntry entry in series)
        {
            if (_stations.TryGetValue(entry.StationId, out int station) && StandardItems.ForParameter(entry.Parameter) is StandardItem item)
            {
                ids.Add(entry.Id);
                targets.Add(SeriesOf(station, item));
            }
        }

        _series = new SeriesSet(ids);
        _targets = [.. targets];
    }

    /// <summary>Puts one value straight into the grid (not thread-safe): the in-memory path, for values already in the item's unit.</summary>
    public void Put(int section, StandardItem item, int slot, decimal value, bool valid)
    {
        ArgumentNullException.ThrowIfNull(item);
        ItemSeries target = SeriesOf(section, item);
        target.Values[slot] = value;
        target.Valid[slot] = valid;
    }

    /// <inheritdoc />
    public void Add(in ScannedValue value)
    {
        int index = _series.IndexOf(value.Series);
        if (index < 0)
        {
            _notBound.Increment();
            return;
        }

        ItemSeries target = _targets[index];
        long delta = value.PeriodStart + (value.UtcOffsetMinutes * 60_000L) - _firstLocal;
        (long slot, long between) = Math.DivRem(delta, _slotMilliseconds);
        if ((ulong)delta >= (ulong)_span || between != 0)
        {
            _offGrid.Increment();
            return;
        }

        // As IReadingStore.ValuesAsync gives the value, then as Observations.TryFrom converts it.
        decimal converted = StoredValues.ToDecimal(value.Value);
        if (value.Unit != target.Item.Unit && !UnitConversion.TryConvert(converted, value.Unit, target.Item.Unit, out converted))
        {
            _unconvertible.Increment();
            return;
        }

        if (target.Present[slot])
        {
            _repeated.Increment();
        }

        target.Values[slot] = converted;
        target.Valid[slot] = value.Valid;
        target.Present[slot] = true;
    }

    private ItemSeries SeriesOf(int section, StandardItem item)
    {
        if (!_items[section].TryGetValue(item, out ItemSeries? series))
        {
            series = new ItemSeries(item, SlotCount);
            _items[section][item] = series;
        }

        return series;
    }

    // The arrays live as long as the grid and are made all at once (a network's year: 25,000 series, 1 GB): on the pinned
    // heap the collector never copies them from generation to generation, which made an empty grid of the whole network
    // take 7 s instead of 1 s.
    private sealed class ItemSeries(StandardItem item, int slots)
    {
        public StandardItem Item { get; } = item;

        public decimal[] Values { get; } = GC.AllocateArray<decimal>(slots, pinned: true);

        public bool[] Valid { get; } = GC.AllocateArray<bool>(slots, pinned: true);

        public bool[] Present { get; } = GC.AllocateArray<bool>(slots, pinned: true);
    }
}
