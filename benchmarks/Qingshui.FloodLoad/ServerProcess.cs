using System.Globalization;

namespace Qingshui.FloodLoad;

/// <summary>The server's memory and open file handles, read from /proc.</summary>
internal sealed class ServerProcess(int pid)
{
    public bool IsAlive => Directory.Exists($"/proc/{pid}");

    public long RssMegabytes()
    {
        try
        {
            string? line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
            return line is null ? -1 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
        }
        catch (IOException)
        {
            return -1;
        }
    }

    public int OpenFiles()
    {
        try
        {
            return Directory.GetFileSystemEntries($"/proc/{pid}/fd").Length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }
}
