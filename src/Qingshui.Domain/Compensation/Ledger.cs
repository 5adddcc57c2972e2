using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>
/// An agreement's books, rebuilt from its events: the agreement as recorded, accounts per period, confirmations,
/// decisions, proposed and agreed adjustments and settled years. Commands do not change the ledger; they return the
/// events to append (or why they are refused).
/// </summary>
/// <remarks>
/// Life of a period: Draft → confirmed by each party (who, when; all required) → Settled with its year. A draft is
/// replaced when recomputation gives a different account (a confirmation of an older draft no longer counts, since
/// confirmations name the account's hash). A confirmed account is never edited: a different recomputation becomes a
/// proposed <see cref="Adjustment"/>, booked in the next open period once every party has confirmed it. Replay reads
/// back what was recorded (accounts, classes, the agreement itself) and never recomputes.
/// </remarks>
public sealed partial class Ledger
{
    private readonly Dictionary<Period, PeriodAccount> _accounts = [];
    private readonly Dictionary<Period, Dictionary<string, string>> _confirmations = [];
    private readonly List<Adjustment> _proposals = [];
    private readonly Dictionary<(Period, string), Dictionary<string, string>> _adjustmentConfirmations = [];
    private readonly List<Decision> _decisions = [];
    private readonly HashSet<int> _settled = [];
    private readonly List<Instalment> _payments = [];
    private readonly List<PollutionIncidentRecord> _incidents = [];
    private readonly List<IncidentProposal> _incidentProposals = [];
    private readonly List<LedgerEvent> _events = [];
    private string? _recordedText;
    private Agreement? _recorded;

    private Ledger(Agreement current) => CurrentAgreement = current;

    /// <summary>The agreement the books were opened under (as recorded), else the current one.</summary>
    public Agreement Agreement => _recorded ?? CurrentAgreement;

    /// <summary>The agreement as it now reads (file or preset); recomputation uses it.</summary>
    public Agreement CurrentAgreement { get; }

    /// <summary>Whether the current agreement differs from the one recorded when the books were opened.</summary>
    public bool AgreementChanged => _recordedText is not null && _recordedText != AgreementFile.Write(CurrentAgreement);

    /// <summary>Every event, in order.</summary>
    public IReadOnlyList<LedgerEvent> Events => _events;

    /// <summary>Adjustments every party has confirmed, in order: these count.</summary>
    public IReadOnlyList<Adjustment> Adjustments => _proposals.Where(IsAgreed).ToArray();

    /// <summary>Proposed adjustments not yet confirmed by every party (the latest per corrected period): these do not count yet.</summary>
    public IReadOnlyList<Adjustment> PendingAdjustments => _proposals.Where(p => !IsAgreed(p) && PendingOf(p.Corrected) == p).ToArray();

    /// <summary>Recorded decisions, in order.</summary>
    public IReadOnlyList<Decision> Decisions => _decisions;

    /// <summary>A ledger rebuilt from its events; <paramref name="current"/> is the agreement as it now reads.</summary>
    public static Ledger Replay(Agreement current, IEnumerable<LedgerEvent> events)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(events);
        var ledger = new Ledger(current);
        foreach (LedgerEvent e in events)
        {
            ledger.Apply(e);
        }

