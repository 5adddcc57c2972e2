using Qingshui.Domain.Network;

namespace Qingshui.Domain.Alerts;

/// <summary>Who must be told of an alert: the jurisdictions concerned by its section.</summary>
public static class AlertAudience
{
    /// <summary>
    /// The jurisdictions an alert at <paramref name="section"/> concerns: the one it lies in and, for a boundary section,
    /// both sides (where the water comes from and where it goes), each once. Empty when the section is unknown.
    /// </summary>
    /// <remarks>
    /// A boundary section is the joint regulation's point of linkage (domain §8): the upstream side must look for the
    /// source and the downstream side must prepare, so both hear of it.
    /// </remarks>
    public static IReadOnlyList<string> JurisdictionsOf(Section? section)
    {
        if (section is null)
        {
            return [];
        }

        string?[] all = [section.Jurisdiction, section.Upstream, section.Downstream];
        return [.. all.OfType<string>().Distinct(StringComparer.Ordinal)];
    }
}
