using System.Runtime.CompilerServices;

namespace Qingshui.Storage.Assessment;

/// <summary>
/// Stored values (doubles) as the decimals <see cref="IReadingStore.ValuesAsync"/> gives, <c>(decimal)value</c>, through a
/// small per-thread table of conversions already made: instruments report a few decimals over a narrow range, so a
/// year's values repeat, and the table answers most of them for a fraction of the conversion's cost. Each entry holds
/// the double's exact bits with the conversion's own result, so the answer is always the conversion's.
/// </summary>
internal static class StoredValues
{
    private const int Size = 1 << 12;

    [ThreadStatic]
    private static Entry[]? t_entries;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static decimal ToDecimal(double value)
    {
        Entry[] entries = t_entries ??= new Entry[Size];
        long bits = BitConverter.DoubleToInt64Bits(value);
        ref Entry entry = ref entries[(int)((ulong)(bits * unchecked((long)0x9E3779B97F4A7C15)) >> 52)];
        // An empty entry holds bits 0 and 0m: the conversion of +0.0, so it needs no flag.
        if (entry.Bits != bits)
        {
            entry = new Entry(bits, (decimal)value);
        }

        return entry.Value;
    }

    private readonly record struct Entry(long Bits, decimal Value);
}