        return ledger;
    }

    /// <summary>The account recorded for a period (as confirmed, or the latest draft).</summary>
    public PeriodAccount? AccountOf(Period period) => _accounts.GetValueOrDefault(period);

    /// <summary>The account as it now stands: the last agreed adjustment's recomputation, else the recorded account.</summary>
    public PeriodAccount? EffectiveAccountOf(Period period) => _proposals.LastOrDefault(a => a.Corrected == period && IsAgreed(a))?.After ?? AccountOf(period);

    /// <summary>Which parties confirmed a period, and who for them.</summary>
    public IReadOnlyDictionary<string, string> ConfirmationsOf(Period period) =>
        _confirmations.TryGetValue(period, out Dictionary<string, string>? c) && AccountOf(period) is PeriodAccount a
            ? c.Where(x => x.Value == AccountHash.Of(a)).ToDictionary(x => x.Key, x => Who(period, x.Key))
            : new Dictionary<string, string>();

    /// <summary>Which parties confirmed a proposed adjustment, and who for them.</summary>
    public IReadOnlyDictionary<string, string> ConfirmationsOf(Adjustment adjustment)
    {
        ArgumentNullException.ThrowIfNull(adjustment);
        return _adjustmentConfirmations.TryGetValue((adjustment.Corrected, AccountHash.Of(adjustment.After)), out Dictionary<string, string>? c)
            ? new Dictionary<string, string>(c)
            : new Dictionary<string, string>();
    }

    /// <summary>Where a period's account is in its life.</summary>
    public PeriodState StateOf(Period period)
    {
        if (_settled.Contains(period.Start.Year) && _accounts.ContainsKey(period))
        {
            return PeriodState.Settled;
        }

        if (AccountOf(period) is null)
        {
            return PeriodState.Open;
        }

        int confirmed = ConfirmationsOf(period).Count;
        return confirmed == 0 ? PeriodState.Draft : confirmed < Agreement.Parties.Count ? PeriodState.PartlyConfirmed : PeriodState.Confirmed;
    }

    /// <summary>Whether a year is settled.</summary>
    public bool IsSettled(int year) => _settled.Contains(year);

    /// <summary>
    /// Records freshly computed accounts: new or changed drafts, and proposed adjustments for confirmed periods whose
    /// recomputation differs. Accounts of periods still in progress are not recorded. Opening the books records the
    /// agreement first. A <paramref name="cause"/> (why the data changed, such as a reviewer's decision) goes with each
    /// adjustment's transfers, so whoever confirms it sees why.
    /// </summary>
    public LedgerResult Record(IReadOnlyList<PeriodAccount> computed, DateTimeOffset at, string? cause = null)
    {
        ArgumentNullException.ThrowIfNull(computed);
        var events = new List<LedgerEvent>();
        Ledger scratch = Replay(CurrentAgreement, _events);
        if (_recordedText is null)
        {
            events.Add(new AgreementRecorded(AgreementFile.Write(CurrentAgreement), at, "engine"));
            scratch.Apply(events[^1]);
        }

        foreach (PeriodAccount account in computed.Where(a => a.Status != AccountStatus.InProgress).OrderBy(a => a.Period.Start))
        {
            PeriodState state = scratch.StateOf(account.Period);
            if (state is PeriodState.Open or PeriodState.Draft or PeriodState.PartlyConfirmed)
            {
                if (scratch.AccountOf(account.Period) is not PeriodAccount existing || !Same(existing, account))
                {
                    events.Add(new AccountRecorded(account, at, "engine"));
                    scratch.Apply(events[^1]);
                }

                continue;
            }

            PeriodAccount before = scratch.EffectiveAccountOf(account.Period)!;
            string after = AccountHash.Of(account);
            if (Same(before, account) || (scratch.PendingOf(account.Period) is Adjustment pending && AccountHash.Of(pending.After) == after))
            {
                continue;
            }

            Period appliedIn = scratch.NextOpenPeriod(account.Period);
            IReadOnlyList<Transfer> difference = Netting.PerPair([.. account.Transfers, .. before.Transfers.Select(Reverse)])
                .Select(t => t with { Basis = TransferBasis.Adjustment, Detail = cause is null ? $"correction of {account.Period}" : $"correction of {account.Period}: {cause}" })
                .ToArray();
            events.Add(new AdjustmentProposed(new Adjustment(account.Period, appliedIn, before, account, difference), at, "engine"));
            scratch.Apply(events[^1]);
        }

        return LedgerResult.Ok([.. events]);
    }

    /// <summary>
    /// A party confirms a period's account; for a confirmed period with a pending proposed adjustment, the party
    /// confirms that proposal instead.
    /// </summary>
    public LedgerResult Confirm(Period period, string party, string by, DateTimeOffset at)
    {
        if (!Agreement.Parties.Any(p => p.Id == party))
        {
            return LedgerResult.Refused($"'{party}' is not a party to {Agreement.Id}");
        }

        if (AccountOf(period) is not PeriodAccount account)
        {
            return LedgerResult.Refused($"no account for {period} yet: a period is booked once it is over and its accounts are computed");
        }

        if (account.Status is AccountStatus.Undetermined or AccountStatus.NoData)
        {
            return LedgerResult.Refused($"{period} is {(account.Status == AccountStatus.NoData ? "without data" : "undetermined")}: record a decision first");
        }

        if (StateOf(period) is PeriodState.Confirmed or PeriodState.Settled && PendingOf(period) is Adjustment pending)
        {
            return ConfirmationsOf(pending).ContainsKey(party)
                ? LedgerResult.Refused($"{party} has already confirmed the proposed adjustment of {period}")
                : LedgerResult.Ok(new AdjustmentConfirmed(period, party, AccountHash.Of(pending.After), at, by));
        }

        if (StateOf(period) is PeriodState.Confirmed or PeriodState.Settled || ConfirmationsOf(period).ContainsKey(party))
        {
            return LedgerResult.Refused($"{party} has already confirmed {period}");
        }

        return LedgerResult.Ok(new PeriodConfirmed(period, party, AccountHash.Of(account), at, by));
    }

    /// <summary>Records a decision for an undetermined period (the caller recomputes and records the account next).</summary>
    public LedgerResult Decide(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        if (AccountOf(decision.Period) is not { Status: AccountStatus.Undetermined or AccountStatus.NoData })
        {
            return LedgerResult.Refused($"{decision.Period} is not undetermined");
        }

        return LedgerResult.Ok(new DecisionRecorded(decision));
    }

    /// <summary>Settles a year once every period of it is confirmed by every party and no proposed adjustment touching it is pending.</summary>
    public LedgerResult Settle(int year, string statementHash, string by, DateTimeOffset at)
    {
        if (_settled.Contains(year))
        {
            return LedgerResult.Refused($"{year} is already settled");
        }

        Period[] unconfirmed = Agreement.PeriodsOf(year).Where(p => StateOf(p) != PeriodState.Confirmed).ToArray();
        if (unconfirmed.Length > 0)
        {
            return LedgerResult.Refused($"not confirmed by every party: {string.Join(", ", unconfirmed.Select(p => p.ToString()))}");
        }

        Adjustment[] pending = PendingAdjustments.Where(a => a.Corrected.Start.Year == year || a.AppliedIn.Start.Year == year).ToArray();
        if (pending.Length > 0)
        {
            return LedgerResult.Refused($"proposed adjustments not confirmed by every party: {string.Join(", ", pending.Select(a => a.Corrected.ToString()))}");
        }

        return LedgerResult.Ok(new YearSettled(year, statementHash, at, by));
    }

    private void Apply(LedgerEvent e)
    {
        switch (e)
        {
            case AgreementRecorded recorded:
                _recordedText = recorded.Text;
                _recorded = AgreementFile.Parse(recorded.Text).Agreement
                    ?? throw new FormatException("the ledger's recorded agreement cannot be read");
                break;
            case AccountRecorded recorded:
                _accounts[recorded.Account.Period] = recorded.Account;
                break;
            case PeriodConfirmed confirmed:
                if (!_confirmations.TryGetValue(confirmed.Period, out Dictionary<string, string>? parties))
                {
                    _confirmations[confirmed.Period] = parties = [];
                }

                parties[confirmed.Party] = confirmed.AccountHash;
                break;
            case AdjustmentProposed adjustment:
                _proposals.Add(adjustment.Adjustment);
                break;
            case AdjustmentConfirmed confirmed:
                if (!_adjustmentConfirmations.TryGetValue((confirmed.Corrected, confirmed.AfterHash), out Dictionary<string, string>? who))
                {
                    _adjustmentConfirmations[(confirmed.Corrected, confirmed.AfterHash)] = who = [];
                }

                who[confirmed.Party] = confirmed.By;
                break;
            case DecisionRecorded decision:
                _decisions.Add(decision.Decision);
                break;
            case YearSettled settled:
                _settled.Add(settled.Year);
                break;
            case PaymentRecorded payment:
                _payments.Add(payment.Payment);
                break;
            case PollutionIncidentRecorded incident:
                _incidents.Add(incident.Incident);
                break;
            case PollutionIncidentProposed proposed:
                _incidentProposals.Add(new IncidentProposal(proposed.Incident, proposed.Source, new Dictionary<string, string>(StringComparer.Ordinal)));
                break;
            case PollutionIncidentConfirmed confirmed:
                ApplyIncidentConfirmation(confirmed);
                break;
        }

        _events.Add(e);
    }

    private bool IsAgreed(Adjustment adjustment) => Agreement.Parties.All(p => ConfirmationsOf(adjustment).ContainsKey(p.Id));

    // The latest proposal for a period, while not agreed (an earlier pending one is superseded by it).
    private Adjustment? PendingOf(Period corrected) => _proposals.LastOrDefault(a => a.Corrected == corrected) is Adjustment last && !IsAgreed(last) ? last : null;

    private string Who(Period period, string party) =>
        _events.OfType<PeriodConfirmed>().Last(c => c.Period == period && c.Party == party).By;

    // The first period after the corrected one whose account is not yet confirmed (a later year's if need be).
    private Period NextOpenPeriod(Period corrected)
    {
        Period candidate = Period.Containing(corrected.Kind, corrected.End);
        while (StateOf(candidate) is PeriodState.Confirmed or PeriodState.Settled)
        {
            candidate = Period.Containing(candidate.Kind, candidate.End);
        }

        return candidate;
    }

    /// <summary>
    /// Whether a recomputed account says what a recorded one says. Evidence kept only since a later version (coverage,
    /// unmonitored items, the stations' own means) is left out when the recorded account has none, so recomputing
    /// unchanged data does not replace drafts or propose adjustments merely because accounts now carry more evidence.
    /// </summary>
    private static bool Same(PeriodAccount recorded, PeriodAccount computed)
    {
        bool coverage = recorded.Evidence.Any(e => e.Coverage is not null), monitored = recorded.Evidence.Any(e => e.NotMonitored.Count > 0);
        bool source = recorded.Evidence.Any(e => e.Source is not null);
        PeriodAccount comparable = computed with
        {
            Evidence = computed.Evidence.Select(e => e with
            {
                Coverage = coverage ? e.Coverage : null, NotMonitored = monitored ? e.NotMonitored : [], Source = source ? e.Source : null,
            }).ToArray(),
        };
        return AccountHash.Of(recorded) == AccountHash.Of(comparable);
    }

    private static Transfer Reverse(Transfer t) => t with { Payer = t.Payee, Payee = t.Payer };
}
