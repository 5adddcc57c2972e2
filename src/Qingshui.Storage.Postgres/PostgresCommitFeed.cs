using System.Threading.Channels;
using Npgsql;
using Qingshui.Storage.Cluster;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// The commit feed between nodes sharing one PostgreSQL database: each batch is sent with <c>pg_notify</c> on one channel
/// (in messages under NOTIFY's 8,000-byte limit) and every node LISTENs on its own connection. When that connection
/// breaks (the database restarts, a failover), the node reconnects by itself with a growing pause and, once listening
/// again, reports a gap so that what it derived from readings is rebuilt from the store.
/// </summary>
public sealed class PostgresCommitFeed : ICommitFeed
{
    /// <summary>The NOTIFY channel.</summary>
    public const string ChannelName = "qingshui_commits";

    // NOTIFY refuses payloads of 8,000 bytes or more; the messages are ASCII (base64), so characters are bytes.
    private const int MaxMessage = 7_900;

    private readonly NpgsqlDataSource _source;
    private readonly string _node;
    private readonly Action<Exception>? _listenFailed;
    private readonly Channel<CommitNews> _news = Channel.CreateBounded<CommitNews>(new BoundedChannelOptions(4_096) { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private volatile bool _overflowed;

    /// <param name="options">The database.</param>
    /// <param name="node">This node's name, unique among the nodes (its own messages are not news to it).</param>
    /// <param name="listenFailed">Told each time listening fails, before the next attempt (for the log).</param>
    public PostgresCommitFeed(PostgresStoreOptions options, string node, Action<Exception>? listenFailed = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(node);
        if (node.Contains('|', StringComparison.Ordinal))
        {
            throw new ArgumentException("a node name cannot contain '|'", nameof(node));
        }

        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString) { ApplicationName = $"qingshui-feed {node}" };
        // The listening connection must notice a dead server even when nothing is sent: keepalives make WaitAsync fail.
        builder.KeepAlive = builder.KeepAlive == 0 ? 5 : builder.KeepAlive;
        _source = NpgsqlDataSource.Create(builder.ConnectionString);
        _node = node;
        _listenFailed = listenFailed;
    }

    /// <summary>How many times listening started again after a break.</summary>
    public int Reconnects { get; private set; }

    public ChannelReader<CommitNews> News => _news.Reader;

    /// <summary>Starts listening; returns once the first LISTEN is in place.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _loop ??= Task.Run(() => ListenAsync(_stop.Token), CancellationToken.None);
        await _listening.Task.WaitAsync(cancellationToken);
    }

    public async Task PublishAsync(IReadOnlyList<IngestRecord> committed, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> messages = CommitFeedCodec.Encode(_node, committed, MaxMessage);
        if (messages.Count == 0)
        {
            return;
        }

        try
        {
            await using NpgsqlConnection connection = await _source.OpenConnectionAsync(cancellationToken);
            await using NpgsqlBatch batch = connection.CreateBatch();
            foreach (string message in messages)
            {
                var notify = new NpgsqlBatchCommand("SELECT pg_notify($1, $2)");
                notify.Parameters.AddWithValue(ChannelName);
                notify.Parameters.AddWithValue(message);
                batch.BatchCommands.Add(notify);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            // The batch is committed; if the others cannot be told, their listeners are cut off too and resynchronise.
            throw new StoreException($"PostgreSQL failed telling the other nodes of a commit: {e.Message}", e.IsTransient, e);
        }
    }

    public async Task AnnounceAsync(ClusterNote note, CancellationToken cancellationToken)
    {
        string message = ClusterNoteCodec.Encode(_node, note, MaxMessage)
            ?? throw new ArgumentException($"the note '{note.Kind}' on '{note.Subject}' is too long for one message", nameof(note));
        try
        {
            await using NpgsqlConnection connection = await _source.OpenConnectionAsync(cancellationToken);
            await using var notify = new NpgsqlCommand("SELECT pg_notify($1, $2)", connection);
            notify.Parameters.AddWithValue(ChannelName);
            notify.Parameters.AddWithValue(message);
            await notify.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw new StoreException($"PostgreSQL failed telling the other nodes of a change: {e.Message}", e.IsTransient, e);
        }
    }

    private async Task ListenAsync(CancellationToken stop)
    {
        TimeSpan pause = TimeSpan.FromMilliseconds(250);
        bool first = true;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using NpgsqlConnection connection = await _source.OpenConnectionAsync(stop);
                connection.Notification += (_, e) => Receive(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChannelName}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop);
                }

                if (first)
                {
                    first = false;
                    _listening.TrySetResult();
                }
                else
                {
                    // Listening again: whatever was sent while away is lost, so the receivers rebuild from the store.
                    Reconnects++;
                    await _news.Writer.WriteAsync(CommitNews.Gap, stop);
                }

                pause = TimeSpan.FromMilliseconds(250);
                while (true)
                {
                    await connection.WaitAsync(stop);
                    if (_overflowed)
                    {
                        _overflowed = false;
                        await _news.Writer.WriteAsync(CommitNews.Gap, stop);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
            {
                _listenFailed?.Invoke(e);
                try
                {
                    await Task.Delay(pause, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    private void Receive(string payload)
    {
        if (ClusterNoteCodec.IsNote(payload))
        {
            ReceiveNote(payload);
            return;
        }

        (string node, IReadOnlyList<IngestRecord> records) news;
        try
        {
            news = CommitFeedCodec.Decode(payload);
        }
        catch (FormatException e)
        {
            _listenFailed?.Invoke(e);
            return;
        }

        if (news.node != _node && !_news.Writer.TryWrite(new CommitNews(news.records, Missed: false)))
        {
            // The receiver is behind by thousands of batches: drop the rest and let it rebuild once it catches up.
            _overflowed = true;
        }
    }

    private void ReceiveNote(string payload)
    {
        (string node, ClusterNote note) news;
        try
        {
            news = ClusterNoteCodec.Decode(payload);
        }
        catch (FormatException e)
        {
            _listenFailed?.Invoke(e);
            return;
        }

        if (news.node != _node && !_news.Writer.TryWrite(CommitNews.Of(news.note)))
        {
            _overflowed = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _news.Writer.TryComplete();
        _listening.TrySetCanceled();
        await _source.DisposeAsync();
        _stop.Dispose();
    }
}
