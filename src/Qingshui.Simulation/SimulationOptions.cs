using Qingshui.Hj212;

namespace Qingshui.Simulation;

/// <summary>What to simulate: which stations send what, from when, how fast, and with which faults.</summary>
public sealed record SimulationOptions
{
    /// <summary>Server host name or address.</summary>
    public required string Host { get; init; }

    /// <summary>Server HJ 212 port.</summary>
    public required int Port { get; init; }

    /// <summary>
    /// Several server nodes' HJ 212 ports on <see cref="Host"/>: station i connects to the port i mod their count, always
    /// the same one, so the stations are split evenly over the nodes. Empty: every station uses <see cref="Port"/>.
    /// </summary>
    public IReadOnlyList<int> Ports { get; init; } = [];

    /// <summary>The port a station connects to.</summary>
    public int PortOf(SimulatedStation station)
    {
        ArgumentNullException.ThrowIfNull(station);
        return Ports.Count == 0 ? Port : Ports[station.Index % Ports.Count];
    }

    /// <summary>The stations to play.</summary>
    public required IReadOnlyList<SimulatedStation> Stations { get; init; }

    /// <summary>Upload command: 2011 real-time, 2051 minute, 2061 hourly (default) or 2031 daily.</summary>
    public string Command { get; init; } = CommandCode.HourlyData;

    /// <summary>Time between consecutive DataTimes.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>DataTime of each station's first packet (its local time).</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>Packets per station; <c>null</c> runs until cancelled.</summary>
    public long? PacketsPerStation { get; init; }

    /// <summary>Packets per second per station; 0 sends as fast as acknowledgements allow (back-filling history).</summary>
    public double Rate { get; init; }

    /// <summary>
    /// Simulated seconds per real second for a real-time interval the platform sets (1062) in a paced run: at 60, a
    /// 30 s interval means an upload every half second. Until a 1062 comes, <see cref="Rate"/> paces the run.
    /// </summary>
    public double TimeScale { get; init; } = 1;

    /// <summary>Packets a station may have unacknowledged at once (real loggers use 1).</summary>
    public int Window { get; init; } = 1;

    /// <summary>Seed of the series and of fault choices.</summary>
    public ulong Seed { get; init; } = 212;

    /// <summary>Faults to inject.</summary>
    public FaultOptions Faults { get; init; } = FaultOptions.None;

    /// <summary>How long to wait for a 9014 before retransmitting.</summary>
    public TimeSpan AckTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Retransmissions before a packet counts as failed.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>
    /// Connection attempts in a row (with a growing pause, up to a second) before a station gives up: it stops and is
    /// counted in <see cref="SimulationReport.Unreachable"/>, so a run against a port where nothing listens ends.
    /// </summary>
    public int ConnectAttempts { get; init; } = 50;

    /// <summary>HJ 212-2025: the SM4 key (16 bytes) every station starts with; <c>null</c> sends data areas in clear.</summary>
    public byte[]? DataKey { get; init; }

    /// <summary>Makes a cipher for a key (the CLI gives BouncyCastle's SM4); needed with <see cref="DataKey"/> and for key exchanges (1014).</summary>
    public Func<byte[], IDataAreaCipher>? CipherOf { get; init; }

    /// <summary>
    /// HJ 212-2025 registration: how long a logger without an MN (<see cref="SimulatedStation.Registers"/>) waits for the
    /// platform to assign one (1002) before it stops; it is counted in <see cref="SimulationReport.Unregistered"/>.
    /// </summary>
    public TimeSpan RegistrationTimeout { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a logger waits before announcing itself (1001) again when its announcement was not acknowledged (9013):
    /// the platform bounds announcements per address and minute, so this is not a fast retry.
    /// </summary>
    public TimeSpan AnnounceRetry { get; init; } = TimeSpan.FromSeconds(15);
}
