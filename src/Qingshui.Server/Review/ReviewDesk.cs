using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;
using Qingshui.Server.Api;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Ingest;
using Qingshui.Storage;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Compensation;

namespace Qingshui.Server.Review;

/// <summary>
/// Where review work lands: who may review a station (a reviewer of its own jurisdiction), decisions applied through the
/// store and audited, the answers they make stale dropped, and the agreement-years whose data changed recomputed with the
/// decision as cause (after sign-off that is an adjustment naming it). Also the month and queue views, on the data as reviewed,
/// from the per-day counts the store keeps as readings are written.
/// </summary>
internal sealed class ReviewDesk(
    IReviewStore store, StationRegister register, StationDesk stations, SettlementService settlements, ServerOptions options, ResponseCache cache,
    IAuditStore audit, Cluster.ClusterNotes cluster, TimeProvider clock)
{
    public const string DecideAction = "review.decide";
    public const string CloseAction = "review.close";
    public const string ReopenAction = "review.reopen";
    public const string ConsentAction = "review.consent";

    /// <summary>The configured review levels.</summary>
    public ReviewLevels Levels => options.ReviewLevels;

    /// <summary>The levels (1-based, lowest first) at which <paramref name="user"/>'s organisation reviews <paramref name="station"/>.</summary>
    public async Task<IReadOnlyList<int>> LevelsOfAsync(ClaimsPrincipal user, Station station, CancellationToken cancellationToken)
    {
        string? own = await stations.JurisdictionOfAsync(user, cancellationToken);
        string organisation = Accounts.SessionClaims.OrganisationOf(user);
        return [.. Enumerable.Range(1, Levels.Levels.Count).Where(level => Levels.Reviews(level, station, organisation, own))];
    }

    /// <summary>
    /// Why <paramref name="user"/> may not review <paramref name="station"/> (at <paramref name="level"/>, or at any level when
    /// null), or null when they may.
    /// </summary>
    public async Task<string?> RefusalAsync(ClaimsPrincipal user, Station station, CancellationToken cancellationToken, int? level = null)
    {
        IReadOnlyList<int> levels = await LevelsOfAsync(user, station, cancellationToken);
        if (level is int at ? levels.Contains(at) : levels.Count > 0)
        {
            return null;
        }

        string organisation = Accounts.SessionClaims.OrganisationOf(user);
        if (Levels.Levels.Count == 1 || level is null)
        {
            string? own = await stations.JurisdictionOfAsync(user, cancellationToken);
            string who = string.Join("; ", Enumerable.Range(1, Levels.Levels.Count).Select(l => Levels.Levels.Count == 1
                ? Levels.Describe(l, station) : $"level {l} ({Levels.Levels[l - 1].Id}): {Levels.Describe(l, station)}"));
            return own is null && Levels.Levels.Count == 1
                ? $"Organisation '{organisation}' acts for no jurisdiction of the basin: only a reviewer of the station's own jurisdiction ('{station.Operator}') reviews its data."
                : Levels.Levels.Count == 1
                    ? $"Organisation '{organisation}' acts for jurisdiction '{own}'; it reviews stations of its own jurisdiction only, and {station.DeviceId} is run by '{station.Operator}'."
                    : $"Organisation '{organisation}' reviews {station.DeviceId} at no level; its reviewers are {who}.";
        }

        return $"Organisation '{organisation}' does not review {station.DeviceId} at level {level} ({Levels.Levels[level.Value - 1].Id}): "
            + $"{Levels.Describe(level.Value, station)} does{(levels.Count > 0 ? $"; '{organisation}' reviews it at level {string.Join(", ", levels)}" : "")}.";
    }

    /// <summary>Records a refused review write.</summary>
    public Task RefusedAsync(AuditActor actor, string action, string target, string reason, CancellationToken cancellationToken) =>
        audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), actor, action, target, AuditOutcome.Refused, reason, null, null), cancellationToken);

    /// <summary>
    /// Applies decisions in one transaction (nothing when one touches a closed month: the refusal, audited), then recomputes
    /// the agreement-years whose stations' data changed; answers what was recorded and which years were recomputed.
    /// </summary>
    /// <remarks><paramref name="level"/>: the review level the reviewer acted at, when they named one (kept in the audit entry).</remarks>
    public async Task<(ReviewApplyResult Result, IReadOnlyList<string> Recomputed)> ApplyAsync(
        IReadOnlyList<ReviewDecision> decisions, AuditActor actor, CancellationToken cancellationToken, string? level = null)
    {
        ReviewApplyResult result = await store.ApplyAsync(decisions, (d, readings) => AuditRecord.Create(d.At, actor, DecideAction, Target(d),
            AuditOutcome.Done, null, null, JsonSerializer.Serialize(new
            {
                action = ReviewActions.Text(d.Action), value = d.Value, reason = d.Reason, note = d.Note, readings, level,
            }, JsonAnswer.Options)), cancellationToken);
        if (result.Refusal is string refusal)
        {
            await RefusedAsync(actor, DecideAction, Target(decisions[0]), refusal, cancellationToken);
            return (result, []);
        }

        string[] sections = [.. decisions.Select(d => register.Find(d.StationId)?.Section).OfType<string>().Distinct(StringComparer.Ordinal)];
        cache.StationsChanged(sections);
        foreach (string section in sections)
        {
            cluster.Announce(Cluster.ClusterNotes.Section, section);
        }

        var recomputed = new List<string>();
        foreach (ReviewDecision decision in decisions)
        {
            foreach (Agreement agreement in options.Agreements.Where(a => Covers(a, decision.StationId)))
            {
                for (int year = decision.From.ToOffset(agreement.UtcOffset).Year; year <= decision.To.AddTicks(-1).ToOffset(agreement.UtcOffset).Year; year++)
                {
                    if (year >= agreement.TermStart.Year && year <= agreement.TermEnd.Year)
                    {
                        await settlements.RecomputeForAsync(agreement, year, actor, Cause(decision), cancellationToken);
                        recomputed.Add(string.Create(CultureInfo.InvariantCulture, $"{agreement.Id}/{year}"));
                    }
                }
            }
        }

        return (result, recomputed.Distinct(StringComparer.Ordinal).ToArray());
    }

    /// <summary>
    /// A station-month's state, steps and completeness per parameter on the data as they now stand, and each level's state
    /// (closed by whom and when, or open) with whether the reader (<paramref name="user"/>) reviews the station there.
    /// </summary>
    public async Task<ReviewMonthDto> MonthAsync(Station station, DateOnly month, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        IReadOnlyList<int> mine = await LevelsOfAsync(user, station, cancellationToken);
        IReadOnlyList<MonthReviewStep> steps = await store.MonthStepsAsync(station.DeviceId, month, cancellationToken);
        IReadOnlyList<ReviewDayCount> counts = await store.DayCountsAsync(station.DeviceId, ReadingKind.Hour, month, month.AddMonths(1), cancellationToken);
        MonthReviewState state = MonthReviewStates.Of(steps);
        return new ReviewMonthDto(station.DeviceId, MonthText(month), MonthReviewStates.Text(state), state != MonthReviewState.Closed,
            steps.Select(s => new ReviewStepDto(s.Closed ? "close" : "reopen", s.By, s.Organisation, s.At.ToOffset(station.UtcOffset), s.Reason,
                LevelId(s.Level))).ToArray(),
            Completeness(station, month, counts),
            Levels.Levels.Select((l, i) => LevelState(l.Id, i + 1, steps, mine.Contains(i + 1), station)).ToArray());
    }

    private static ReviewLevelStateDto LevelState(string id, int level, IReadOnlyList<MonthReviewStep> steps, bool mine, Station station)
    {
        MonthReviewStep? closing = MonthReviewStates.ClosedAt(steps, level) ? steps.Last(s => s.Level == level) : null;
        return new ReviewLevelStateDto(id, level, closing is null ? "open" : "closed", mine, closing?.By, closing?.Organisation, closing?.At.ToOffset(station.UtcOffset));
    }

    /// <summary>A page of a month's queue over the register's stations, filtered, ordered by MN.</summary>
    public async Task<ReviewQueueDto> QueueAsync(DateOnly month, QueueFilter filter, int page, int pageSize, string? after, CancellationToken cancellationToken)
    {
        // The counts kept per series and day as readings commit: a month of 1,000 stations is one read of some 150,000 rows.
        IReadOnlyList<ReviewDayCount> counts = await store.DayCountsAsync(filter.Station, ReadingKind.Hour, month, month.AddMonths(1), cancellationToken);
        IReadOnlyDictionary<(string, DateOnly), MonthReviewState> states = await store.MonthStatesAsync(month, month, cancellationToken);
        ILookup<string, ReviewDayCount> byStation = counts.ToLookup(c => c.StationId, StringComparer.Ordinal);
        var rows = new List<ReviewQueueRowDto>();
        foreach (Station station in register.Basin.Stations.OrderBy(s => s.DeviceId, StringComparer.Ordinal))
        {
            if ((filter.Station ?? station.DeviceId) != station.DeviceId || (filter.Section ?? station.Section) != station.Section
                || (filter.Operator ?? station.Operator) != station.Operator)
            {
                continue;
            }

            MonthReviewState state = states.TryGetValue((station.DeviceId, month), out MonthReviewState s) ? s : MonthReviewState.Unreviewed;
            IReadOnlyList<MonthCompletenessDto> parameters = Completeness(station, month, [.. byStation[station.DeviceId]]);
            var row = new ReviewQueueRowDto(station.DeviceId, station.Section, station.Operator, MonthReviewStates.Text(state),
                parameters.Sum(p => p.ToReview), parameters.Count(p => !p.Complete), parameters);
            if ((filter.State is null || filter.State == row.State) && (!filter.NeedsReview || row.ToReview > 0 || row.IncompleteParameters > 0))
            {
                rows.Add(row);
            }
        }

        ReviewQueueRowDto[] rest = after is null ? [.. rows.Skip((page - 1) * pageSize)] : [.. rows.Where(r => string.CompareOrdinal(r.Station, after) > 0)];
        return new ReviewQueueDto(MonthText(month), rows.Count, page, pageSize, rest[..Math.Min(pageSize, rest.Length)]) { More = rest.Length > pageSize };
    }

    private MonthCompletenessDto[] Completeness(Station station, DateOnly month, IReadOnlyList<ReviewDayCount> counts)
    {
        Period period = Period.Containing(PeriodKind.Month, month);
        DateOnly today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(station.UtcOffset).DateTime);
        IReadOnlyList<ParameterCompleteness> completeness = MonthCompleteness.Of(period, station.Parameters,
            counts.Select(c => new DayCount(c.Parameter, c.Day, c.Valid)), MonthCompleteness.RulesFor(options.Agreements, station.DeviceId), today);
        return completeness.Select(p => new MonthCompletenessDto(p.Parameter, p.ValidDays, p.RequiredDays, p.RequiredPerDay, p.Complete,
            counts.Where(c => c.Parameter == p.Parameter && period.Contains(c.Day)).Sum(c => c.ToReview), p.IncompleteDays)).ToArray();
    }

    /// <summary>Closes or reopens a station-month (audited either way); the refusal when its state does not allow it.</summary>
    public async Task<string?> StepAsync(MonthReviewStep step, AuditActor actor, CancellationToken cancellationToken)
    {
        string action = step.Closed ? CloseAction : ReopenAction;
        string target = $"{step.StationId}/{MonthText(step.Month)}";
        AuditRecord entry = AuditRecord.Create(step.At, actor, action, target, AuditOutcome.Done, null, null,
            JsonSerializer.Serialize(new { state = step.Closed ? "closed" : "reopened", level = Levels.Levels[step.Level - 1].Id, reason = step.Reason },
                JsonAnswer.Options));
        string? refusal = await store.StepAsync(step, Levels.Ids, entry, cancellationToken);
        if (refusal is not null)
        {
            await RefusedAsync(actor, action, target, refusal, cancellationToken);
        }

        return refusal;
    }

    // A step recorded at a level no longer configured keeps its number.
    private string LevelId(int level) => level <= Levels.Levels.Count ? Levels.Levels[level - 1].Id : level.ToString(CultureInfo.InvariantCulture);

    public static string MonthText(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string Target(ReviewDecision d) =>
        string.Create(CultureInfo.InvariantCulture, $"{d.StationId}/{d.Parameter}/{d.From:yyyy-MM-ddTHH:mmzzz}/{d.To:yyyy-MM-ddTHH:mmzzz}");

    private static bool Covers(Agreement agreement, string stationId) => agreement.Sections.Any(s =>
        s.Stations.Contains(stationId, StringComparer.Ordinal) || (s.Source?.Stations.Contains(stationId, StringComparer.Ordinal) ?? false));

    // What an adjustment says about why the data changed: who reviewed what, and their reason.
    private static string Cause(ReviewDecision d) => string.Create(CultureInfo.InvariantCulture,
        $"review by {d.By} ({d.Organisation}) of {d.StationId} {d.Parameter} {d.From:yyyy-MM-dd HH:mm}–{d.To:yyyy-MM-dd HH:mm}: {d.Describe()}");
}

/// <summary>Which station-months a queue lists.</summary>
internal sealed record QueueFilter(string? Station, string? Section, string? Operator, string? State, bool NeedsReview);
