using System.Text;
using Npgsql;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// Transaction-scoped advisory locks on station-months, the unit review closes and decides on. They stand in for SQLite's
/// single writer: whatever reads a month's steps and writes on their strength holds the month's lock until it commits.
/// </summary>
internal static class ReviewLocks
{
    // The two-key form of advisory locks, whose keys never meet the one-key locks (migrations) nor other classes.
    private const int LockClass = 0x5245_5649; // "REVI"

    /// <summary>Takes the locks of the station-months, in key order so that two transactions never wait on each other in a circle.</summary>
    public static async Task TakeAsync(NpgsqlTransaction transaction, IEnumerable<(string StationId, DateOnly Month)> months, CancellationToken ct)
    {
        foreach (int key in months.Select(m => KeyOf(m.StationId, m.Month)).Distinct().Order())
        {
            await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@class, @key)", transaction.Connection, transaction);
            command.Parameters.AddWithValue("class", LockClass);
            command.Parameters.AddWithValue("key", key);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>A key every node computes alike (FNV-1a of the station and month); two months sharing one only wait on each other.</summary>
    internal static int KeyOf(string stationId, DateOnly month)
    {
        uint hash = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes($"{stationId}\n{ReviewMonths.Text(month)}"))
        {
            hash = (hash ^ b) * 16777619;
        }

        return unchecked((int)hash);
    }
}
