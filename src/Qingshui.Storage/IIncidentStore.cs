using Qingshui.Domain.Incidents;

namespace Qingshui.Storage;

/// <summary>Which incidents to list: by status, section and opening time; newest first, paged by id.</summary>
/// <param name="Limit">At most this many (1–<see cref="MaxLimit"/>).</param>
/// <param name="Status">Only this status.</param>
/// <param name="Section">Only this section.</param>
/// <param name="From">Opened at or after this.</param>
/// <param name="To">Opened before this.</param>
/// <param name="Before">Only ids below this (the next page).</param>
public sealed record IncidentQuery(
    int Limit, IncidentStatus? Status = null, string? Section = null, DateTimeOffset? From = null, DateTimeOffset? To = null, long? Before = null)
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 200;
}

/// <summary>
/// Where incidents are kept with their evidence, timeline, actions and station commands. Steps and actions are appended,
/// never edited; a step is stored only if the incident still has the status the caller saw (else someone was first).
/// </summary>
public interface IIncidentStore
{
    /// <summary>Stores a new incident (its alerts and first steps) and returns it with its id.</summary>
    /// <exception cref="StoreException">Also when its section already has an open incident.</exception>
    Task<Incident> CreateAsync(Incident incident, CancellationToken cancellationToken);

    /// <summary>
    /// Stores <paramref name="changed"/>'s last step with its new status, severity and stations (and <paramref name="joinedAlert"/>
    /// as evidence), if the incident's status is still <paramref name="expected"/>; returns false when it is not.
    /// </summary>
    Task<bool> RecordStepAsync(Incident changed, IncidentStatus expected, long? joinedAlert, CancellationToken cancellationToken);

    /// <summary>Stores an action (with its commands) on an incident whose status is still <paramref name="expected"/>; <c>null</c> when it is not.</summary>
    Task<ResponseAction?> AddActionAsync(long incident, IncidentStatus expected, ResponseAction action, CancellationToken cancellationToken);

    /// <summary>Adds a command's outcome to an action (the restore at closing).</summary>
    Task AddCommandAsync(long action, StationCommandRecord command, CancellationToken cancellationToken);

    /// <summary>One incident with everything recorded on it, or <c>null</c>.</summary>
    Task<Incident?> FindIncidentAsync(long id, CancellationToken cancellationToken);

    /// <summary>The incidents not closed, oldest first (what the server watches after a restart).</summary>
    Task<IReadOnlyList<Incident>> OpenIncidentsAsync(CancellationToken cancellationToken);

    /// <summary>Incidents matching the query, newest first.</summary>
    Task<IReadOnlyList<Incident>> ListIncidentsAsync(IncidentQuery query, CancellationToken cancellationToken);
}
