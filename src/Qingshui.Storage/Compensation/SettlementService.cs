using System.Globalization;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;
using Qingshui.Storage.Audit;

namespace Qingshui.Storage.Compensation;

/// <summary>
/// Keeps an agreement's books from the stored readings: gathers each section's observations from its stations,
/// computes the accounts, records what changed in the ledger, and produces the statement. Also the sign-off commands.
/// Every ledger write goes to the audit log in the same transaction, and every refused command gets its own entry.
/// </summary>
/// <remarks>
/// Given a review store, statements list per month the review state and completeness behind each class, a month whose data
/// are not closed by review makes the statement provisional, and a year closes on such months only once every party has
/// recorded its consent.
/// </remarks>
public sealed class SettlementService(IReadingStore readings, ILedgerStore ledgers, IAuditStore audit, TimeProvider clock, IReviewStore? review = null)
{
    /// <summary>Audit action of a recomputation that recorded accounts or adjustments.</summary>
    public const string RecomputeAction = "ledger.recompute";

    /// <summary>Audit action of a party's confirmation.</summary>
    public const string ConfirmAction = "ledger.confirm";

    /// <summary>Audit action of a decision on an undetermined period.</summary>
    public const string DecideAction = "ledger.decide";

    /// <summary>Audit action of closing (settling) a year.</summary>
    public const string CloseAction = "ledger.close";

    /// <summary>Audit action of a pollution incident entered in an agreement's register.</summary>
    public const string IncidentAction = "ledger.incident";

    /// <summary>Audit action of an alert-opened incident proposed for an agreement's register.</summary>
    public const string IncidentProposeAction = "ledger.incident-propose";

    /// <summary>Audit action of a party's confirmation of a proposed register entry.</summary>
    public const string IncidentConfirmAction = "ledger.incident-confirm";

    /// <summary>Audit action of a payment recorded against a year's net.</summary>
    public const string PayAction = "ledger.pay";

    // Writers racing on one ledger are a few people and one job: a handful of fresh decisions always suffices.
    private const int MaxAttempts = 8;

    /// <summary>The year's statement as the ledger stands now, without recomputing anything.</summary>
    public async Task<Statement> StatementAsync(Agreement agreement, int year, CancellationToken cancellationToken) =>
        Statement.FromLedger(await ledgers.LoadAsync(agreement, cancellationToken), year, clock.GetUtcNow(), await ReviewAsync(agreement, year, cancellationToken));

    /// <summary>
    /// The review behind each month of the year in the agreement's term: every station's month (those of its sections and
    /// data-source terms), its review state and each parameter's completeness on the hourly data as reviewed. Null without a
    /// review store, or for agreements not reckoned by month.
    /// </summary>
    public async Task<IReadOnlyList<PeriodReview>?> ReviewAsync(Agreement agreement, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        if (review is null || agreement.Period != PeriodKind.Month)
        {
            return null;
        }

        IReadOnlyList<Period> months = agreement.PeriodsOf(year);
        IReadOnlyDictionary<(string, DateOnly), MonthReviewState> states = await review.MonthStatesAsync(new DateOnly(year, 1, 1), new DateOnly(year, 12, 1), cancellationToken);
        DateOnly today = agreement.LocalDate(clock.GetUtcNow());
        var from = new DateOnly(year, 1, 1);
        var byStation = new List<(string Station, IReadOnlyList<ReviewDayCount> Counts)>();
        foreach (string station in agreement.Sections.SelectMany(s => s.Stations.Concat(s.Source?.Stations ?? [])).Distinct(StringComparer.Ordinal))
        {
            byStation.Add((station, await review.DayCountsAsync(station, ReadingKind.Hour, from, from.AddYears(1), cancellationToken)));
        }

        return months.Select(month => new PeriodReview(month, byStation.Select(s =>
        {
            DayCount[] days = [.. s.Counts.Where(c => month.Contains(c.Day)).Select(c => new DayCount(c.Parameter, c.Day, c.Valid))];
            return new StationMonthReview(s.Station, states.TryGetValue((s.Station, month.Start), out MonthReviewState state) ? state : MonthReviewState.Unreviewed,
                days.Length > 0, MonthCompleteness.Of(month, [], days, MonthCompleteness.RulesFor([agreement], s.Station), today));
        }).ToArray())).ToArray();
    }

