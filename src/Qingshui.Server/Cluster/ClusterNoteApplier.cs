using System.Text.Json;
using Qingshui.Domain.Network;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api;
using Qingshui.Server.Ingest;
using Qingshui.Server.Keys;
using Qingshui.Server.Live;
using Qingshui.Storage;
using Qingshui.Storage.Cluster;

namespace Qingshui.Server.Cluster;

/// <summary>
/// Applies to this node what another node announced (<see cref="ClusterNotes"/>): a station's registration or keys
/// are read again from the store, an account or token is dropped from the cache (the next request reads it), a section's
/// cached answers are dropped, and a dashboard event is passed to this node's streams. After a gap in the feed, all of
/// it is read again.
/// </summary>
internal sealed class ClusterNoteApplier(
    IStationStore stations, StationRegister register, StationKeyRing keys, AccountCache accounts, ResponseCache cache, LiveState live, LiveFeed feed)
{
    public async Task ApplyAsync(ClusterNote note, CancellationToken cancellationToken)
    {
        switch (note.Kind)
        {
            case ClusterNotes.Station:
                await StationChangedAsync(note.Subject, cancellationToken);
                break;
            case ClusterNotes.StationKey:
                await keys.LoadAsync(cancellationToken);
                break;
            case ClusterNotes.Account:
                accounts.Forget(note.Subject);
                break;
            case ClusterNotes.AllAccounts:
                accounts.ForgetAll();
                break;
            case ClusterNotes.Section:
                cache.StationsChanged([note.Subject]);
                break;
            case ClusterNotes.Live when note.Data is not null:
                using (JsonDocument data = JsonDocument.Parse(note.Data))
                {
                    feed.PublishHere(new LiveEvent(note.Subject, data.RootElement.Clone()));
                }

                break;
            default:
                // A kind a newer node announces: nothing this node keeps depends on it.
                break;
        }
    }

    /// <summary>Reads again what notes keep current: the feed was cut off and some may have been missed.</summary>
    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        register.Load(await stations.StationsAsync(cancellationToken));
        await keys.LoadAsync(cancellationToken);
        accounts.ForgetAll();
    }

    private async Task StationChangedAsync(string deviceId, CancellationToken cancellationToken)
    {
        Station? after = (await stations.StationsAsync(cancellationToken)).FirstOrDefault(s => s.DeviceId == deviceId);
        if (after is null)
        {
            return;
        }

        Station? before = register.Find(deviceId);
        register.Put(after);
        string[] sections = before is null || before.Section == after.Section ? [after.Section] : [before.Section, after.Section];
        cache.StationsChanged(sections);
        live.StationsChanged(sections);
    }
}
