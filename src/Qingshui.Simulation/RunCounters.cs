using System.Collections.Concurrent;

namespace Qingshui.Simulation;

/// <summary>Thread-safe tallies of a run, with an acknowledgement-latency histogram in 0.1 ms buckets.</summary>
internal sealed class RunCounters
{
    private const int Buckets = 200_000;
    private readonly long[] _latency = new long[Buckets + 1];
    private long _sent, _acknowledged, _readings, _retransmissions, _failed, _rejected;
    private int _unreachable, _registered, _unregistered;

    public ConcurrentDictionary<string, long> Faults { get; } = new(StringComparer.Ordinal);

    public void Sent() => Interlocked.Increment(ref _sent);

    public void Retransmitted() => Interlocked.Increment(ref _retransmissions);

    public void FailedPacket() => Interlocked.Increment(ref _failed);

    public void RejectedPacket() => Interlocked.Increment(ref _rejected);

    public void StationUnreachable() => Interlocked.Increment(ref _unreachable);

    public void Registered() => Interlocked.Increment(ref _registered);

    public void Unregistered() => Interlocked.Increment(ref _unregistered);

    public void Fault(string name) => Faults.AddOrUpdate(name, 1, (_, n) => n + 1);

    public void Acknowledged(int readings, TimeSpan latency)
    {
        Interlocked.Increment(ref _acknowledged);
        Interlocked.Add(ref _readings, readings);
        int bucket = (int)Math.Min(Buckets, latency.TotalMilliseconds * 10);
        Interlocked.Increment(ref _latency[bucket]);
    }

    public SimulationReport Report(int stations, TimeSpan elapsed) => new(
        stations, Interlocked.Read(ref _sent), Interlocked.Read(ref _acknowledged), Interlocked.Read(ref _readings),
        Interlocked.Read(ref _retransmissions), Interlocked.Read(ref _failed), Interlocked.Read(ref _rejected),
        new Dictionary<string, long>(Faults, StringComparer.Ordinal), elapsed, Percentile(0.50), Percentile(0.99))
    {
        Unreachable = Volatile.Read(ref _unreachable),
        Registered = Volatile.Read(ref _registered),
        Unregistered = Volatile.Read(ref _unregistered),
    };

    private TimeSpan Percentile(double p)
    {
        long total = _latency.Sum();
        if (total == 0)
        {
            return TimeSpan.Zero;
        }

        long target = (long)Math.Ceiling(total * p);
        long seen = 0;
        for (int i = 0; i < _latency.Length; i++)
        {
            seen += _latency[i];
            if (seen >= target)
            {
                return TimeSpan.FromMilliseconds(i / 10.0);
            }
        }

        return TimeSpan.FromMilliseconds(Buckets / 10.0);
    }
}
