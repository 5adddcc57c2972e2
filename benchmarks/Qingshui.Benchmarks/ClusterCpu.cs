using System.Globalization;

namespace Qingshui.Benchmarks;

/// <summary>
/// CPU time of a PostgreSQL cluster (its postmaster, the backends it runs, and what finished children such as parallel
/// workers left in its accounts), from /proc, so a figure can be split into client and server work on a shared machine.
/// </summary>
internal static class ClusterCpu
{
    /// <summary>CPU seconds so far of the cluster whose postmaster is <paramref name="postmaster"/>; null off Linux.</summary>
    public static double? Seconds(int? postmaster)
    {
        if (postmaster is not int pid || !File.Exists($"/proc/{pid}/stat"))
        {
            return null;
        }

        double ticks = Fields(pid) is string[] own ? Ticks(own, 13) + Ticks(own, 14) + Ticks(own, 15) + Ticks(own, 16) : 0;
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out int child) && child != pid
                && Fields(child) is string[] f && f[3] == pid.ToString(CultureInfo.InvariantCulture))
            {
                ticks += Ticks(f, 13) + Ticks(f, 14);
            }
        }

        return ticks / 100.0; // USER_HZ
    }

    // The fields after the command name (which may hold spaces), numbered as proc(5) numbers them from 0 at pid.
    private static string[]? Fields(int pid)
    {
        try
        {
            string stat = File.ReadAllText($"/proc/{pid}/stat");
            string[] rest = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return ["", "", .. rest];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static double Ticks(string[] fields, int index) => double.Parse(fields[index], CultureInfo.InvariantCulture);
}
