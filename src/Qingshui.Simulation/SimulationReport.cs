using System.Globalization;
using System.Text;

namespace Qingshui.Simulation;

/// <summary>What a run did, for the console and for load figures.</summary>
public sealed record SimulationReport(
    int Stations, long PacketsSent, long PacketsAcknowledged, long ReadingsAcknowledged, long Retransmissions, long Failed,
    long Rejected, IReadOnlyDictionary<string, long> Faults, TimeSpan Elapsed, TimeSpan AckLatencyP50, TimeSpan AckLatencyP99)
{
    /// <summary>Stations that gave up because no connection could be made after <see cref="SimulationOptions.ConnectAttempts"/> attempts.</summary>
    public int Unreachable { get; init; }

    /// <summary>HJ 212-2025 loggers that announced themselves (1001) and were assigned an MN (1002) during the run.</summary>
    public int Registered { get; init; }

    /// <summary>HJ 212-2025 loggers that stopped with no MN assigned (the run ended or <see cref="SimulationOptions.RegistrationTimeout"/> passed).</summary>
    public int Unregistered { get; init; }

    /// <summary>Acknowledged readings per second over the run.</summary>
    public double ReadingsPerSecond => Elapsed > TimeSpan.Zero ? ReadingsAcknowledged / Elapsed.TotalSeconds : 0;

    /// <summary>A few lines for people.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"stations:               {Stations}");
        text.AppendLine(CultureInfo.InvariantCulture, $"packets sent:           {PacketsSent}");
        text.AppendLine(CultureInfo.InvariantCulture, $"packets acknowledged:   {PacketsAcknowledged}");
        text.AppendLine(CultureInfo.InvariantCulture, $"readings acknowledged:  {ReadingsAcknowledged}");
        text.AppendLine(CultureInfo.InvariantCulture, $"retransmissions:        {Retransmissions}");
        text.AppendLine(CultureInfo.InvariantCulture, $"failed (no ack):        {Failed}");
        text.AppendLine(CultureInfo.InvariantCulture, $"refused by server:      {Rejected}");
        if (Unreachable > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"stations unreachable:   {Unreachable} (no connection could be made)");
        }

        if (Registered > 0 || Unregistered > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"loggers registered:     {Registered} (MN assigned), {Unregistered} still without an MN");
        }

        foreach ((string fault, long count) in Faults.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"fault {fault,-17} {count}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"elapsed:                {Elapsed.TotalSeconds:F2} s");
        text.AppendLine(CultureInfo.InvariantCulture, $"ack latency p50 / p99:  {AckLatencyP50.TotalMilliseconds:F1} / {AckLatencyP99.TotalMilliseconds:F1} ms");
        text.Append(CultureInfo.InvariantCulture, $"throughput:             {ReadingsPerSecond:F0} readings/s acknowledged");
        return text.ToString();
    }
}

/// <summary>A packet the server acknowledged, for checking later that its readings are stored.</summary>
/// <param name="DeviceId">MN.</param>
/// <param name="Command">CN.</param>
/// <param name="DataTime">DataTime as the station sent it.</param>
/// <param name="Values">Code and value of each reading.</param>
public sealed record AcknowledgedPacket(string DeviceId, string Command, DateTimeOffset DataTime, IReadOnlyList<KeyValuePair<string, decimal>> Values);
