using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Qingshui.Hj212;
using Qingshui.Storage.Commands;

namespace Qingshui.Server.Commands;

/// <summary>
/// Tightened monitoring over HJ 212: <see cref="TightenAsync"/> asks the station its real-time interval (1061), holds
/// it in the store for the reference (the configured default when the station does not say), then sets the new one
/// (1062); <see cref="RestoreAsync"/> sets the held interval back and ends the hold. While several references hold a
/// station, it runs at the shortest interval any of them asked for and goes back to the first one's remembered interval
/// when the last lets go. A restore that does not get through (the station away or silent) is owed and asked again when
/// the station next connects.
/// </summary>
internal sealed class RealtimeIntervalControl(
    StationCommander commander, IStationCommandStore store, ServerOptions options, TimeProvider clock, ILogger<RealtimeIntervalControl> logger)
    : IRealtimeIntervalControl
{
    private const string FromStation = "station";
    private const string FromEarlierHold = "held";
    private const string FromDefault = "default";

    // One change at a time per station: a tighten and a restore racing would each compute from holds the other is changing.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _owed = new(StringComparer.Ordinal);

    public async Task<StationCommandOutcome> TightenAsync(string deviceId, int seconds, string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentException.ThrowIfNullOrEmpty(reference);
        if (!RealtimeInterval.IsAllowed(seconds))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, $"HJ 212 allows {RealtimeInterval.MinSeconds}–{RealtimeInterval.MaxSeconds} s");
        }

        SemaphoreSlim gate = _gates.GetOrAdd(deviceId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!commander.IsConnected(deviceId))
            {
                return (await SetAsync(deviceId, seconds, reference, cancellationToken)).Outcome;
            }

            IReadOnlyList<IntervalHold> holds = await store.OpenHoldsAsync(deviceId, cancellationToken);
            IntervalHold? own = holds.FirstOrDefault(h => h.Reference == reference);
            (int previous, string source) = own is not null ? (own.PreviousSeconds, own.PreviousSource)
                : holds.Count > 0 ? (holds[0].PreviousSeconds, FromEarlierHold)
                : await AskAsync(deviceId, reference, cancellationToken);

            // Held before the 1062 leaves: if the server stops before the answer, the interval to go back to is known.
            await store.PutHoldAsync(new IntervalHold(deviceId, reference, previous, source, seconds, clock.GetUtcNow()), cancellationToken);
            int effective = holds.Where(h => h.Reference != reference).Select(h => h.Seconds).Append(seconds).Min();
            CommandRun run = await SetAsync(deviceId, effective, reference, cancellationToken);
            if (own is null && run.Outcome.State is StationCommandState.Refused or StationCommandState.NotConnected)
            {
                // The station kept its interval: nothing to restore later.
                await store.ReleaseHoldAsync(deviceId, reference, clock.GetUtcNow(), CancellationToken.None);
            }

            return run.Outcome;
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<StationCommandOutcome> RestoreAsync(string deviceId, string reference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentException.ThrowIfNullOrEmpty(reference);
        SemaphoreSlim gate = _gates.GetOrAdd(deviceId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<IntervalHold> holds = await store.OpenHoldsAsync(deviceId, cancellationToken);
            if (holds.FirstOrDefault(h => h.Reference == reference) is not IntervalHold own)
            {
                // Nothing of this reference to undo: the state asked for holds already, and nothing is sent.
                return new StationCommandOutcome(deviceId, "", StationCommandState.Done,
                    $"nothing to restore: '{reference}' holds no tightened interval on {deviceId}", clock.GetUtcNow(), null);
            }

            IntervalHold[] others = [.. holds.Where(h => h != own)];
            int target = others.Length > 0 ? others.Min(h => h.Seconds) : own.PreviousSeconds;
            CommandRun run = await SetAsync(deviceId, target, reference, cancellationToken);
            if (run.Outcome.State == StationCommandState.Done)
            {
                await store.ReleaseHoldAsync(deviceId, reference, clock.GetUtcNow(), CancellationToken.None);
            }
            else
            {
                // Owed: asked again when the station next connects (RestoresOnReconnect), and by whoever asks again.
                await store.AskRestoreAsync(deviceId, reference, clock.GetUtcNow(), CancellationToken.None);
                _owed.TryAdd(deviceId, 0);
            }

            return run.Outcome;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Notes a station owing a restore (read back from the store at start).</summary>
    public void Owe(string deviceId) => _owed.TryAdd(deviceId, 0);

    /// <summary>Whether the station owes a restore; the note is taken, and a restore that fails again notes it anew.</summary>
    public bool TakeOwed(string deviceId) => _owed.TryRemove(deviceId, out _);

    /// <summary>Asks again every restore the station owes.</summary>
    public async Task RetryRestoresAsync(string deviceId, CancellationToken cancellationToken)
    {
        foreach (IntervalHold hold in await store.OpenHoldsAsync(deviceId, cancellationToken))
        {
            if (hold.RestoreAskedAt is not null)
            {
                await RestoreAsync(deviceId, hold.Reference, cancellationToken);
            }
        }
    }

    private Task<CommandRun> SetAsync(string deviceId, int seconds, string reference, CancellationToken cancellationToken) =>
        commander.RunAsync(deviceId, reference, (qn, address) => HostCommands.SetRealtimeInterval(qn, address, seconds), cancellationToken);

    private async Task<(int Seconds, string Source)> AskAsync(string deviceId, string reference, CancellationToken cancellationToken)
    {
        CommandRun run = await commander.RunAsync(deviceId, reference, HostCommands.GetRealtimeInterval, cancellationToken);
        foreach (StationAnswer answer in run.Answers)
        {
            if (answer.Command == CommandCode.GetRealtimeInterval && RealtimeInterval.TryRead(answer.Data, out int seconds))
            {
                return (seconds, FromStation);
            }
        }

        int assumed = (int)options.DefaultRealtimeInterval.TotalSeconds;
        Log.IntervalAssumed(logger, deviceId, run.Outcome.Detail ?? run.Outcome.State.ToString(), assumed);
        return (assumed, FromDefault);
    }
}
