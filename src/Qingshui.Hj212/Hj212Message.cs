namespace Qingshui.Hj212;

/// <summary>
/// A parsed data segment: the header fields of HJ 212-2017 §6.3.2 (QN, ST, CN, PW, MN, Flag, PNUM, PNO) and the
/// data area (CP).
/// </summary>
/// <remarks>
/// Property names are readable; the standard's codes are given in each summary. Problems that do not prevent
/// reading the packet (a bad value, an odd DataTime, a departure from the configured edition) are listed in
/// <see cref="Warnings"/>; the affected item is skipped and the rest is kept.
/// </remarks>
public sealed class Hj212Message
{
    /// <summary>Creates a message; used by the parser and by encoders.</summary>
    public Hj212Message(
        string? requestId, string systemCode, string command, string? password, string deviceId, int? flag,
        int? packetCount, int? packetNumber, DataArea data, IReadOnlyList<MessageError>? warnings = null)
    {
        RequestId = requestId;
        SystemCode = systemCode;
        Command = command;
        Password = password;
        DeviceId = deviceId;
        Flag = flag;
        PacketCount = packetCount;
        PacketNumber = packetNumber;
        Data = data;
        Warnings = warnings ?? [];
    }

    /// <summary>QN: the request code, a millisecond timestamp that identifies one exchange; absent in many 2005 uploads.</summary>
    public string? RequestId { get; }

    /// <summary>ST: the system code (21 surface water, 32 water pollution source, 91 system interaction).</summary>
    public string SystemCode { get; }

    /// <summary>CN: the command code, as sent (four characters, normally digits).</summary>
    public string Command { get; }

    /// <summary>PW: the access password.</summary>
    public string? Password { get; }

    /// <summary>MN: the device's unique identifier (24 hex characters in 2017, 14 characters in 2005).</summary>
    public string DeviceId { get; }

    /// <summary>Flag: bit 0 = acknowledgement requested (A), bit 1 = split message (D), bits 2–7 = version.</summary>
    public int? Flag { get; }

    /// <summary>PNUM: number of packets in a split message.</summary>
    public int? PacketCount { get; }

    /// <summary>PNO: this packet's number, from 1, in a split message.</summary>
    public int? PacketNumber { get; }

    /// <summary>CP: the data area.</summary>
    public DataArea Data { get; }

    /// <summary>Problems that were tolerated (the affected items were skipped).</summary>
    public IReadOnlyList<MessageError> Warnings { get; }

    /// <summary>Flag bit A: the sender wants an acknowledgement.</summary>
    public bool AcknowledgementRequested => Flag is int f && (f & 1) != 0;

    /// <summary>Flag bit D, or PNUM present: this is one part of a split message.</summary>
    public bool IsSplit => PacketCount is > 1 || (Flag is int f && (f & 2) != 0 && PacketCount is not null);

    /// <summary>The Flag version field (0 for HJ/T 212-2005, 1 for HJ 212-2017), or <c>null</c> without Flag.</summary>
    public int? VersionBits => Flag >> 2;
}
