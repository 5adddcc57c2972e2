namespace Qingshui.Simulation;

/// <summary>Faults to inject, each as the fraction of packets it hits (0 = never), plus a station clock error.</summary>
public sealed record FaultOptions
{
    /// <summary>No faults.</summary>
    public static FaultOptions None { get; } = new();

    /// <summary>Send a copy with a wrong CRC first (it is rejected, then the good one follows).</summary>
    public double BadCrc { get; init; }

    /// <summary>Write modem chatter or noise before the frame.</summary>
    public double Garbage { get; init; }

    /// <summary>Split the message into parts (PNUM/PNO) and send them out of order.</summary>
    public double SplitOutOfOrder { get; init; }

    /// <summary>Send half the frame, drop the connection, reconnect and send it again.</summary>
    public double DisconnectMidFrame { get; init; }

    /// <summary>Send the packet twice (a retransmission the server must not duplicate).</summary>
    public double Duplicate { get; init; }

    /// <summary>The station clock's error; the station asks for time calibration (1013) when it connects and corrects itself.</summary>
    public TimeSpan ClockSkew { get; init; }

    /// <summary>Whether any fault is on.</summary>
    public bool Any => BadCrc > 0 || Garbage > 0 || SplitOutOfOrder > 0 || DisconnectMidFrame > 0 || Duplicate > 0 || ClockSkew != TimeSpan.Zero;
}
