namespace Qingshui.Domain.Access;

/// <summary>What a password must be. Length is the one rule that measurably helps (NIST SP 800-63B §5.1.1.2); no composition rules.</summary>
public static class PasswordRules
{
    /// <summary>Shortest password accepted.</summary>
    public const int MinLength = 12;

    /// <summary>Longest password accepted (bounds the hashing work a request can ask for).</summary>
    public const int MaxLength = 256;

    /// <summary>Why <paramref name="password"/> is refused; <c>null</c> when it is accepted.</summary>
    public static AccessError? Check(string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return new AccessError("password", "is required");
        }

        if (password.Length is < MinLength or > MaxLength)
        {
            return new AccessError("password", $"must be {MinLength}–{MaxLength} characters");
        }

        return password.Any(char.IsControl) ? new AccessError("password", "must not hold control characters") : null;
    }
}
