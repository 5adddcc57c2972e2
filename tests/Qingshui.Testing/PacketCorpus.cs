using System.Globalization;

namespace Qingshui.Testing;

/// <summary>The HJ 212 packet files in shared/data/hj212 and the verdict MANIFEST.tsv gives each line.</summary>
public static class PacketCorpus
{
    /// <summary>Every packet file (one escaped packet per line).</summary>
    public static IReadOnlyList<string> Files { get; } =
    [
        "xiaoyao9184_hj-t212-parser.txt", "IceCoffee.HJ212.txt", "flash520_hj212.txt", "tang0-0_HJ212-Pack.txt",
        "caoyiliang_HJ212_commands_framed.txt", "xiaoyao9184_AllData_2016-08-24_valid.txt", "xiaoyao9184_AllData_2016-08-24_invalid.txt",
    ];

    /// <summary>The files as theory data.</summary>
    public static TheoryData<string> FileData() => [.. Files];

    /// <summary>"VALID" or "INVALID" for each line of a file, in line order.</summary>
    public static string[] Verdicts(string file) =>
        File.ReadLines(SharedData.PathOf("hj212", "MANIFEST.tsv")).Skip(1)
            .Select(line => line.Split('\t'))
            .Where(columns => columns[0] == file)
            .OrderBy(columns => int.Parse(columns[1], CultureInfo.InvariantCulture))
            .Select(columns => columns[2])
            .ToArray();
}
