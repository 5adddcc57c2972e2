namespace Qingshui.Storage;

/// <summary>
/// The rejected and quarantined packets a store keeps apart from accepted ones, so that their bytes can be bounded and
/// deleted after a retention period, and the counts of what was dropped rather than kept.
/// </summary>
public interface IRejectStore
{
    /// <summary>What the rejected and quarantined packets kept now cost, as <see cref="RejectedSize"/> counts it.</summary>
    Task<long> RejectedBytesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes up to <paramref name="maxPackets"/> of the oldest rejected and quarantined packets received before
    /// <paramref name="cutoff"/> (accepted packets are never touched); says how many and what they cost. Bounded so that
    /// a large deletion never holds the writer for long: call again while it deletes as many as allowed.
    /// </summary>
    Task<RejectedDeletion> DeleteRejectedBeforeAsync(DateTimeOffset cutoff, int maxPackets, CancellationToken cancellationToken);

    /// <summary>Adds to the per-day counts of what was dropped.</summary>
    Task AddDropCountsAsync(IReadOnlyList<DropCount> counts, CancellationToken cancellationToken);

    /// <summary>Every per-day count of what was dropped, oldest first.</summary>
    Task<IReadOnlyList<DropCount>> DropCountsAsync(CancellationToken cancellationToken);
}

/// <summary>What a retention run deleted.</summary>
/// <param name="Packets">Packets deleted.</param>
/// <param name="Bytes">Their bytes.</param>
public readonly record struct RejectedDeletion(long Packets, long Bytes);

/// <summary>Packets (or connections) dropped on one UTC day for one reason.</summary>
/// <param name="Day">The UTC day.</param>
/// <param name="Scope">Which limit dropped them: <c>connection</c>, <c>address</c>, <c>total</c>, <c>refused-total</c>, <c>refused-address</c>.</param>
/// <param name="Packets">How many.</param>
/// <param name="Bytes">Their bytes (0 for refused connections).</param>
public sealed record DropCount(DateOnly Day, string Scope, long Packets, long Bytes);

/// <summary>What a rejected or quarantined packet costs to keep: its bytes, its reason and a row's overhead. Quotas count this.</summary>
public static class RejectedSize
{
    /// <summary>Bytes a row costs beyond its contents (ids, times, remote, index entries), roughly.</summary>
    public const int RowOverhead = 64;

    /// <summary>The SQL expression for the same, over a row of <c>rejected_packets</c>.</summary>
    public const string Sql = "length(bytes) + COALESCE(length(CAST(reason AS BLOB)), 0) + 64";

    /// <summary>What keeping <paramref name="packet"/> costs.</summary>
    public static long Of(RawPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        return packet.Bytes.Length + System.Text.Encoding.UTF8.GetByteCount(packet.Reason ?? "") + RowOverhead;
    }
}
