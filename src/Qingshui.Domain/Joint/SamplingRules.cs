using Qingshui.Domain.Access;

namespace Qingshui.Domain.Joint;

/// <summary>Who may record a joint sampling event and import laboratory results: each side its own, a coordinator any.</summary>
public static class SamplingRules
{
    /// <summary>
    /// Why a user may not record an event sampled by <paramref name="sides"/>, or null: a coordinator, or an operator of
    /// an organisation of one of the sides that sampled.
    /// </summary>
    public static string? RefusalToRecord(IReadOnlyCollection<Role> roles, string organisation, string? jurisdiction, IReadOnlyCollection<string> sides)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(sides);
        if (roles.Contains(Role.Coordinator))
        {
            return null;
        }

        return roles.Contains(Role.Operator) && jurisdiction is not null && sides.Contains(jurisdiction)
            ? null
            : $"Organisation '{organisation}' did not sample in this event ({string.Join(", ", sides)}); only an operator of a side that sampled, or a coordinator, may record it.";
    }

    /// <summary>
    /// Why a user may not import <paramref name="results"/>, or null: a coordinator any; an operator or reviewer only
    /// their own side's results (nothing of the other side is changed by anyone else).
    /// </summary>
    public static string? RefusalToImport(IReadOnlyCollection<Role> roles, string organisation, string? jurisdiction, IReadOnlyList<LabResult> results)
    {
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentNullException.ThrowIfNull(results);
        if (roles.Contains(Role.Coordinator))
        {
            return null;
        }

        if (!roles.Contains(Role.Operator) && !roles.Contains(Role.Reviewer))
        {
            return "Importing laboratory results needs the role operator, reviewer or coordinator.";
        }

        string[] others = [.. results.Select(r => r.Jurisdiction).Where(side => side != jurisdiction).Distinct()];
        return others.Length == 0
            ? null
            : $"Organisation '{organisation}' may import only its own side's results; the file has results of {string.Join(", ", others)}.";
    }
}
