using Qingshui.Domain.Access;
using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Joint;

/// <summary>When a discrepancy opens and who may close it.</summary>
public static class DiscrepancyRules
{
    /// <summary>Longest closing text.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>
    /// The discrepancies a comparison shows: each day or month that is over by <paramref name="today"/> (a period still
    /// under way may yet come right) in which the two stations differ beyond the tolerance.
    /// </summary>
    public static IReadOnlyList<Discrepancy> Find(StationPair pair, IEnumerable<PeriodComparison> comparisons, DateOnly today, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(comparisons);
        return [.. comparisons
            .Where(c => c.Exceeds && c.Period.End <= today && c.Period.Kind is PeriodKind.Day or PeriodKind.Month)
            .Select(c => new Discrepancy(0, pair.Section, pair.A.DeviceId, pair.B.DeviceId, pair.Jurisdictions, c.Item.Id, c.Period,
                c.MeanA!.Value, c.MeanB!.Value, c.Difference!.Value.Difference, c.Tolerance!.Describe(), now, null))];
    }

    /// <summary>
    /// Why a user may not close <paramref name="discrepancy"/>, or null when they may: a coordinator, or an operator or
    /// reviewer of an organisation of one of its jurisdictions (either side).
    /// </summary>
    /// <param name="discrepancy">The discrepancy.</param>
    /// <param name="roles">The user's roles.</param>
    /// <param name="organisation">The user's organisation id.</param>
    /// <param name="jurisdiction">The jurisdiction the organisation stands for, or null (joint office, observers).</param>
    public static string? RefusalToClose(Discrepancy discrepancy, IReadOnlyCollection<Role> roles, string organisation, string? jurisdiction)
    {
        ArgumentNullException.ThrowIfNull(discrepancy);
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Contains(Role.Coordinator))
        {
            return null;
        }

        if (!roles.Contains(Role.Operator) && !roles.Contains(Role.Reviewer))
        {
            return "Closing a discrepancy needs the role operator, reviewer or coordinator.";
        }

        return jurisdiction is not null && discrepancy.Jurisdictions.Contains(jurisdiction)
            ? null
            : $"Organisation '{organisation}' is not of a jurisdiction of discrepancy {discrepancy.Id} ({string.Join(", ", discrepancy.Jurisdictions)}); "
                + "only their operators or reviewers, or a coordinator, may close it.";
    }
}
