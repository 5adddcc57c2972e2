using System.Threading.Channels;

namespace Qingshui.Storage.Cluster;

/// <summary>
/// What each node tells the others it has committed, so that live state, caches, the event stream, screening, alerts
/// and split reassembly on every node follow readings that arrived on any node. A node applies its own batches itself,
/// before it acknowledges them; the feed carries them to the others after the commit.
/// </summary>
public interface ICommitFeed : IAsyncDisposable
{
    /// <summary>News from the other nodes, in the order this node received it.</summary>
    ChannelReader<CommitNews> News { get; }

    /// <summary>Starts listening (once, before the first batch is written).</summary>
    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Tells the other nodes what a batch committed; returns when sent (or dropped, when the database is away: the receivers then resynchronise).</summary>
    Task PublishAsync(IReadOnlyList<IngestRecord> committed, CancellationToken cancellationToken);

    /// <summary>
    /// Tells the other nodes of a change made here after it is stored (or of an event raised here); returns when sent.
    /// When the database is away the note is lost with the others' listening connections, and they resynchronise.
    /// </summary>
    Task AnnounceAsync(ClusterNote note, CancellationToken cancellationToken);
}

/// <summary>One piece of news from another node.</summary>
/// <param name="Records">What a batch committed there (readings, and which split series a part was held for or ended).</param>
/// <param name="Missed">
/// True when this node was not listening for a while and may have missed batches: whatever it derived from readings is
/// to be rebuilt from the store (caches dropped, live state and held split parts reloaded). <see cref="Records"/> is then empty.
/// </param>
public sealed record CommitNews(IReadOnlyList<IngestRecord> Records, bool Missed)
{
    /// <summary>A change or event another node announced (<see cref="Records"/> is then empty).</summary>
    public ClusterNote? Note { get; init; }

    /// <summary>The news of a note.</summary>
    public static CommitNews Of(ClusterNote note) => new([], Missed: false) { Note = note };

    /// <summary>The news that some batches may have been missed.</summary>
    public static CommitNews Gap { get; } = new([], Missed: true);
}
