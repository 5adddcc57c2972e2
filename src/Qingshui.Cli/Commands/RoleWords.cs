using Qingshui.Domain.Access;

namespace Qingshui.Cli.Commands;

/// <summary>The <c>--role</c> words of <c>users add</c> and <c>tokens issue</c>, and the domain's refusals as usage lines.</summary>
internal static class RoleWords
{
    /// <summary>The roles named; each word that is no role adds a usage line to <paramref name="usage"/>.</summary>
    public static List<Role> Parse(IEnumerable<string> words, List<string> usage)
    {
        var roles = new List<Role>();
        foreach (string word in words)
        {
            if (RoleNames.TryParse(word, out Role role))
            {
                roles.Add(role);
            }
            else
            {
                usage.Add($"--role: '{word}' is not a role ({string.Join(", ", RoleNames.All)})");
            }
        }

        return roles;
    }

    /// <summary>The domain's refusals as usage lines; a mistyped role is reported as such, not again as "no role".</summary>
    public static IEnumerable<string> Refusals(IEnumerable<AccessError> invalid, bool roleMistyped) =>
        invalid.Where(e => e.Field != "role" || !roleMistyped).Select(e => $"--{e.Field}: {e.Message}");
}
