using Qingshui.Domain.Network;

namespace Qingshui.Domain.Joint;

/// <summary>
/// Two stations measuring one section (金鱼石: one station run by Jiangxi, one by Hunan), compared with each other.
/// </summary>
/// <param name="Section">The section.</param>
/// <param name="A">The first station in the basin file's order.</param>
/// <param name="B">The second.</param>
public sealed record StationPair(string Section, Station A, Station B)
{
    /// <summary>The jurisdictions that run the two stations (one, when both are run by the same side).</summary>
    public IReadOnlyList<string> Jurisdictions => A.Operator == B.Operator ? [A.Operator] : [A.Operator, B.Operator];

    /// <summary>Every pair of stations that share a section, in the basin file's order; a section with three stations gives three pairs.</summary>
    public static IReadOnlyList<StationPair> Of(Basin basin)
    {
        ArgumentNullException.ThrowIfNull(basin);
        var pairs = new List<StationPair>();
        foreach (Section section in basin.Sections)
        {
            Station[] stations = [.. basin.StationsAt(section.Id)];
            for (int i = 0; i < stations.Length; i++)
            {
                for (int j = i + 1; j < stations.Length; j++)
                {
                    pairs.Add(new StationPair(section.Id, stations[i], stations[j]));
                }
            }
        }

        return pairs;
    }

    /// <summary>The pair of these two stations (in either order), or null.</summary>
    public static StationPair? Find(Basin basin, string stationA, string stationB) =>
        Of(basin).FirstOrDefault(p => (p.A.DeviceId == stationA && p.B.DeviceId == stationB) || (p.A.DeviceId == stationB && p.B.DeviceId == stationA));
}
