using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Qingshui.Server.Alerts;
using Qingshui.Server.Api;
using Qingshui.Server.Ingest;
using Qingshui.Server.Live;
using Qingshui.Storage;
using Qingshui.Storage.Cluster;

namespace Qingshui.Server.Cluster;

/// <summary>
/// Applies what other nodes committed to this node's state, as this node's own batches are applied: the response cache
/// drops what they make stale, the live state and the event stream take the readings, screening remembers them, the
/// alert monitor sees them (it evaluates only on the node holding the alert job), split reassembly learns of parts
/// held or series ended elsewhere, and an MN assigned elsewhere to a logger connected here is sent to it (again after a gap). Changes and
/// events another node announced are applied by <see cref="ClusterNoteApplier"/>. After a gap in the feed, the state
/// derived from readings and what notes keep current are rebuilt from the store.
/// </summary>
internal sealed class CommitFeedRelay(
    ICommitFeed feed, ResponseCache cache, LiveUpdater live, LiveState liveState, AlertMonitor alerts, ReadingScreen screen,
    SplitAssemblies splits, ClusterNoteApplier notes, IPlatformStore store, Registration.RemoteAssignments assignments,
    TimeProvider clock, ILogger<CommitFeedRelay> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // Listening before this node takes its first packet: nothing another node commits after that is missed.
        await feed.StartAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (CommitNews news in feed.News.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await ApplyAsync(news, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.CommitFeedApplyFailed(logger, e, news.Records.Count);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task ApplyAsync(CommitNews news, CancellationToken cancellationToken)
    {
        if (news.Missed)
        {
            Log.CommitFeedGap(logger);
            await notes.ReloadAsync(cancellationToken);
            cache.DropAll();
            await liveState.LoadAsync(store, clock, cancellationToken);
            await splits.RestoreAsync(store, clock.GetUtcNow(), cancellationToken);
            assignments.ResendHeld();
            return;
        }

        if (news.Note is ClusterNote note)
        {
            try
            {
                await notes.ApplyAsync(note, cancellationToken);
            }
            catch (Exception e) when (e is StoreException or JsonException)
            {
                Log.ClusterNoteApplyFailed(logger, e, note.Kind, note.Subject);
            }

            return;
        }

        cache.Committed(news.Records);
        live.Post(news.Records);
        alerts.Post(news.Records);
        screen.Observe(news.Records);
        foreach (IngestRecord record in news.Records)
        {
            if (record.EndsSplitSeries is SplitSeriesKey ended)
            {
                splits.Forget(ended);
            }

            if (record.AssignsLogger is string loggerId)
            {
                assignments.Received(loggerId);
            }
        }

        // A part held elsewhere is read from the store (its bytes are not in the feed); parts already here are duplicates.
        if (news.Records.Any(r => r.HoldsSplitPart is not null))
        {
            await splits.RestoreAsync(store, clock.GetUtcNow(), cancellationToken);
        }
    }
}
