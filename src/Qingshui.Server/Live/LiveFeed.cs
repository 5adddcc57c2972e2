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
internal sealed class LiveFeed
{
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

    public void Publish(LiveEvent e)
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