    /// <summary>
    /// Observations of every agreement section over the year and the one before (rules compare years), by section id; under a
    /// data-source term also each of its stations', by station id.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Observation>>> ObservationsAsync(Agreement agreement, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        TimeSpan offset = agreement.UtcOffset;
        var from = new DateTimeOffset(year - 1, 1, 1, 0, 0, 0, offset);
        var to = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, offset);
        var result = new Dictionary<string, IReadOnlyList<Observation>>(StringComparer.Ordinal);
        foreach (AgreementSection section in agreement.Sections)
        {
            result[section.Id] = await ReadingSelection.ObservationsAsync(readings, section.Stations, from, to, cancellationToken);

            // A data-source term weighs stations one by one, so each station's observations are kept apart too, by its id.
            if (section.Source is SectionDataSource source)
            {
                foreach (string station in section.Stations.Union(source.Stations, StringComparer.Ordinal))
                {
                    result[station] = await ReadingSelection.ObservationsAsync(readings, [station], from, to, cancellationToken);
                }
            }
        }

        return result;
    }

    /// <summary>
    /// Flow readings (<see cref="FlowReading.Code"/>, each station's preferred kind) of the section an ecological-flow term
    /// names, over the year, by section id; none when the agreement states no such term.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<FlowReading>>> FlowsAsync(Agreement agreement, int year, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        var result = new Dictionary<string, IReadOnlyList<FlowReading>>(StringComparer.Ordinal);
        if (agreement.EcologicalFlow is not EcologicalFlowTerm term)
        {
            return result;
        }

        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, agreement.UtcOffset);
        var flows = new List<FlowReading>();
        foreach (string station in agreement.SectionOf(term.Section).Stations)
        {
            foreach (ReadingKind kind in ReadingPreference.Order)
            {
                IReadOnlyList<ReadingValue> values = await readings.ValuesAsync(new ReadingQuery(station, FlowReading.Code, kind, from, from.AddYears(1)), cancellationToken);
                flows.AddRange(values.Select(v => FlowReading.From(v.PeriodStart, v.Value, v.Unit, v.Valid)).OfType<FlowReading>());
                if (values.Count > 0)
                {
                    break;
                }
            }
        }

        result[term.Section] = flows;
        return result;
    }

    /// <summary>Recomputes the year as the engine (the ledger job); see the overload.</summary>
    public Task<Statement> RecomputeAsync(Agreement agreement, int year, CancellationToken cancellationToken) =>
        RecomputeAsync(agreement, year, AuditActor.Engine, cancellationToken);

    /// <summary>
    /// Recomputes the year from the stored readings, records drafts and adjustments (audited as <paramref name="actor"/>
    /// when anything was recorded), and returns the statement as the ledger now stands.
    /// </summary>
    public Task<Statement> RecomputeAsync(Agreement agreement, int year, AuditActor actor, CancellationToken cancellationToken) =>
        RecomputeAsync(agreement, year, actor, auditUnchanged: false, cancellationToken);

    /// <summary>
    /// Recomputes the year from the stored readings, records drafts and adjustments, and returns the statement as the
    /// ledger now stands. Audited as <paramref name="actor"/> when anything was recorded, and also when nothing was if
    /// <paramref name="auditUnchanged"/> (a person asked for it: that they asked is worth keeping; the job's idle runs are not).
    /// </summary>
    public Task<Statement> RecomputeAsync(Agreement agreement, int year, AuditActor actor, bool auditUnchanged, CancellationToken cancellationToken) =>
        RecomputeAsync(agreement, year, actor, auditUnchanged, null, cancellationToken);

    /// <summary>
    /// Recomputes the year because its data changed for a stated <paramref name="cause"/> (a reviewer's decision): a confirmed
    /// period that changes becomes an adjustment whose transfers carry the cause. Audited as <paramref name="actor"/>
    /// when anything was recorded.
    /// </summary>
    public Task<Statement> RecomputeForAsync(Agreement agreement, int year, AuditActor actor, string cause, CancellationToken cancellationToken) =>
        RecomputeAsync(agreement, year, actor, auditUnchanged: false, cause, cancellationToken);

    private async Task<Statement> RecomputeAsync(
        Agreement agreement, int year, AuditActor actor, bool auditUnchanged, string? cause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        IReadOnlyDictionary<string, IReadOnlyList<Observation>> observations = await ObservationsAsync(agreement, year, cancellationToken);
        IReadOnlyDictionary<string, IReadOnlyList<FlowReading>> flows = await FlowsAsync(agreement, year, cancellationToken);
        IReadOnlyList<PeriodReview>? reviewed = await ReviewAsync(agreement, year, cancellationToken);
        return await DecidedOnLatestAsync(agreement, async ledger =>
        {
            // Periods not begun get no account, the one under way is in progress (not recorded); see CompensationEngine.Compute.
            DateTimeOffset now = clock.GetUtcNow();
            IReadOnlyList<PeriodAccount> accounts = CompensationEngine.Compute(agreement, year, observations, ledger.Decisions, now, ledger.Incidents, flows);
            LedgerResult recorded = ledger.Record(accounts, now, cause);
            if (recorded.Events.Count > 0 || auditUnchanged)
            {
                AuditRecord entry = AuditRecord.Create(now, actor, RecomputeAction, YearTarget(agreement, year), AuditOutcome.Done, null, null,
                    LedgerEventSummary.Of(recorded.Events));
                await ledgers.AppendAsync(agreement, ledger.Events.Count, recorded.Events, entry, cancellationToken);
            }

            return Statement.FromLedger(Ledger.Replay(agreement, [.. ledger.Events, .. recorded.Events]), year, now, reviewed);
        }, cancellationToken);
    }

    /// <summary>Runs a ledger command on a period for <paramref name="actor"/> and stores its events; returns the refusal, if any. Either way it is audited.</summary>
    /// <param name="agreement">The agreement whose ledger is written.</param>
    /// <param name="actor">Who acts.</param>
    /// <param name="action">The audit action (<see cref="ConfirmAction"/>, <see cref="DecideAction"/>).</param>
    /// <param name="period">The period acted on (its state before is recorded with the entry).</param>
    /// <param name="command">The ledger command.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    public async Task<LedgerError?> ApplyAsync(
        Agreement agreement, AuditActor actor, string action, Period period, Func<Ledger, LedgerResult> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(command);
        return await DecidedOnLatestAsync(agreement, async ledger =>
        {
            string before = LedgerEventSummary.PeriodBefore(ledger, period);
            LedgerResult result = command(ledger);
            await WriteAsync(agreement, ledger, actor, action, $"{agreement.Id}/{period}", before, result, cancellationToken);
            return result.Error;
        }, cancellationToken);
    }

    /// <summary>Records a payment against its year's net for <paramref name="actor"/>; returns the refusal, if any. Audited either way, with the year's payments before.</summary>
    public async Task<LedgerError?> PayAsync(Agreement agreement, Instalment payment, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(payment);
        ArgumentNullException.ThrowIfNull(actor);
        return await DecidedOnLatestAsync(agreement, async ledger =>
        {
            string before = LedgerEventSummary.PaymentsBefore(ledger, payment.Year);
            LedgerResult result = ledger.Pay(payment, actor.Name, clock.GetUtcNow());
            await WriteAsync(agreement, ledger, actor, PayAction, YearTarget(agreement, payment.Year), before, result, cancellationToken);
            return result.Error;
        }, cancellationToken);
    }

    /// <summary>
    /// Registers a pollution incident for <paramref name="actor"/> (audited either way) and, when accepted, recomputes
    /// the year it occurred in so the forfeiture term reaches its account; returns the refusal, if any.
    /// </summary>
    public async Task<LedgerError?> RecordIncidentAsync(Agreement agreement, PollutionIncidentRecord incident, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(actor);
        int year = agreement.LocalDate(incident.OccurredAt).Year;
        LedgerError? error = await DecidedOnLatestAsync(agreement, async ledger =>
        {
            LedgerResult result = ledger.RecordIncident(incident, actor.Name, clock.GetUtcNow());
            await WriteAsync(agreement, ledger, actor, IncidentAction, YearTarget(agreement, year),
                string.Create(CultureInfo.InvariantCulture, $"{{\"incidents\":{ledger.Incidents.Count}}}"), result, cancellationToken);
            return result.Error;
        }, cancellationToken);
        if (error is null && agreement.PeriodsOf(year).Count > 0)
        {
            await RecomputeAsync(agreement, year, actor, cancellationToken);
        }

        return error;
    }

    /// <summary>
    /// Proposes an alert-opened incident (<paramref name="source"/>) a coordinator confirmed as a pollution incident for the
    /// agreement's register (audited either way); it changes no account until every party confirmed it. Returns the refusal, if any.
    /// </summary>
    public async Task<LedgerError?> ProposeIncidentAsync(
        Agreement agreement, PollutionIncidentRecord incident, long source, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(actor);
        return await DecidedOnLatestAsync(agreement, async ledger =>
        {
            LedgerResult result = ledger.ProposeIncident(incident, source, actor.Name, clock.GetUtcNow());
            await WriteAsync(agreement, ledger, actor, IncidentProposeAction, IncidentTarget(agreement, source), ProposalsBefore(ledger), result, cancellationToken);
            return result.Error;
        }, cancellationToken);
    }

    /// <summary>
    /// A party confirms a proposed register entry (audited either way); the confirmation that completes it registers the
    /// incident, and its year is recomputed at once: a draft changes, a confirmed period gets a proposed adjustment.
    /// </summary>
    public async Task<LedgerError?> ConfirmIncidentAsync(Agreement agreement, long source, string party, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(actor);
        (LedgerError? error, PollutionIncidentRecord? registered) = await DecidedOnLatestAsync(agreement, async ledger =>
        {
            int before = ledger.Incidents.Count;
            LedgerResult result = ledger.ConfirmIncident(source, party, actor.Name, clock.GetUtcNow());
            await WriteAsync(agreement, ledger, actor, IncidentConfirmAction, IncidentTarget(agreement, source), ProposalsBefore(ledger), result, cancellationToken);
            Ledger after = Ledger.Replay(agreement, [.. ledger.Events, .. result.Events]);
            return (result.Error, after.Incidents.Count > before ? after.Incidents[^1] : null);
        }, cancellationToken);
        if (registered is not null && agreement.PeriodsOf(agreement.LocalDate(registered.OccurredAt).Year) is { Count: > 0 })
        {
            await RecomputeAsync(agreement, agreement.LocalDate(registered.OccurredAt).Year, actor, cancellationToken);
        }

        return error;
    }

    private static string IncidentTarget(Agreement agreement, long source) => string.Create(CultureInfo.InvariantCulture, $"{agreement.Id}/incident/{source}");

    private static string ProposalsBefore(Ledger ledger) => string.Create(CultureInfo.InvariantCulture,
        $"{{\"incidents\":{ledger.Incidents.Count},\"proposed\":[{string.Join(",", ledger.IncidentProposals.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{{\"source\":{p.Source},\"confirmedBy\":[{string.Join(",", p.ConfirmedBy.Keys.Order(StringComparer.Ordinal).Select(k => $"\"{k}\""))}]}}")))}]}}");

    /// <summary>Settles a year: the statement as it stands, its hash recorded as the one both parties hold. Audited either way.</summary>
    public async Task<(Statement? Statement, LedgerError? Error)> CloseAsync(Agreement agreement, int year, AuditActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(actor);
        IReadOnlyList<PeriodReview>? reviewed = await ReviewAsync(agreement, year, cancellationToken);
        string? unreviewed = await UnreviewedRefusalAsync(agreement, year, reviewed, cancellationToken);
        return await DecidedOnLatestAsync(agreement, async ledger =>
        {
            Statement statement = Statement.FromLedger(ledger, year, clock.GetUtcNow(), reviewed);
            LedgerResult result = unreviewed is not null && !ledger.IsSettled(year)
                ? LedgerResult.Refused(unreviewed)
                : ledger.Settle(year, statement.ContentHash, actor.Name, clock.GetUtcNow());
            await WriteAsync(agreement, ledger, actor, CloseAction, YearTarget(agreement, year), LedgerEventSummary.YearBefore(ledger, year), result, cancellationToken);
            return result.Error is not null
                ? ((Statement?)null, result.Error)
                : (Statement.FromLedger(Ledger.Replay(agreement, [.. ledger.Events, .. result.Events]), year, clock.GetUtcNow(), reviewed), (LedgerError?)null);
        }, cancellationToken);
    }

    // Settlements use reviewed data: a month with data not closed by review holds the year open unless every party consented.
    private async Task<string?> UnreviewedRefusalAsync(Agreement agreement, int year, IReadOnlyList<PeriodReview>? reviewed, CancellationToken cancellationToken)
    {
        string[] pending = [.. (reviewed ?? []).Where(p => !p.Reviewed)
            .Select(p => $"{p.Period} ({string.Join(", ", p.Stations.Where(s => s.Pending).Select(s => s.StationId))})")];
        if (pending.Length == 0)
        {
            return null;
        }

        IReadOnlyList<UnreviewedConsent> consents = await review!.ConsentsAsync(agreement.Id, year, cancellationToken);
        string[] missing = [.. agreement.Parties.Select(p => p.Id).Where(p => consents.All(c => c.Party != p))];
        return missing.Length == 0 ? null
            : $"months not closed by review: {string.Join("; ", pending)}. Close them by review, or every party records its consent to settle "
              + $"on unreviewed data (not yet: {string.Join(", ", missing)})";
    }

    /// <summary>
    /// Loads the ledger and runs <paramref name="decide"/> on it; when another writer (the ledger job, the other party, the
    /// command line) appended in between, the write is refused by the store and the decision is made again on the ledger
    /// as it now stands, so nothing is ever recorded against a state it did not see (a draft over a signed account).
    /// </summary>
    private async Task<T> DecidedOnLatestAsync<T>(Agreement agreement, Func<Ledger, Task<T>> decide, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            Ledger ledger = await ledgers.LoadAsync(agreement, cancellationToken);
            try
            {
                return await decide(ledger);
            }
            catch (LedgerConflictException) when (attempt < MaxAttempts)
            {
                // Someone wrote in between; decide again on what they wrote.
            }
        }
    }

    // A refusal is an audit entry alone; an accepted command's events and its entry commit together.
    private async Task WriteAsync(
        Agreement agreement, Ledger decidedOn, AuditActor actor, string action, string target, string before, LedgerResult result, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        if (result.Error is LedgerError refused)
        {
            await audit.AppendAsync(AuditRecord.Create(now, actor, action, target, AuditOutcome.Refused, refused.Message, before, null), cancellationToken);
            return;
        }

        AuditRecord entry = AuditRecord.Create(now, actor, action, target, AuditOutcome.Done, null, before, LedgerEventSummary.Of(result.Events));
        await ledgers.AppendAsync(agreement, decidedOn.Events.Count, result.Events, entry, cancellationToken);
    }

    private static string YearTarget(Agreement agreement, int year) => string.Create(CultureInfo.InvariantCulture, $"{agreement.Id}/{year}");
}
