namespace Qingshui.Storage.Commands;

/// <summary>
/// Where commands sent to stations are kept: every command (and every one that could not be sent), the station's answers
/// to it, and the real-time intervals remembered while monitoring is tightened, so a restart still knows what to restore.
/// </summary>
public interface IStationCommandStore
{
    /// <summary>Records a command as it is sent (or found unsendable) and returns it with its id.</summary>
    Task<StationCommandEntry> AddCommandAsync(StationCommandEntry command, CancellationToken cancellationToken);

    /// <summary>Records how a command ended and the answers that came for it.</summary>
    Task FinishCommandAsync(long id, string state, string? detail, DateTimeOffset? answeredAt, IReadOnlyList<StationAnswerEntry> answers, CancellationToken cancellationToken);

    /// <summary>A station's commands, newest first, each with its answers; paged by id.</summary>
    Task<IReadOnlyList<StationCommandEntry>> CommandsAsync(string station, int limit, long? before, CancellationToken cancellationToken);

    /// <summary>The station's intervals still held (tightened and not yet restored), oldest first.</summary>
    Task<IReadOnlyList<IntervalHold>> OpenHoldsAsync(string station, CancellationToken cancellationToken);

    /// <summary>
    /// Holds an interval for a reference, or, when the reference holds one already, changes the interval it holds to
    /// (and forgets a restore asked of it: the reference tightens again).
    /// </summary>
    Task PutHoldAsync(IntervalHold hold, CancellationToken cancellationToken);

    /// <summary>Notes that a restore of the reference's hold was asked and did not get through, so it is asked again when the station connects.</summary>
    Task AskRestoreAsync(string station, string reference, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every hold whose restore was asked and has not got through yet, across stations.</summary>
    Task<IReadOnlyList<IntervalHold>> RestoresOwedAsync(CancellationToken cancellationToken);

    /// <summary>Ends the reference's hold on the station; false when it held none.</summary>
    Task<bool> ReleaseHoldAsync(string station, string reference, DateTimeOffset at, CancellationToken cancellationToken);
}
