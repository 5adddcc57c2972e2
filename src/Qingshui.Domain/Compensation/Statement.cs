using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>
/// A year's settlement statement: every period's account with its evidence, the adjustments booked in the year, the
/// net per pair of parties and the due date. <see cref="Json"/> is its canonical text and <see cref="ContentHash"/>
/// the SHA-256 of its accounting content (accounts with evidence, agreed adjustments, net, due date), which every
/// export prints so both parties can prove they hold the same statement. Its standing (who confirmed what, settled or
/// not, proposed adjustments, whether it is provisional and why) is printed with it but outside the hash, so
/// confirming and settling do not change it.
/// </summary>
public sealed record Statement(
    Agreement Agreement, int Year, IReadOnlyList<PeriodAccount> Accounts, IReadOnlyList<Adjustment> Adjustments, IReadOnlyList<Transfer> Net,
    DateOnly DueDate, IReadOnlyList<PeriodStatus> States, string Json, string ContentHash)
{
    /// <summary>Why the statement is not final; empty when it is (every period confirmed by every party, the year over, nothing pending).</summary>
    public IReadOnlyList<ProvisionalReason> Reasons { get; init; } = [];

    /// <summary>Whether the statement is provisional (a draft): its net may still change.</summary>
    public bool Provisional => Reasons.Count > 0;

    /// <summary>Proposed adjustments not yet confirmed by every party: listed, not counted.</summary>
    public IReadOnlyList<ProposedAdjustment> Proposals { get; init; } = [];

    /// <summary>
    /// Per pair: the year's net, the payments recorded against it, what is outstanding and whether it is overdue (outside
    /// the hash: paying does not change what was signed). Empty for statements computed outside a ledger.
    /// </summary>
    public IReadOnlyList<PaymentStanding> Payments { get; init; } = [];

    /// <summary>Whether the agreement as it now reads differs from the one recorded when the books were opened (this statement uses the recorded one).</summary>
    public bool AgreementChanged { get; init; }

    /// <summary>Each party's signature and seal block (who confirmed, when); empty for statements computed outside a ledger. Outside the hash.</summary>
    public IReadOnlyList<PartySignature> Signatures { get; init; } = [];

    /// <summary>The review behind each period (review state and completeness of each station's month), when it was given; outside the hash.</summary>
    public IReadOnlyList<Review.PeriodReview> Review { get; init; } = [];

    /// <summary>The statement of a year from computed accounts: drafts, never final (no party has confirmed anything).</summary>
    /// <param name="agreement">The agreement.</param>
    /// <param name="year">The year.</param>
    /// <param name="accounts">The computed accounts.</param>
    /// <param name="now">The present: a year not yet over is provisional for that reason too.</param>
    public static Statement FromAccounts(Agreement agreement, int year, IReadOnlyList<PeriodAccount> accounts, DateTimeOffset? now = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(accounts);
        PeriodStatus[] states = CalendarPeriods(agreement, year).Select(p => !agreement.PeriodsOf(year).Contains(p)
            ? new PeriodStatus(p, PeriodState.OutsideTerm, new Dictionary<string, string>())
            : new PeriodStatus(p, accounts.FirstOrDefault(a => a.Period == p) switch
            {
                { Status: AccountStatus.InProgress } => PeriodState.InProgress,
                null => PeriodState.NotStarted,
                _ => PeriodState.Draft,
            }, new Dictionary<string, string>())).ToArray();
        var reasons = new List<ProvisionalReason> { new(ProvisionalReasonKind.NotRecorded, null) };
        reasons.AddRange(ReasonsOf(agreement, year, accounts, states, [], settled: false, now).Where(r => r.Kind != ProvisionalReasonKind.NotConfirmed));
        PeriodAccount[] counted = accounts.Where(a => a.Status != AccountStatus.InProgress).ToArray();
        return Build(agreement, year, counted, [], states, new Standing(reasons, [], false, null, null));
    }

    /// <summary>The statement of a year as the ledger stands, built from what the ledger recorded (its agreement included).</summary>
    /// <param name="ledger">The ledger.</param>
    /// <param name="year">The year.</param>
    /// <param name="now">The present: the period under way is in progress, later ones not started, and an unfinished year provisional.</param>
    /// <param name="review">
    /// The review behind each period, when known: printed per period with the standing, and a period whose data are not all
    /// closed by review makes the statement provisional (<see cref="ProvisionalReasonKind.Unreviewed"/>).
    /// </param>
    public static Statement FromLedger(Ledger ledger, int year, DateTimeOffset? now = null, IReadOnlyList<Review.PeriodReview>? review = null)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        Agreement agreement = ledger.Agreement;
        IReadOnlyList<Period> inTerm = agreement.PeriodsOf(year);
        DateOnly? today = now is DateTimeOffset instant ? agreement.LocalDate(instant) : null;
        PeriodAccount[] accounts = inTerm.Select(ledger.AccountOf).OfType<PeriodAccount>().ToArray();
        Adjustment[] adjustments = ledger.Adjustments.Where(a => a.AppliedIn.Start.Year == year).ToArray();
        PeriodStatus[] states = CalendarPeriods(agreement, year).Select(p => new PeriodStatus(p,
            !inTerm.Contains(p) ? PeriodState.OutsideTerm
            : ledger.AccountOf(p) is null && today < p.Start ? PeriodState.NotStarted
            : ledger.AccountOf(p) is null && today < p.End ? PeriodState.InProgress
            : ledger.StateOf(p), ledger.ConfirmationsOf(p))).ToArray();
        ProposedAdjustment[] proposals = ledger.PendingAdjustments
            .Where(a => a.Corrected.Start.Year == year || a.AppliedIn.Start.Year == year)
            .Select(a => new ProposedAdjustment(a, ledger.ConfirmationsOf(a))).ToArray();
        List<ProvisionalReason> reasons = ReasonsOf(agreement, year, accounts, states, proposals, ledger.IsSettled(year), now);
        if (!ledger.IsSettled(year))
        {
            reasons.AddRange((review ?? []).Where(r => !r.Reviewed && inTerm.Contains(r.Period)).Select(r => new ProvisionalReason(ProvisionalReasonKind.Unreviewed, r.Period)));
        }

        return Build(agreement, year, accounts, adjustments, states,
            new Standing(reasons, proposals, ledger.AgreementChanged, ledger.PaymentsOf(year), today) { Review = review })
            with { Signatures = PartySignature.Of(ledger, year) };
    }

    // Every period of the calendar year, inside the term or not.
    private static IEnumerable<Period> CalendarPeriods(Agreement agreement, int year)
    {
        for (Period p = Period.Containing(agreement.Period, new DateOnly(year, 1, 1)); p.Start.Year == year; p = Period.Containing(p.Kind, p.End))
        {
            yield return p;
        }
    }

    private static List<ProvisionalReason> ReasonsOf(
        Agreement agreement, int year, IReadOnlyList<PeriodAccount> accounts, IReadOnlyList<PeriodStatus> states, IReadOnlyList<ProposedAdjustment> proposals,
        bool settled, DateTimeOffset? now)
    {
        var reasons = new List<ProvisionalReason>();
        if (agreement.PeriodsOf(year).Count == 0)
        {
            reasons.Add(new ProvisionalReason(ProvisionalReasonKind.OutsideTerm, null));
        }

        if (now is DateTimeOffset instant && agreement.LocalDate(instant) < new DateOnly(year, 12, 31).AddDays(1))
        {
            reasons.Add(new ProvisionalReason(ProvisionalReasonKind.YearNotOver, null));
        }

        foreach (PeriodStatus state in states.Where(s => s.State is not (PeriodState.OutsideTerm or PeriodState.NotStarted)))
        {
            ProvisionalReasonKind? kind = (state.State, accounts.FirstOrDefault(a => a.Period == state.Period)?.Status) switch
            {
                (PeriodState.InProgress, _) => ProvisionalReasonKind.InProgress,
                (_, AccountStatus.InProgress) => ProvisionalReasonKind.InProgress,
                (PeriodState.Open, _) => ProvisionalReasonKind.NotComputed,
                (_, AccountStatus.Undetermined) => ProvisionalReasonKind.Undetermined,
                (_, AccountStatus.NoData) => ProvisionalReasonKind.NoData,
                (PeriodState.Draft or PeriodState.PartlyConfirmed, _) => ProvisionalReasonKind.NotConfirmed,
                _ => null,
            };
            if (kind is ProvisionalReasonKind k)
            {
                reasons.Add(new ProvisionalReason(k, state.Period));
            }
        }

        // A proposal makes provisional the year it would be booked in, and the year it corrects until that year is
        // settled (it cannot be closed while the proposal is pending); a settled year it corrects stays as signed.
        reasons.AddRange(proposals.Where(p => p.Adjustment.AppliedIn.Start.Year == year || (!settled && p.Adjustment.Corrected.Start.Year == year))
            .Select(p => new ProvisionalReason(ProvisionalReasonKind.ProposedAdjustment, p.Adjustment.Corrected)));
        return reasons;
    }

    // Instalments are null outside a ledger; Today is the present in the agreement's calendar, when known.
    private sealed record Standing(
        IReadOnlyList<ProvisionalReason> Reasons, IReadOnlyList<ProposedAdjustment> Proposals, bool AgreementChanged, IReadOnlyList<Instalment>? Instalments, DateOnly? Today)
    {
        public IReadOnlyList<PaymentStanding> Payments { get; init; } = [];

        public IReadOnlyList<Review.PeriodReview>? Review { get; init; }
    }

    private static Statement Build(
        Agreement agreement, int year, IReadOnlyList<PeriodAccount> accounts, IReadOnlyList<Adjustment> adjustments, IReadOnlyList<PeriodStatus> states, Standing standing)
    {
        IReadOnlyList<Transfer> net = Netting.PerPair([.. accounts.SelectMany(a => a.Transfers), .. adjustments.SelectMany(a => a.Transfers)]);
        DateOnly due = agreement.DueDate(year);
        standing = standing with
        {
            Payments = standing.Instalments is { } paid ? PaymentStanding.Of(agreement, net, paid, due, standing.Today) : [],
        };
        string body = CanonicalJson.Write(json => Write(json, agreement, year, accounts, adjustments, net, due, standing: null, states: null, hash: null));
        string hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body))).ToLowerInvariant();
        string text = CanonicalJson.Write(json => Write(json, agreement, year, accounts, adjustments, net, due, standing, states, hash));
        return new Statement(agreement, year, accounts, adjustments, net, due, states, text, hash)
        {
            Reasons = standing.Reasons, Proposals = standing.Proposals, AgreementChanged = standing.AgreementChanged, Payments = standing.Payments,
            Review = standing.Review ?? [],
        };
    }

    private static void Write(
        Utf8JsonWriter json, Agreement agreement, int year, IReadOnlyList<PeriodAccount> accounts, IReadOnlyList<Adjustment> adjustments,
        IReadOnlyList<Transfer> net, DateOnly due, Standing? standing, IReadOnlyList<PeriodStatus>? states, string? hash)
    {
        json.WriteStartObject();
        json.WriteString("agreement", agreement.Id);
        json.WriteString("name", agreement.Name.Chinese);
        json.WriteNumber("year", year);
        json.WriteString("dueDate", due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        // Only agreements that state terms added after round 1 print them: recorded books keep their signed bytes.
        if (agreement.StatesTerms)
        {
            StatementTerms.Write(json, agreement);
        }

        json.WriteStartArray("accounts");
        foreach (PeriodAccount account in accounts)
        {
            CanonicalJson.WriteAccount(json, account);
        }

        json.WriteEndArray();
        json.WriteStartArray("adjustments");
        foreach (Adjustment adjustment in adjustments)
        {
            json.WriteStartObject();
            CanonicalJson.WriteAdjustmentFields(json, adjustment);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        // A bilateral agreement has one net payment: an object; several pairs: an array.
        if (net.Count <= 1)
        {
            json.WritePropertyName("net");
            WriteNet(json, net.SingleOrDefault());
        }
        else
        {
            json.WriteStartArray("net");
            foreach (Transfer t in net)
            {
                WriteNet(json, t);
            }

            json.WriteEndArray();
        }

        if (hash is not null)
        {
            json.WriteString("contentHash", hash);
        }

        if (states is null || standing is null)
        {
            json.WriteEndObject();
            return;
        }

        WriteStanding(json, standing);

        // Books recorded before payments were kept, with none recorded, keep their statement's bytes.
        if (standing.Instalments is { } instalments && (agreement.StatesTerms || instalments.Count > 0))
        {
            WritePayments(json, agreement, due, standing.Payments);
        }

        json.WriteStartArray("states");
        foreach (PeriodStatus state in states)
        {
            json.WriteStartObject();
            json.WriteString("period", state.Period.ToString());
            json.WriteString("state", state.State.ToString());
            json.WriteStartObject("confirmedBy");
            foreach ((string party, string who) in state.ConfirmedBy.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                json.WriteString(party, who);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStanding(Utf8JsonWriter json, Standing standing)
    {
        json.WriteBoolean("provisional", standing.Reasons.Count > 0);
        json.WriteStartArray("reasons");
        foreach (ProvisionalReason reason in standing.Reasons)
        {
            json.WriteStartObject();
            json.WriteString("reason", reason.Code);
            json.WriteString("period", reason.Period?.ToString());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteBoolean("agreementChanged", standing.AgreementChanged);
        json.WriteStartArray("proposedAdjustments");
        foreach (ProposedAdjustment proposal in standing.Proposals)
        {
            json.WriteStartObject();
            CanonicalJson.WriteAdjustmentFields(json, proposal.Adjustment);
            json.WriteStartObject("confirmedBy");
            foreach ((string party, string who) in proposal.ConfirmedBy.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                json.WriteString(party, who);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (standing.Review is IReadOnlyList<Review.PeriodReview> review)
        {
            WriteReview(json, review);
        }
    }

    // Per period: whether its data are reviewed, and each station's month with its state and completeness per parameter.
    private static void WriteReview(Utf8JsonWriter json, IReadOnlyList<Review.PeriodReview> review)
    {
        json.WriteStartArray("review");
        foreach (Review.PeriodReview period in review)
        {
            json.WriteStartObject();
            json.WriteString("period", period.Period.ToString());
            json.WriteBoolean("reviewed", period.Reviewed);
            json.WriteStartArray("stations");
            foreach (Review.StationMonthReview station in period.Stations)
            {
                json.WriteStartObject();
                json.WriteString("station", station.StationId);
                json.WriteString("state", station.HasData ? Qingshui.Domain.Review.MonthReviewStates.Text(station.State) : "no-data");
                json.WriteStartArray("completeness");
                foreach (Review.ParameterCompleteness p in station.Completeness)
                {
                    json.WriteStartObject();
                    json.WriteString("parameter", p.Parameter);
                    json.WriteNumber("validDays", p.ValidDays);
                    json.WriteNumber("requiredDays", p.RequiredDays);
                    json.WriteBoolean("complete", p.Complete);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WritePayments(Utf8JsonWriter json, Agreement agreement, DateOnly due, IReadOnlyList<PaymentStanding> payments)
    {
        json.WriteStartObject("payments");
        json.WriteString("dueDate", due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        json.WriteBoolean("dueDateConfirmed", !agreement.IsUnconfirmed("paymentDue"));
        json.WriteStartArray("pairs");
        foreach (PaymentStanding pair in payments)
        {
            json.WriteStartObject();
            json.WriteString("payer", pair.Payer);
            json.WriteString("payee", pair.Payee);
            json.WriteNumber("owed", pair.Owed);
            json.WriteNumber("paid", pair.Paid);
            json.WriteNumber("outstanding", pair.Outstanding);
            json.WriteString("state", pair.Code);
            json.WriteStartArray("instalments");
            foreach (Instalment instalment in pair.Instalments)
            {
                json.WriteStartObject();
                json.WriteString("paidOn", instalment.PaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteNumber("amount", instalment.Amount);
                json.WriteString("reference", instalment.Reference);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNet(Utf8JsonWriter json, Transfer? net)
    {
        if (net is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        json.WriteString("payer", net.Payer);
        json.WriteString("payee", net.Payee);
        json.WriteNumber("amount", net.Amount);
        json.WriteEndObject();
    }
}

/// <summary>A period's state in a statement, and who confirmed it for each party.</summary>
/// <param name="Period">The period.</param>
/// <param name="State">Its state.</param>
/// <param name="ConfirmedBy">Party → who confirmed for it.</param>
public sealed record PeriodStatus(Period Period, PeriodState State, IReadOnlyDictionary<string, string> ConfirmedBy);

/// <summary>A proposed adjustment and who has confirmed it so far.</summary>
/// <param name="Adjustment">The proposal.</param>
/// <param name="ConfirmedBy">Party → who confirmed for it.</param>
public sealed record ProposedAdjustment(Adjustment Adjustment, IReadOnlyDictionary<string, string> ConfirmedBy);

/// <summary>Why a statement is provisional.</summary>
public enum ProvisionalReasonKind
{
    /// <summary>The year is not over yet.</summary>
    YearNotOver,

    /// <summary>A period is still under way.</summary>
    InProgress,

    /// <summary>A period that has ended has no account recorded yet.</summary>
    NotComputed,

    /// <summary>Not enough valid data: a decision is needed.</summary>
    Undetermined,

    /// <summary>No data at all: a decision is needed.</summary>
    NoData,

    /// <summary>Not confirmed by every party.</summary>
    NotConfirmed,

    /// <summary>A proposed adjustment not yet confirmed by every party.</summary>
    ProposedAdjustment,

    /// <summary>Computed from readings outside any ledger: nobody has confirmed anything.</summary>
    NotRecorded,

    /// <summary>No period of the year falls within the agreement's term.</summary>
    OutsideTerm,

    /// <summary>A period's data are not all closed by review (数据未审核): the class may still change.</summary>
    Unreviewed,
}

/// <summary>One reason a statement is provisional, and the period it concerns (none for the whole year).</summary>
/// <param name="Kind">The reason.</param>
/// <param name="Period">The period, if one.</param>
public sealed record ProvisionalReason(ProvisionalReasonKind Kind, Period? Period)
{
    /// <summary>The reason's stable code (<c>not-confirmed</c>, <c>year-not-over</c>…), as the JSON and API carry it.</summary>
    public string Code => Kind switch
    {
        ProvisionalReasonKind.YearNotOver => "year-not-over",
        ProvisionalReasonKind.InProgress => "in-progress",
        ProvisionalReasonKind.NotComputed => "not-computed",
        ProvisionalReasonKind.Undetermined => "undetermined",
        ProvisionalReasonKind.NoData => "no-data",
        ProvisionalReasonKind.NotConfirmed => "not-confirmed",
        ProvisionalReasonKind.ProposedAdjustment => "proposed-adjustment",
        ProvisionalReasonKind.NotRecorded => "not-recorded",
        ProvisionalReasonKind.Unreviewed => "unreviewed",
        _ => "outside-term",
    };
}
