namespace Qingshui.Domain.Access;

/// <summary>What a user may do (角色). A closed set: rights are granted by these roles, never by names typed elsewhere.</summary>
public enum Role
{
    /// <summary>Reads what its organisation may see.</summary>
    Viewer,

    /// <summary>Runs its own jurisdiction's stations: register, credentials, host commands.</summary>
    Operator,

    /// <summary>Reviews its own stations' data.</summary>
    Reviewer,

    /// <summary>Signs its own party's side of a ledger.</summary>
    Finance,

    /// <summary>Joint office work: alerts, meetings.</summary>
    Coordinator,

    /// <summary>Manages users and settings.</summary>
    Admin,
}

/// <summary>The wire and command-line words for <see cref="Role"/>: lower case, one word each.</summary>
public static class RoleNames
{
    private static readonly Dictionary<string, Role> ByName = Enum.GetValues<Role>().ToDictionary(Text, StringComparer.Ordinal);

    /// <summary>Every role's word, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<Role>().Select(Text)];

    /// <summary>The role's word (<c>viewer</c>, <c>operator</c>, …).</summary>
    public static string Text(Role role) => role.ToString().ToLowerInvariant();

    /// <summary>The role a word names; only the exact lower-case words are accepted.</summary>
    public static bool TryParse(string? text, out Role role) => ByName.TryGetValue(text ?? "", out role);
}
