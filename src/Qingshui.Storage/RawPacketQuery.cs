namespace Qingshui.Storage;

/// <summary>Which raw packets to read, newest first.</summary>
/// <param name="StationId">The station's MN; <c>""</c> for packets no registered station claimed; <c>null</c> for all.</param>
/// <param name="Limit">At most this many.</param>
public sealed record RawPacketQuery(string? StationId, int Limit)
{
    /// <summary>Only packets numbered below this (where the previous page ended).</summary>
    public long? Before { get; init; }

    /// <summary>
    /// Where to resume walking the station's chain of kept packets (<see cref="StoredRawPacket.Previous"/> of the last one
    /// answered): <c>null</c> from its newest, <c>0</c> when the chain was walked to its end.
    /// </summary>
    public long? ChainFrom { get; init; }

    /// <summary>Only packets with this verdict; <c>null</c> for every verdict.</summary>
    public PacketVerdict? Verdict { get; init; }

    /// <summary>Only packets whose reason starts with this text (a reject's code); <c>null</c> for any.</summary>
    public string? ReasonPrefix { get; init; }

    /// <summary>
    /// Only packets numbered below every id that a writer still in flight may yet commit (several nodes on one database
    /// number packets at once), so that a reader who later asks for what is newer misses none; <c>false</c> to look up a
    /// packet by its id as soon as it is committed. A single writer commits in id order: there it changes nothing.
    /// </summary>
    public bool Settled { get; init; } = true;
}
