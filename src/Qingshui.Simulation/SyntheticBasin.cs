using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Network;
using Qingshui.Hj212;

namespace Qingshui.Simulation;

/// <summary>
/// Stations for load runs: a basin file with N stations, two to a section as at a boundary section measured by both
/// sides (a section with N stations would have every pair compared side by side, which no real network has), and the
/// matching simulated stations.
/// </summary>
public static class SyntheticBasin
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The MN of synthetic station <paramref name="index"/> (24 hex characters, as HJ 212-2017 requires).</summary>
    public static string DeviceId(int index) => string.Create(CultureInfo.InvariantCulture, $"FFFF0000000000{index:X10}");

    private static string SectionId(int index) => string.Create(CultureInfo.InvariantCulture, $"load-{index:D5}");

    /// <summary>A basin file (qingshui-basin/1) with <paramref name="count"/> HJ 212-2017 stations.</summary>
    public static string BasinFileText(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var stations = Enumerable.Range(0, count).Select(i => new
        {
            mn = DeviceId(i),
            password = "load00",
            name = new { zh = $"负载测试站{i}", en = $"Load station {i}" },
            section = SectionId(i / 2),
            @operator = "load",
            edition = "HJ212-2017",
            parameters = SurfaceWaterModel.Codes,
        });
        var basin = new
        {
            format = BasinFile.Format,
            id = "load",
            name = new { zh = "负载测试流域", en = "Load-test basin" },
            jurisdictions = new[] { new { id = "load", name = new { zh = "测试", en = "Test" } } },
            sections = Enumerable.Range(0, (count + 1) / 2).Select(i => new
            {
                id = SectionId(i), name = new { zh = $"测试断面{i}", en = $"Test section {i}" }, river = "load", waterbody = "river",
                targetClass = "III", jurisdiction = "load",
            }),
            stations,
        };
        return JsonSerializer.Serialize(basin, Indented);
    }

    /// <summary>The simulated stations of a basin, with profiles that make the demo basin's water plausible from source to mouth.</summary>
    public static IReadOnlyList<SimulatedStation> StationsOf(Basin basin)
    {
        ArgumentNullException.ThrowIfNull(basin);
        return basin.Stations.Select((s, i) => new SimulatedStation(
            s.DeviceId, s.Password, s.Edition switch
            {
                ProtocolEdition.Hj212V2005 => Hj212Edition.Edition2005,
                ProtocolEdition.Hj212V2025 => Hj212Edition.Edition2025,
                _ => Hj212Edition.Edition2017,
            }, i,
            ProfileOf(basin, s))).ToArray();
    }

    private static StationProfile ProfileOf(Basin basin, Station station)
    {
        Section? section = basin.FindSection(station.Section);
        if (section is null || basin.Sections.Count < 2)
        {
            return StationProfile.Typical;
        }

        // Cleaner at the source, dirtier towards the mouth; boundary sections get a few polluted months.
        double position = section.Order / (double)(basin.Sections.Count - 1);
        IReadOnlySet<int> polluted = section.IsBoundary ? new HashSet<int> { 3, 8 } : new HashSet<int>();
        return new StationProfile(0.6 + (0.7 * position), 0.8 + (0.4 * position), polluted);
    }
}
