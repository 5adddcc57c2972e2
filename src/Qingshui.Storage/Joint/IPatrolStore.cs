using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;

namespace Qingshui.Storage.Joint;

/// <summary>
/// River chiefs, patrols with their routes, findings and enforcement cases: stored as written, read back as written.
/// Changes are read-modify-write under the store's write lock, so two sides acting at once both see what the other did.
/// </summary>
public interface IPatrolStore
{
    /// <summary>Stores chiefs in one transaction (all or none) and returns them with their ids.</summary>
    Task<IReadOnlyList<RiverChief>> AddRiverChiefsAsync(IReadOnlyList<RiverChief> chiefs, CancellationToken cancellationToken);

    /// <summary>The chief with this id, or <c>null</c>.</summary>
    Task<RiverChief?> FindRiverChiefAsync(long id, CancellationToken cancellationToken);

    /// <summary>Replaces a chief's fields (same id); <c>null</c> when there is no such chief.</summary>
    Task<StoredChange<RiverChief>?> ChangeRiverChiefAsync(long id, Func<RiverChief, RiverChief?> change, CancellationToken cancellationToken);

    /// <summary>Chiefs, newest first.</summary>
    Task<IReadOnlyList<RiverChief>> ListRiverChiefsAsync(JointQuery query, CancellationToken cancellationToken);

    /// <summary>Stores a patrol (without route) and returns it with its id.</summary>
    Task<Patrol> AddPatrolAsync(Patrol patrol, CancellationToken cancellationToken);

    /// <summary>The patrol with this id, or <c>null</c>.</summary>
    Task<Patrol?> FindPatrolAsync(long id, CancellationToken cancellationToken);

    /// <summary>Patrols, newest first (by id); <see cref="JointQuery.Side"/> matches any participant's side.</summary>
    Task<IReadOnlyList<Patrol>> ListPatrolsAsync(JointQuery query, CancellationToken cancellationToken);

    /// <summary>Sets (replaces) a patrol's route; <c>null</c> when there is no such patrol.</summary>
    Task<Patrol?> SetRouteAsync(long patrol, IReadOnlyList<GeoPoint> points, CancellationToken cancellationToken);

    /// <summary>A patrol's route points, empty when none was uploaded; <c>null</c> when there is no such patrol.</summary>
    Task<IReadOnlyList<GeoPoint>?> RouteAsync(long patrol, CancellationToken cancellationToken);

    /// <summary>Stores a finding of an existing patrol and returns it with its id; <c>null</c> when the patrol does not exist.</summary>
    Task<Finding?> AddFindingAsync(Finding finding, CancellationToken cancellationToken);

    /// <summary>The finding with this id, or <c>null</c>.</summary>
    Task<Finding?> FindFindingAsync(long id, CancellationToken cancellationToken);

    /// <summary>Changes a finding; <c>null</c> when there is no such finding.</summary>
    Task<StoredChange<Finding>?> ChangeFindingAsync(long id, Func<Finding, Finding?> change, CancellationToken cancellationToken);

    /// <summary>Findings, newest first; <see cref="JointQuery.Side"/> matches the owner's side.</summary>
    Task<IReadOnlyList<Finding>> ListFindingsAsync(FindingQuery query, CancellationToken cancellationToken);

    /// <summary>Stores a case and returns it with its id.</summary>
    Task<EnforcementCase> AddCaseAsync(EnforcementCase enforcementCase, CancellationToken cancellationToken);

    /// <summary>The case with this id, or <c>null</c>.</summary>
    Task<EnforcementCase?> FindCaseAsync(long id, CancellationToken cancellationToken);

    /// <summary>Changes a case; <c>null</c> when there is no such case.</summary>
    Task<StoredChange<EnforcementCase>?> ChangeCaseAsync(long id, Func<EnforcementCase, EnforcementCase?> change, CancellationToken cancellationToken);

    /// <summary>Cases, newest first; <see cref="JointQuery.Side"/> matches any party.</summary>
    Task<IReadOnlyList<EnforcementCase>> ListCasesAsync(CaseQuery query, CancellationToken cancellationToken);
}

/// <summary>A record before and after a change; <see cref="After"/> is <c>null</c> when the change declined to write.</summary>
/// <param name="Before">As it was.</param>
/// <param name="After">As written, or <c>null</c>.</param>
public sealed record StoredChange<T>(T Before, T? After);

/// <summary>Which joint records to list, newest first, paged by id.</summary>
/// <param name="Limit">At most this many (1–<see cref="MaxLimit"/>).</param>
/// <param name="Side">Only those of this side (what "of" means is said by each list).</param>
/// <param name="From">Only those dated on or after this day (patrols: the patrol day; findings: recorded; cases: opened; chiefs: term covers it).</param>
/// <param name="To">Only those dated before this day (exclusive).</param>
/// <param name="Before">Only ids below this (the next page).</param>
public sealed record JointQuery(int Limit, string? Side = null, DateOnly? From = null, DateOnly? To = null, long? Before = null)
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 500;
}

/// <summary>Which findings to list.</summary>
/// <param name="Common">Limit, side (the owner's), dates (recorded, China time), paging.</param>
/// <param name="Patrol">Only those of this patrol.</param>
/// <param name="Closed">Only closed (<c>true</c>) or open (<c>false</c>) ones.</param>
/// <param name="Overdue">Only those overdue on <paramref name="Today"/> (<c>true</c>: open with a deadline before it) or not (<c>false</c>).</param>
/// <param name="Today">The day, in China time, overdue is judged on.</param>
public sealed record FindingQuery(JointQuery Common, long? Patrol = null, bool? Closed = null, bool? Overdue = null, DateOnly Today = default);

/// <summary>Which cases to list.</summary>
/// <param name="Common">Limit, side (any party), dates (opened, China time), paging.</param>
/// <param name="Status">Only those of this status.</param>
/// <param name="VisibleTo">Only those this side is a party to; <c>null</c>: every case (the joint office).</param>
/// <param name="Referred">Only those with a referral awaiting an answer.</param>
public sealed record CaseQuery(JointQuery Common, CaseStatus? Status = null, string? VisibleTo = null, bool Referred = false);
