using System.Globalization;

namespace Qingshui.Storage;

/// <summary>How the stores write times and days they keep as text (the same on every backend, so rows copy as they are).</summary>
public static class StoredText
{
    /// <summary>A time as ISO 8601 with its offset.</summary>
    public static string Time(DateTimeOffset time) => time.ToString("o", CultureInfo.InvariantCulture);

    /// <summary>A time written by <see cref="Time"/>, with its offset.</summary>
    public static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
