using System.Runtime.InteropServices;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Readings;
using Qingshui.Storage;

namespace Qingshui.Server.Api;

/// <summary>One point of a series: bucket start, mean, minimum, maximum and count of valid values.</summary>
internal readonly record struct SeriesPoint(DateTimeOffset Time, decimal Mean, decimal Min, decimal Max, int Count);

/// <summary>
/// A section's hourly or daily points of one item computed straight from the stations' packed hourly values
/// (<see cref="IPackedValuesReader"/>): the points <see cref="SectionData.Downsample"/> makes of the observations
/// <see cref="ReadingSelection"/> selects, without an object per value.
/// </summary>
internal static class SeriesFromDays
{
    /// <summary>
    /// The points, or null when this read cannot answer alone: the store keeps no packed days, or a station has no hourly
    /// value in the range (its data may then be of another kind, which <see cref="ReadingSelection"/> would take instead).
    /// </summary>
    public static async Task<SeriesPoint[]?> PointsAsync(
        IReadingStore store, IReadOnlyList<string> stations, StandardItem item, string parameter, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket,
        CancellationToken cancellationToken)
    {
        if (store is not IPackedValuesReader reader || stations.Count == 0)
        {
            return null;
        }

        PackedValues packed = await reader.PackedValuesAsync(stations, parameter, ReadingKind.Hour, from, to, cancellationToken);
        var keyed = new List<Keyed>();
        for (int s = 0; s < packed.Stations; s++)
        {
            ReadOnlySpan<PackedValue> values = packed.Of(s);
            if (values.IsEmpty)
            {
                return null;
            }

            foreach (PackedValue v in values)
            {
                // The same conversions as the value path: stored double → decimal, then the item's unit; invalid values are no point's.
                DateTimeOffset time = DateTimeOffset.FromUnixTimeMilliseconds(v.Start).ToOffset(TimeSpan.FromMinutes(v.OffsetMinutes));
                if (Observations.TryFrom(parameter, time, (decimal)v.Value, v.Unit, v.Valid, out Observation observation)
                    && observation.Item == item && observation.Valid)
                {
                    DateTimeOffset key = SectionData.Bucket(time, bucket);
                    keyed.Add(new Keyed(key.UtcTicks, keyed.Count, key, observation.Value));
                }
            }
        }

        // By bucket, each bucket's values in the order read (stations as listed, then time), as Downsample's grouping keeps them.
        Span<Keyed> all = CollectionsMarshal.AsSpan(keyed);
        all.Sort(static (a, b) => a.Ticks != b.Ticks ? a.Ticks.CompareTo(b.Ticks) : a.Order.CompareTo(b.Order));
        var points = new List<SeriesPoint>();
        var window = new Window(all.Length);
        for (int i = 0; i < all.Length;)
        {
            int end = i + 1;
            while (end < all.Length && all[end].Ticks == all[i].Ticks)
            {
                end++;
            }

            window.Fill(all[i..end]);
            points.Add(new SeriesPoint(all[i].Time, PeriodAggregator.Mean(item, window), window.Min(), window.Max(), window.Count));
            i = end;
        }

        return [.. points];
    }

    private readonly record struct Keyed(long Ticks, int Order, DateTimeOffset Time, decimal Value);

    /// <summary>One bucket's values, reused from bucket to bucket.</summary>
    private sealed class Window(int capacity) : IReadOnlyList<decimal>
    {
        private readonly decimal[] _values = new decimal[Math.Max(1, capacity)];

        public int Count { get; private set; }

        public decimal this[int index] => index < Count ? _values[index] : throw new ArgumentOutOfRangeException(nameof(index));

        public void Fill(ReadOnlySpan<Keyed> values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                _values[i] = values[i].Value;
            }

            Count = values.Length;
        }

        // As Enumerable.Min and Max: the first of equal values is kept (equal decimals may differ in scale, which JSON shows).
        public decimal Min()
        {
            decimal min = _values[0];
            for (int i = 1; i < Count; i++)
            {
                if (_values[i] < min)
                {
                    min = _values[i];
                }
            }

            return min;
        }

        public decimal Max()
        {
            decimal max = _values[0];
            for (int i = 1; i < Count; i++)
            {
                if (_values[i] > max)
                {
                    max = _values[i];
                }
            }

            return max;
        }

        public IEnumerator<decimal> GetEnumerator()
        {
            for (int i = 0; i < Count; i++)
            {
                yield return _values[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
