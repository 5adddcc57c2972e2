using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qingshui.Server.Api;
using Qingshui.Server.Live;
using Qingshui.Storage;
using Qingshui.Storage.Cluster;

namespace Qingshui.Server.Cluster;

/// <summary>
/// Tells the other nodes, on its own task, of changes made here to what every node keeps in memory (the station
/// register, station keys, accounts and tokens, sections whose data a review changed) and of dashboard events only this
/// node raised. The caller only posts: a write's answer never waits for the other nodes.
/// </summary>
internal sealed class ClusterNotes(ICommitFeed feed, ILogger<ClusterNotes> logger) : BackgroundService
{
    /// <summary>A station was added or its registration changed (subject: its MN).</summary>
    public const string Station = "station";

    /// <summary>A station's data-area keys were set or exchanged (subject: its MN).</summary>
    public const string StationKey = "station-key";

    /// <summary>A user or a token changed (subject: the name or token id, as <see cref="Accounts.AccountChanges"/> takes it).</summary>
    public const string Account = "account";

    /// <summary>Many users or tokens changed at once.</summary>
    public const string AllAccounts = "accounts";

    /// <summary>Stored values of a section changed outside ingest (subject: the section).</summary>
    public const string Section = "section";

    /// <summary>A dashboard event raised here (subject: its type; data: its JSON).</summary>
    public const string Live = "live";

    private const int MaxWaiting = 4_096;
    private readonly Channel<ClusterNote> _waiting = Channel.CreateBounded<ClusterNote>(
        new BoundedChannelOptions(MaxWaiting) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

    public void Announce(string kind, string subject, string? data = null) => _waiting.Writer.TryWrite(new ClusterNote(kind, subject, data));

    /// <summary>Shares a dashboard event with the other nodes' streams.</summary>
    public void Share(LiveEvent e) => Announce(Live, e.Type, JsonSerializer.Serialize(e.Data, JsonAnswer.Options));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (ClusterNote note in _waiting.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await feed.AnnounceAsync(note, stoppingToken);
                }
                catch (StoreException e)
                {
                    // The other nodes' listeners are cut off as well and reload from the store when they are back.
                    Log.ClusterNoteFailed(logger, e, note.Kind, note.Subject);
                }
                catch (ArgumentException e)
                {
                    Log.ClusterNoteFailed(logger, e, note.Kind, note.Subject);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
