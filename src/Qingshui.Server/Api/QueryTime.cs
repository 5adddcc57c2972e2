using System.Globalization;

namespace Qingshui.Server.Api;

/// <summary>
/// Times, months and years in query strings, checked once at the edge so no query can ask for an impossible date or an
/// unbounded amount of work: ISO 8601 with an offset, or without one meaning UTC+8 (the stations' time).
/// </summary>
/// <remarks>
/// Plausible times lie in the years <see cref="FirstYear"/>–<see cref="LastYear"/> (Beijing time): no monitoring data is
/// older, and anything later is a typo. Outside them a time is an error naming its parameter, never an exception.
/// </remarks>
internal static class QueryTime
{
    public const int FirstYear = 1970;
    public const int LastYear = 2099;

    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>The parsed time, or <paramref name="fallback"/> when absent; a bad one is added to <paramref name="errors"/> under <paramref name="name"/>.</summary>
    public static DateTimeOffset Parse(string? text, string name, DateTimeOffset fallback, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        bool hasOffset = text.EndsWith('Z') || text.Length > 10 && text.AsSpan(10).IndexOfAny('+', '-') >= 0;
        if (hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset time))
        {
            return InRange(time.ToOffset(Beijing).Year, text, name, errors) ? time : fallback;
        }

        // Without an offset the text is read as it stands (no machine zone) and placed at UTC+8 once its year is known to fit.
        if (!hasOffset && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            return InRange(local.Year, text, name, errors) ? new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Beijing) : fallback;
        }

        errors[name] = [$"'{text}' is not an ISO 8601 time (UTC+8 when no offset is given)"];
        return fallback;
    }

    /// <summary>The start of a month given as <c>YYYY-MM</c> (Beijing time), or null with an error under <paramref name="name"/>.</summary>
    public static DateTimeOffset? ParseMonth(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null || !DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly start))
        {
            errors[name] = [$"'{text}' is not a month like 2025-06"];
            return null;
        }

        return InRange(start.Year, text, name, errors) ? new DateTimeOffset(start, TimeOnly.MinValue, Beijing) : null;
    }

    /// <summary>Whether <paramref name="year"/> is plausible; if not, an error under <paramref name="name"/>.</summary>
    public static bool CheckYear(int year, string name, Dictionary<string, string[]> errors) =>
        InRange(year, year.ToString(CultureInfo.InvariantCulture), name, errors);

    /// <summary>
    /// Checks that <paramref name="start"/> is before <paramref name="end"/> and the span is at most <paramref name="longest"/>
    /// (described as <paramref name="longestText"/>); errors go under <c>from</c>, the parameter to change.
    /// </summary>
    public static void CheckSpan(DateTimeOffset start, DateTimeOffset end, TimeSpan longest, string longestText, Dictionary<string, string[]> errors)
    {
        if (errors.ContainsKey("from") || errors.ContainsKey("to"))
        {
            return;
        }

        if (start >= end)
        {
            errors["from"] = ["must be before 'to'"];
        }
        else if (end - start > longest)
        {
            errors["from"] = [$"at most {longestText} per request; ask for the rest in further requests"];
        }
    }

    private static bool InRange(int year, string text, string name, Dictionary<string, string[]> errors)
    {
        if (year is >= FirstYear and <= LastYear)
        {
            return true;
        }

        errors[name] = [$"'{text}' is outside the years {FirstYear}–{LastYear}"];
        return false;
    }
}
