using Qingshui.Domain.Audit;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;

namespace Qingshui.Storage;

/// <summary>
/// Where reviewers' work is kept: decisions (each one revises the readings it covers through the reading store's
/// revisions, so the value before stays readable) and the closing and reopening of station-months.
/// </summary>
/// <remarks>Decisions and month steps are appended, never edited. Infrastructure failures surface as <see cref="StoreException"/>.</remarks>
public interface IReviewStore
{
    /// <summary>
    /// Applies decisions in one transaction: each revises the current readings of its station and parameter (every kind) in
    /// its range by <see cref="ReviewRules.Apply"/>, and is recorded with its audit entry. When any decision touches a
    /// closed month nothing is applied and the refusal says which.
    /// </summary>
    /// <param name="decisions">The decisions, applied in order.</param>
    /// <param name="audit">The audit entry of a decision, given how many readings it revised.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    Task<ReviewApplyResult> ApplyAsync(IReadOnlyList<ReviewDecision> decisions, Func<ReviewDecision, int, AuditRecord> audit, CancellationToken cancellationToken);

    /// <summary>
    /// Decisions on a station (one parameter, when given) whose range overlaps [from, to), newest first, at most
    /// <paramref name="limit"/>, numbered below <paramref name="before"/> when given (the next page).
    /// </summary>
    Task<IReadOnlyList<StoredReviewDecision>> DecisionsAsync(
        string stationId, string? parameter, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken, long? before = null);

    /// <summary>The decision numbered <paramref name="id"/>, or <c>null</c> when there is none.</summary>
    Task<StoredReviewDecision?> DecisionAsync(long id, CancellationToken cancellationToken);

    /// <summary>A station-month's closings and reopenings, oldest first.</summary>
    Task<IReadOnlyList<MonthReviewStep>> MonthStepsAsync(string stationId, DateOnly month, CancellationToken cancellationToken);

    /// <summary>The overall state (<see cref="MonthReviewStates.Of"/>) of every station-month with any step in [fromMonth, toMonth] (first days of months); others are unreviewed.</summary>
    Task<IReadOnlyDictionary<(string StationId, DateOnly Month), MonthReviewState>> MonthStatesAsync(
        DateOnly fromMonth, DateOnly toMonth, CancellationToken cancellationToken);

    /// <summary>
    /// Records a closing or reopening at its level with its audit entry, if the month's steps allow it under the configured
    /// <paramref name="levels"/> (<see cref="MonthReviewStates.Plan"/>: levels close in order; reopening a level reopens the
    /// closed levels above it); otherwise nothing is written and the refusal is returned.
    /// </summary>
    Task<string?> StepAsync(MonthReviewStep step, IReadOnlyList<string> levels, AuditRecord audit, CancellationToken cancellationToken);

    /// <summary>
    /// Per series and local day (in the readings' own offset) in [fromDay, toDay): how many current readings of
    /// <paramref name="kind"/>, how many valid, and how many still ask for review (invalid or with a flag other than N, and
    /// not yet decided on). Of one station when given. Kept as readings are written, so reading them does not read the readings.
    /// </summary>
    Task<IReadOnlyList<ReviewDayCount>> DayCountsAsync(
        string? stationId, ReadingKind kind, DateOnly fromDay, DateOnly toDay, CancellationToken cancellationToken);

    /// <summary>Records a party's consent with its audit entry; false (nothing written) when the party has consented already.</summary>
    Task<bool> ConsentAsync(UnreviewedConsent consent, AuditRecord audit, CancellationToken cancellationToken);

    /// <summary>The consents recorded for an agreement's year.</summary>
    Task<IReadOnlyList<UnreviewedConsent>> ConsentsAsync(string agreementId, int year, CancellationToken cancellationToken);
}

/// <summary>What applying decisions did.</summary>
/// <param name="Decisions">The recorded decisions with their ids (empty when refused).</param>
/// <param name="Refusal">Why nothing was applied, when refused.</param>
public sealed record ReviewApplyResult(IReadOnlyList<StoredReviewDecision> Decisions, string? Refusal);

/// <summary>A recorded decision.</summary>
/// <param name="Id">Its number.</param>
/// <param name="Decision">The decision.</param>
/// <param name="Readings">How many readings it revised.</param>
public sealed record StoredReviewDecision(long Id, ReviewDecision Decision, int Readings);

/// <summary>One series' readings on one local day, counted for the review queue.</summary>
/// <param name="StationId">MN.</param>
/// <param name="Parameter">Parameter code.</param>
/// <param name="Day">The local day (in the readings' own offset).</param>
/// <param name="Readings">Readings stored.</param>
/// <param name="Valid">Of them valid.</param>
/// <param name="ToReview">Of them invalid or flagged other than N, and not yet decided on.</param>
public readonly record struct ReviewDayCount(string StationId, string Parameter, DateOnly Day, int Readings, int Valid, int ToReview);
