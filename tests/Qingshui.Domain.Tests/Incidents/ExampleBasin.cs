using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Incidents;

/// <summary>
/// The Pingshui–Lushui preset with EXAMPLE reach data (not measured: no public source gives them): 40 km at 0.5 m/s from
/// the headwater to Jinyushi, 30 km at 0.6 m/s from Jinyushi to Liling Wangfang, and nothing for the reach to the mouth.
/// </summary>
internal static class ExampleBasin
{
    public static string Text { get; } = BasinPresets.Text("pingshui-lushui")!
        .Replace("\"targetClass\": \"II\",", "\"targetClass\": \"II\", \"reachKmToNext\": 40, \"velocityMps\": 0.5,", StringComparison.Ordinal)
        .Replace("\"upstream\": \"jiangxi\",", "\"upstream\": \"jiangxi\", \"reachKmToNext\": 30, \"velocityMps\": 0.6,", StringComparison.Ordinal);

    public static Basin Basin { get; } = BasinFile.Parse(Text).Basin!;
}
