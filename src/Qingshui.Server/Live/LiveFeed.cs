using System.Threading.Channels;

namespace Qingshui.Server.Live;

/// <summary>An event pushed to dashboards: new readings, a changed section class.</summary>
/// <param name="Type">"readings" or "class".</param>
/// <param name="Data">The payload, serialised as JSON.</param>
internal sealed record LiveEvent(string Type, object Data);

/// <summary>
/// Fans live events out to connected dashboards. Each subscriber has a small bounded queue; a subscriber too slow to keep
/// up loses its oldest notifications (the data itself is in the store, so nothing is lost but a screen refresh).
/// </summary>
/// <remarks>
/// Events every node derives from the readings it commits or hears of ("readings", "class") stay on their node; the
/// others (alerts, incidents, notices), raised on one node only, are shared with the other nodes' streams through
/// <see cref="Cluster.ClusterNotes"/>.
/// </remarks>
internal sealed class LiveFeed(Cluster.ClusterNotes? cluster = null)
{
    private static readonly HashSet<string> DerivedOnEachNode = new(StringComparer.Ordinal) { "readings", "class" };

    private readonly Lock _lock = new();
    private readonly List<Channel<LiveEvent>> _subscribers = [];

    public bool HasSubscribers
    {
        get
        {
            lock (_lock)
            {
                return _subscribers.Count > 0;
            }
        }
    }

    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<LiveEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_lock)
        {
            _subscribers.Add(channel);
        }

        return new Subscription(this, channel);
    }

    /// <summary>Publishes to this node's dashboards and, for an event the other nodes do not derive themselves, to theirs.</summary>
    public void Publish(LiveEvent e)
    {
        PublishHere(e);
        if (cluster is not null && !DerivedOnEachNode.Contains(e.Type))
        {
            cluster.Share(e);
        }
    }

    /// <summary>Publishes to this node's dashboards only (an event another node raised and shared).</summary>
    public void PublishHere(LiveEvent e)
    {
        lock (_lock)
        {
            foreach (Channel<LiveEvent> subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(e);
            }
        }
    }

    private void Remove(Channel<LiveEvent> channel)
    {
        lock (_lock)
        {
            _subscribers.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

    /// <summary>One dashboard's stream of events; dispose to leave.</summary>
    internal sealed class Subscription(LiveFeed feed, Channel<LiveEvent> channel) : IDisposable
    {
        public ChannelReader<LiveEvent> Events => channel.Reader;

        public void Dispose() => feed.Remove(channel);
    }
}
