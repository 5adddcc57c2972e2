using System.Net;
using Qingshui.Storage;

namespace Qingshui.Server.Ingest;

/// <summary>
/// How many bytes of rejected and quarantined packets may be kept: per connection and per address each UTC day, and
/// in total in the store (freed again by retention). Beyond any of them a reject is dropped, not stored, and counted;
/// the counts go to the store (<see cref="IRejectStore.AddDropCountsAsync"/>), as do refused connections.
/// </summary>
/// <remarks>Garbage is data too, and keeping it tells an operator what a broken logger sends; but without a bound a
/// stream of it fills the disk.</remarks>
internal sealed class RejectQuota(ServerOptions options, TimeProvider clock)
{
    private const int MaxAddressesTracked = 100_000;
    private readonly Dictionary<IPAddress, long> _byAddress = [];
    private readonly Dictionary<(DateOnly Day, string Scope), (long Packets, long Bytes)> _dropped = [];
    private readonly Lock _lock = new();
    private DateOnly _day;
    private long _kept;

    /// <summary>What the store keeps now (at start, and after the store changed behind the quota).</summary>
    public void Restore(long keptBytes)
    {
        lock (_lock)
        {
            _kept = keptBytes;
        }
    }

    /// <summary>Retention deleted what cost <paramref name="bytes"/>.</summary>
    public void Released(long bytes)
    {
        lock (_lock)
        {
            _kept = Math.Max(0, _kept - bytes);
        }
    }

    public long Kept
    {
        get
        {
            lock (_lock)
            {
                return _kept;
            }
        }
    }

    /// <summary>Takes room for a reject of <paramref name="cost"/> bytes; returns <c>null</c> when it may be kept, else the scope whose quota drops it (counted).</summary>
    public string? TryKeep(RejectAllowance connection, IPAddress address, long cost)
    {
        DateOnly today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        lock (_lock)
        {
            if (today != _day || _byAddress.Count > MaxAddressesTracked)
            {
                // A new day: every address starts afresh. (Too many addresses at once: the same, and the total still holds.)
                _day = today;
                _byAddress.Clear();
            }

            if (connection.Day != today)
            {
                connection.Day = today;
                connection.Bytes = 0;
            }

            _byAddress.TryGetValue(address, out long fromAddress);
            string? scope = connection.Bytes + cost > options.MaxRejectedBytesPerConnectionPerDay ? "connection"
                : fromAddress + cost > options.MaxRejectedBytesPerAddressPerDay ? "address"
                : _kept + cost > options.MaxRejectedBytesKept ? "total"
                : null;
            if (scope is not null)
            {
                CountLocked(today, scope, cost);
                return scope;
            }

            connection.Bytes += cost;
            _byAddress[address] = fromAddress + cost;
            _kept += cost;
            return null;
        }
    }

    /// <summary>Counts a refused connection under <paramref name="scope"/>.</summary>
    public void CountRefused(string scope)
    {
        DateOnly today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        lock (_lock)
        {
            CountLocked(today, scope, 0);
        }
    }

    /// <summary>The counts gathered since the last call, to be added to the store.</summary>
    public IReadOnlyList<DropCount> TakeDropCounts()
    {
        lock (_lock)
        {
            DropCount[] counts = [.. _dropped.Select(d => new DropCount(d.Key.Day, d.Key.Scope, d.Value.Packets, d.Value.Bytes))];
            _dropped.Clear();
            return counts;
        }
    }

    /// <summary>Gives counts back after the store could not take them, so they are tried again.</summary>
    public void Return(IReadOnlyList<DropCount> counts)
    {
        lock (_lock)
        {
            foreach (DropCount count in counts)
            {
                _dropped.TryGetValue((count.Day, count.Scope), out (long Packets, long Bytes) sum);
                _dropped[(count.Day, count.Scope)] = (sum.Packets + count.Packets, sum.Bytes + count.Bytes);
            }
        }
    }

    private void CountLocked(DateOnly day, string scope, long bytes)
    {
        _dropped.TryGetValue((day, scope), out (long Packets, long Bytes) sum);
        _dropped[(day, scope)] = (sum.Packets + 1, sum.Bytes + bytes);
    }
}

/// <summary>One connection's use of its reject quota today.</summary>
internal sealed class RejectAllowance
{
    public DateOnly Day { get; set; }

    public long Bytes { get; set; }
}
