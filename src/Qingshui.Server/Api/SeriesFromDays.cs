using System.Runtime.CompilerServices;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Readings;
using Qingshui.Server.Api.Contracts;
using Qingshui.Storage;

namespace Qingshui.Server.Api;

/// <summary>
/// A section's hourly or daily points of one item computed straight from the stations' packed hourly values
/// (<see cref="IPackedValuesReader"/>) and written as JSON point by point: the answer <see cref="SectionData.Downsample"/>
/// and the serialiser make of the observations <see cref="ReadingSelection"/> selects, without an object per value or point.
/// </summary>
internal static class SeriesFromDays
{
    private static readonly long Beijing = TimeSpan.FromHours(8).Ticks;

    /// <summary>
    /// The answer, or null when this read cannot answer alone: the store keeps no packed days, or a station has no hourly
    /// value in the range (its data may then be of another kind, which <see cref="ReadingSelection"/> would take instead).
    /// </summary>
    public static async Task<JsonAnswer?> AnswerAsync(
        IReadingStore store, IReadOnlyList<string> stations, StandardItem item, DateTimeOffset from, DateTimeOffset to, TimeSpan bucket, SeriesDto series,
        CancellationToken cancellationToken)
    {
        if (store is not IPackedValuesReader reader || stations.Count == 0)
        {
            return null;
        }

        PackedValues packed = await reader.PackedValuesAsync(stations, series.Parameter, ReadingKind.Hour, from, to, cancellationToken);
        for (int s = 0; s < packed.Stations; s++)
        {
            if (packed.Of(s).IsEmpty)
            {
                return null;
            }
        }

        return Write(packed, item, bucket.Ticks, series);
    }

    // The first asking of a month runs this once per answer, many answers at once: optimised from the first call.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static JsonAnswer Write(PackedValues packed, StandardItem item, long span, SeriesDto series)
    {
        int stations = packed.Stations;
        Span<int> next = stations <= 64 ? stackalloc int[stations] : new int[stations];
        var window = new Window(stations * (int)Math.Max(1, span / TimeSpan.TicksPerHour) + 1);
        using SeriesJson json = SeriesJson.Start(series);
        while (true)
        {
            // The earliest bucket any station has a valid value in, then each station's values in it, in station order
            // (as Downsample's grouping keeps the order read: stations as listed, then time).
            long first = long.MaxValue;
            for (int s = 0; s < stations; s++)
            {
                ReadOnlySpan<PackedValue> values = packed.Of(s);
                int i = next[s];
                while (i < values.Length && !values[i].Valid)
                {
                    i++;
                }

                next[s] = i;
                if (i < values.Length)
                {
                    first = Math.Min(first, BucketOf(values[i], span));
                }
            }

            if (first == long.MaxValue)
            {
                return json.End();
            }

            window.Clear();
            for (int s = 0; s < stations; s++)
            {
                ReadOnlySpan<PackedValue> values = packed.Of(s);
                int i = next[s];
                for (; i < values.Length && BucketOf(values[i], span) == first; i++)
                {
                    // The same conversions as the value path: stored double → decimal, then the item's unit.
                    PackedValue v = values[i];
                    if (v.Valid && UnitConversion.TryConvert((decimal)v.Value, v.Unit, item.Unit, out decimal converted))
                    {
                        window.Add(converted);
                    }
                }

                next[s] = i;
            }

            if (window.Count > 0)
            {
                json.Point(new DateTimeOffset(first, TimeSpan.FromTicks(Beijing)), PeriodAggregator.Mean(item, window), window.Min(), window.Max(), window.Count);
            }
        }
    }

    // The start of the value's bucket in Beijing time, as local ticks (SectionData.Bucket without building the times).
    private static long BucketOf(in PackedValue value, long span)
    {
        long local = DateTimeOffset.UnixEpoch.Ticks + (value.Start * TimeSpan.TicksPerMillisecond) + Beijing;
        return local - (local % span);
    }

    /// <summary>One bucket's values, reused from bucket to bucket.</summary>
    private sealed class Window(int capacity) : IReadOnlyList<decimal>
    {
        private decimal[] _values = new decimal[capacity];

        public int Count { get; private set; }

        public decimal this[int index] => index < Count ? _values[index] : throw new ArgumentOutOfRangeException(nameof(index));

        public void Clear() => Count = 0;

        public void Add(decimal value)
        {
            if (Count == _values.Length)
            {
                Array.Resize(ref _values, _values.Length * 2);
            }

            _values[Count++] = value;
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
