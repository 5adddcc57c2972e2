namespace Qingshui.Hj212;

/// <summary>What adding a part to a <see cref="SplitMessageAssembler"/> produced.</summary>
/// <param name="Status">Buffered, completed, a retransmitted duplicate, or not a split message at all.</param>
/// <param name="Message">The whole message when <see cref="SplitAddStatus.Completed"/> (or the part itself when <see cref="SplitAddStatus.NotSplit"/>).</param>
/// <param name="Superseded">An earlier series this part ended before it was complete.</param>
public readonly record struct SplitAddResult(SplitAddStatus Status, Hj212Message? Message, PartialMessage? Superseded);

/// <summary>The state of a split series after a part was added.</summary>
public enum SplitAddStatus
{
    /// <summary>The message was not split; it is returned as is.</summary>
    NotSplit,

    /// <summary>The part was stored; other parts are still missing.</summary>
    Buffered,

    /// <summary>The part completed its series.</summary>
    Completed,

    /// <summary>The part had already been received (same QN): a retransmission.</summary>
    Duplicate,
}

/// <summary>A split message that ended without all its parts.</summary>
/// <param name="Message">The parts that arrived, merged in PNO order.</param>
/// <param name="PacketCount">PNUM: how many parts there should have been.</param>
/// <param name="ReceivedParts">The PNO of every part that arrived.</param>
/// <param name="Reason">Why the series ended.</param>
public sealed record PartialMessage(Hj212Message Message, int PacketCount, IReadOnlyList<int> ReceivedParts, PartialReason Reason);

/// <summary>Why a split series ended incomplete.</summary>
public enum PartialReason
{
    /// <summary>The timeout passed before every part arrived.</summary>
    TimedOut,

    /// <summary>A part of a new series with the same key arrived first.</summary>
    Superseded,
}
