using System.Collections.Concurrent;
using Npgsql;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// The monthly partitions of <c>readings</c> this node knows exist. A batch whose readings fall in a month not known yet
/// makes that month's partition and the next one (ahead of need) before its transaction begins, through
/// <c>readings_ensure_partitions</c>, which serialises nodes with an advisory lock; a month made once is never asked again.
/// </summary>
internal sealed class ReadingPartitions
{
    // DateTimeOffset ends in December 9999: no partition after it is ever needed.
    private static readonly int LastMonth = MonthOf(DateTimeOffset.MaxValue.ToUnixTimeMilliseconds());

    private readonly ConcurrentDictionary<int, bool> _known = new();

    /// <summary>The month (counted from year 0, UTC) that a time in Unix milliseconds falls in.</summary>
    public static int MonthOf(long unixMilliseconds)
    {
        DateTime utc = DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime;
        return (utc.Year * 12) + utc.Month - 1;
    }

    /// <summary>Where a month starts, in Unix milliseconds.</summary>
    public static long StartOf(int month) => new DateTimeOffset(month / 12, (month % 12) + 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    /// <summary>Makes the partitions of the months given that this node has not seen made yet (each with the month after it).</summary>
    public async Task EnsureAsync(NpgsqlDataSource source, IReadOnlyCollection<int> months, CancellationToken cancellationToken)
    {
        List<int> missing = [.. months.Where(m => !_known.ContainsKey(m))];
        if (missing.Count == 0)
        {
            return;
        }

        // One implicit transaction: the function's advisory lock is held until all are made.
        await using NpgsqlBatch batch = source.CreateBatch();
        foreach (int month in missing)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT readings_ensure_partitions($1, $2)")
            {
                Parameters = { new NpgsqlParameter { Value = StartOf(month) }, new NpgsqlParameter { Value = StartOf(Math.Min(month + 1, LastMonth)) } },
            });
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        foreach (int month in missing)
        {
            _known[month] = true;
            _known[Math.Min(month + 1, LastMonth)] = true;
        }
    }
}
