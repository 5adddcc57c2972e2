namespace Qingshui.Storage;

/// <summary>What became of a packet (or of bytes that were no packet). Stored as its number.</summary>
public enum PacketVerdict
{
    /// <summary>Accepted; its readings were stored.</summary>
    Accepted = 1,

    /// <summary>A part of a split message, kept until its series is complete.</summary>
    SplitPart = 2,

    /// <summary>Quarantined: unknown MN or wrong password. Nothing from it became a reading.</summary>
    Quarantined = 3,

    /// <summary>Rejected by the codec: bad framing, CRC or data segment.</summary>
    Rejected = 4,

    /// <summary>A well-formed packet that carries no readings (a reply, a notice, a command).</summary>
    Control = 5,

    /// <summary>Not bytes received but an event: a split message that ended without all its parts (its parts are logged as <see cref="SplitPart"/>).</summary>
    PartialSeries = 6,
}
