using System.Globalization;

namespace Qingshui.Server.Api;

/// <summary>Times in query strings: ISO 8601 with an offset, or without one meaning UTC+8 (the stations' time).</summary>
internal static class QueryTime
{
    /// <summary>The parsed time, or <paramref name="fallback"/> when absent; a bad one is added to <paramref name="errors"/> under <paramref name="name"/>.</summary>
    public static DateTimeOffset Parse(string? text, string name, DateTimeOffset fallback, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset time)
            && (text.EndsWith('Z') || text.Length > 10 && text.AsSpan(10).IndexOfAny('+', '-') >= 0))
        {
            return time;
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), TimeSpan.FromHours(8));
        }

        errors[name] = [$"'{text}' is not an ISO 8601 time (UTC+8 when no offset is given)"];
        return fallback;
    }
}
