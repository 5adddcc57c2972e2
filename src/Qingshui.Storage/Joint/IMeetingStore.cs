using Qingshui.Domain.Joint;

namespace Qingshui.Storage.Joint;

/// <summary>Joint meetings, their decisions (with state changes guarded by the state the caller saw), linked ledger decisions and yearly reminders.</summary>
public interface IMeetingStore
{
    /// <summary>Stores a new meeting and returns it with its id.</summary>
    Task<Meeting> CreateMeetingAsync(Meeting meeting, CancellationToken cancellationToken);

    /// <summary>One meeting, or <c>null</c>.</summary>
    Task<Meeting?> FindMeetingAsync(long id, CancellationToken cancellationToken);

    /// <summary>A basin's meetings dated from <paramref name="from"/> to <paramref name="to"/> (both included), by date.</summary>
    Task<IReadOnlyList<Meeting>> ListMeetingsAsync(string basin, DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>The basin's meeting with the latest date (the last convenor), or <c>null</c>.</summary>
    Task<Meeting?> LastMeetingAsync(string basin, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="amended"/>'s attendees, agenda, minutes and attachments if the stored meeting still has
    /// <paramref name="expected"/>'s (the meeting as the amending reader saw it); false when it has changed meanwhile or is gone.
    /// </summary>
    Task<bool> AmendMeetingAsync(Meeting amended, Meeting expected, CancellationToken cancellationToken);

    /// <summary>Stores a new decision and returns it with its id.</summary>
    Task<MeetingDecision> AddDecisionAsync(MeetingDecision decision, CancellationToken cancellationToken);

    /// <summary>One decision, or <c>null</c>.</summary>
    Task<MeetingDecision?> FindDecisionAsync(long id, CancellationToken cancellationToken);

    /// <summary>Stores <paramref name="changed"/>'s state, note and who/when if the stored state is still <paramref name="expected"/>; false when it is not.</summary>
    Task<bool> ChangeDecisionAsync(MeetingDecision changed, DecisionState expected, CancellationToken cancellationToken);

    /// <summary>Decisions matching the query, by deadline then id.</summary>
    Task<IReadOnlyList<MeetingDecision>> ListDecisionsAsync(DecisionQuery query, CancellationToken cancellationToken);

    /// <summary>Keeps a ledger decision taken at a meeting with that meeting.</summary>
    Task LinkLedgerDecisionAsync(LedgerDecisionLink link, CancellationToken cancellationToken);

    /// <summary>The ledger decisions taken at a meeting, oldest first.</summary>
    Task<IReadOnlyList<LedgerDecisionLink>> LedgerDecisionsAsync(long meeting, CancellationToken cancellationToken);

    /// <summary>Notes that the year's meeting reminder was sent; false when it already had been.</summary>
    Task<bool> NoteMeetingReminderAsync(string basin, int year, DateTimeOffset at, CancellationToken cancellationToken);
}
