using System.Collections.Concurrent;
using System.Text;

namespace Qingshui.Hj212;

/// <summary>
/// Reuses the strings that recur in every packet (codes, suffixes, MN, ST, CN) so the hot path does not allocate
/// them again. Bounded, so a stream of random garbage cannot grow it.
/// </summary>
public static class TextCache
{
    private const int Capacity = 16_384;
    private const int MaxCachedLength = 32;
    private static readonly ConcurrentDictionary<string, string> Entries = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Entries.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The text of <paramref name="utf8"/>, as <see cref="Encoding.UTF8"/> decodes it.</summary>
    public static string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxCachedLength || !System.Text.Ascii.IsValid(utf8))
        {
            return Encoding.UTF8.GetString(utf8);
        }

        Span<char> chars = stackalloc char[utf8.Length];
        System.Text.Ascii.ToUtf16(utf8, chars, out _);

        if (Lookup.TryGetValue(chars, out string? cached))
        {
            return cached;
        }

        string text = new(chars);
        if (Entries.Count < Capacity)
        {
            Entries.TryAdd(text, text);
        }

        return text;
    }
}
