using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Network;
using Qingshui.Hj212;
using Qingshui.Server.Commands;
using Qingshui.Server.Ingest;
using Qingshui.Server.Keys;
using Qingshui.Storage;
using Qingshui.Storage.Cluster;
using Qingshui.Storage.Registration;

namespace Qingshui.Server.Registration;

/// <summary>
/// An MN assigned on one node to a logger whose connection another node holds: the assigning node records the
/// assignment in the store (<see cref="IPendingRegistrationStore.AssignPendingAsync"/>) and says so on the commit feed;
/// the node holding the connection reads it back and sends the 1002 itself, logged as any command, and takes the logger
/// off the list once it reports the assignment done. The feed may miss that news (a gap), so an assignment still pending
/// is sent again when the feed resumes after a gap and whenever the logger announces itself again (on a new connection
/// or the same one); a logger that hears its 1002 twice sets the same MN twice. It is sent only over a connection whose
/// announcement carried the CPU id and MACs recorded at the assignment (<see cref="PendingRegistrations.LinkFor"/>):
/// anyone may announce a logger's id, and the 1002 carries the MN and its password.
/// </summary>
internal sealed class RemoteAssignments(
    PendingRegistrations pending, IStationStore stations, StationRegister register, StationKeyRing keys, StationConnections connections,
    StationCommander commander, ICommitFeed feed, TimeProvider clock, ILogger<RemoteAssignments> logger)
{
    private readonly ConcurrentDictionary<string, byte> _sending = new(StringComparer.Ordinal);

    /// <summary>Tells the other nodes that <paramref name="loggerId"/> was assigned <paramref name="deviceId"/> (recorded in the store already).</summary>
    public Task HandOverAsync(string loggerId, string deviceId, CancellationToken cancellationToken) =>
        feed.PublishAsync([new IngestRecord(new RawPacket(clock.GetUtcNow(), "api", deviceId, CommandCode.SetDeviceId, PacketVerdict.Control,
            $"assignment of logger {loggerId}", []), []) { AssignsLogger = loggerId }], cancellationToken);

    /// <summary>Another node assigned this logger: sends the assignment when its connection is here (one send at a time per logger).</summary>
    public void Received(string loggerId)
    {
        if (pending.LinkOf(loggerId) is null)
        {
            return;
        }

        if (_sending.TryAdd(loggerId, 0))
        {
            _ = Task.Run(() => SendAsync(loggerId));
        }
    }

    /// <summary>
    /// After a gap in the feed: every logger whose connection is here and whose assignment (recorded in the store) was
    /// not yet confirmed is sent it again, since the news of it may have been among what was missed.
    /// </summary>
    public void ResendHeld()
    {
        foreach (string loggerId in pending.HeldLoggers())
        {
            Received(loggerId);
        }
    }

    private async Task SendAsync(string loggerId)
    {
        try
        {
            PendingRegistration? row = await pending.FindAsync(loggerId, CancellationToken.None);
            if (row?.AssignedMn is not string deviceId)
            {
                return;
            }

            if (pending.LinkFor(row) is not StationLink link)
            {
                Log.AssignmentWithheld(logger, loggerId, deviceId);
                return;
            }

            // The station and its key were written by the assigning node: read here from the store before the 1002 leaves,
            // since the logger's first upload under its MN may follow its answer at once.
            if (register.Find(deviceId) is null && (await stations.StationsAsync(CancellationToken.None)).FirstOrDefault(s => s.DeviceId == deviceId) is Station station)
            {
                register.Put(station);
            }

            await keys.LoadAsync(CancellationToken.None);
            connections.Attach(deviceId, row.SystemCode, link);
            CommandRun run = await commander.RunAsync(deviceId, $"registration of logger {loggerId} (assigned on another node or sent again)",
                (qn, address) => HostCommands.SetDeviceId(qn, address, loggerId), CancellationToken.None);
            if (run.Outcome.State == StationCommandState.Done)
            {
                await pending.RemoveAsync(loggerId);
            }

            Log.AssignmentForwarded(logger, loggerId, deviceId, run.Outcome.State.ToString());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.AssignmentForwardFailed(logger, e, loggerId);
        }
        finally
        {
            _sending.TryRemove(loggerId, out _);
        }
    }
}
