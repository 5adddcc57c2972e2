namespace Qingshui.Domain.Joint;

/// <summary>
/// 轮值召集: the jurisdictions convene joint meetings in turn. The next convenor is the one after the last meeting's
/// convenor in the basin's order of jurisdictions; with no meeting yet (or a last convenor that is not a jurisdiction,
/// such as the joint office), the first.
/// </summary>
public static class ConvenorRotation
{
    /// <summary>The suggested next convenor among <paramref name="jurisdictions"/> (in the basin's order), or <c>null</c> when there are none.</summary>
    public static string? Next(IReadOnlyList<string> jurisdictions, string? lastConvenor)
    {
        ArgumentNullException.ThrowIfNull(jurisdictions);
        if (jurisdictions.Count == 0)
        {
            return null;
        }

        int last = lastConvenor is null ? -1 : jurisdictions.ToList().IndexOf(lastConvenor);
        return jurisdictions[(last + 1) % jurisdictions.Count];
    }
}
