using Prometheus;
using Qingshui.Server.Ingest;
using Qingshui.Storage;

namespace Qingshui.Server.Metrics;

/// <summary>
/// What operators scrape from each node at <c>/metrics</c> (Prometheus text): readings committed, acknowledgements sent,
/// rejects by reason, the ingest queue's depth, commit latency and open HJ 212 connections, every series labelled with
/// the node's name. Each server has its own registry, so several in one process (tests) do not mix.
/// </summary>
internal sealed class NodeMetrics
{
    private readonly Counter _readings;
    private readonly Counter _packets;
    private readonly Counter _acks;
    private readonly Counter _rejects;
    private readonly Histogram _commit;
    private readonly Gauge _queueDepth;
    private readonly Gauge _connections;
    private Func<int> _depth = () => 0;

    public NodeMetrics(ServerOptions options, ConnectionLimit connections)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        Registry.SetStaticLabels(new Dictionary<string, string> { ["node"] = options.NodeName });
        MetricFactory factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _readings = factory.CreateCounter("qingshui_readings_committed_total", "Readings made durable by this node's ingest writer (rate: readings/s).");
        _packets = factory.CreateCounter("qingshui_packets_committed_total", "Packets (raw log entries) made durable by this node's ingest writer.");
        _acks = factory.CreateCounter("qingshui_acks_sent_total", "Replies sent to stations after their packets were durable (9014 data acknowledgements and the like).");
        _rejects = factory.CreateCounter("qingshui_rejects_total", "Packets rejected or quarantined, by reason code (as the packet log filters them).",
            new CounterConfiguration { LabelNames = ["reason"] });
        _commit = factory.CreateHistogram("qingshui_commit_seconds", "Time to commit one ingest batch (group commit), until the store said durable.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0005, 2, 16) });
        _queueDepth = factory.CreateGauge("qingshui_ingest_queue_depth", "Records waiting for the ingest writer.");
        _connections = factory.CreateGauge("qingshui_hj212_connections", "HJ 212 connections open on this node.");
        Registry.AddBeforeCollectCallback(() =>
        {
            _queueDepth.Set(_depth());
            _connections.Set(connections.Open);
        });
    }

    /// <summary>The registry <c>/metrics</c> exports.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Where the queue depth is read at each scrape.</summary>
    public void WatchQueue(Func<int> depth) => _depth = depth;

    public void Committed(IReadOnlyList<IngestRecord> records, TimeSpan took)
    {
        _commit.Observe(took.TotalSeconds);
        _packets.Inc(records.Count);
        int readings = 0;
        foreach (IngestRecord record in records)
        {
            readings += record.Readings.Count;
        }

        _readings.Inc(readings);
    }

    public void Acknowledged(int replies) => _acks.Inc(replies);

    public void Rejected(RawPacket packet)
    {
        if (packet.Verdict is PacketVerdict.Rejected or PacketVerdict.Quarantined)
        {
            // A bounded set of codes (never the free text): each is one series.
            _rejects.WithLabels(Api.RejectReasons.CodeOf(packet.Reason) ?? packet.Verdict.ToString()).Inc();
        }
    }
}
