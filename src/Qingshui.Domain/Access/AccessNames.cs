namespace Qingshui.Domain.Access;

/// <summary>
/// The rules for identifiers and names typed by people: user names and organisation ids, display names.
/// </summary>
/// <remarks>
/// Identifiers are 2–64 characters of lower-case ASCII letters, digits, '.', '_' and '-', starting with a letter or digit,
/// so that they read the same in a URL, a log line, a shell and a cookie, and cannot imitate each other with look-alike
/// letters. Display names are 1–100 characters of any script (Chinese names are the norm) without control characters.
/// </remarks>
public static class AccessNames
{
    /// <summary>Shortest identifier.</summary>
    public const int MinIdLength = 2;

    /// <summary>Longest identifier.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Longest display name.</summary>
    public const int MaxDisplayLength = 100;

    /// <summary>Why <paramref name="id"/> is not an identifier; <c>null</c> when it is one.</summary>
    public static AccessError? CheckId(string field, string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return new AccessError(field, "is required");
        }

        if (id.Length is < MinIdLength or > MaxIdLength)
        {
            return new AccessError(field, $"must be {MinIdLength}–{MaxIdLength} characters");
        }

        if (!char.IsAsciiLetterLower(id[0]) && !char.IsAsciiDigit(id[0]))
        {
            return new AccessError(field, "must start with a lower-case letter or a digit");
        }

        foreach (char c in id)
        {
            if (!char.IsAsciiLetterLower(c) && !char.IsAsciiDigit(c) && c is not ('.' or '_' or '-'))
            {
                return new AccessError(field, $"may hold only a-z, 0-9, '.', '_' and '-' ('{Printable(c)}' is not allowed)");
            }
        }

        return null;
    }

    /// <summary>Why <paramref name="text"/> is not a display name; <c>null</c> when it is one.</summary>
    public static AccessError? CheckDisplayName(string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new AccessError(field, "is required");
        }

        if (text.Length > MaxDisplayLength)
        {
            return new AccessError(field, $"must be at most {MaxDisplayLength} characters");
        }

        if (text.Trim().Length != text.Length)
        {
            return new AccessError(field, "must not start or end with spaces");
        }

        foreach (char c in text)
        {
            if (char.IsControl(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator)
            {
                return new AccessError(field, "must not hold control or formatting characters");
            }
        }

        return null;
    }

    private static string Printable(char c) => char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString();
}
