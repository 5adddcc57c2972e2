namespace Qingshui.Storage;

/// <summary>How a scan's range is cut for reading on several connections at once: at UTC month starts (PostgreSQL's partitions).</summary>
public static class ScanPieces
{
    /// <summary>[from, to) in Unix milliseconds, cut at each UTC month start inside it.</summary>
    public static IReadOnlyList<(long From, long To)> Months(DateTimeOffset from, DateTimeOffset to)
    {
        var pieces = new List<(long, long)>();
        DateTimeOffset start = from.ToUniversalTime();
        DateTimeOffset end = to.ToUniversalTime();
        while (start < end)
        {
            var next = new DateTimeOffset(start.Year, start.Month, 1, 0, 0, 0, TimeSpan.Zero);
            next = next.Year == 9999 && next.Month == 12 ? end : next.AddMonths(1);
            DateTimeOffset pieceEnd = next < end ? next : end;
            pieces.Add((start.ToUnixTimeMilliseconds(), pieceEnd.ToUnixTimeMilliseconds()));
            start = pieceEnd;
        }

        return pieces;
    }

    /// <summary>How many pieces to read at once: one per core, at most as many as there are pieces.</summary>
    public static int Parallelism(int pieces) => Math.Max(1, Math.Min(Environment.ProcessorCount, pieces));
}
