using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>
/// An agreement's books, rebuilt from its events: accounts per period, confirmations, decisions, adjustments and
/// settled years. Commands do not change the ledger; they return the events to append (or why they are refused).
/// </summary>
/// <remarks>
/// Life of a period: Draft → confirmed by each party (who, when; all required) → Settled with its year. A draft is
/// replaced when recomputation gives a different account (a confirmation of an older draft no longer counts, since
/// confirmations name the account's hash). A confirmed account is never edited: a different recomputation becomes an
/// <see cref="Adjustment"/> booked in the next open period, carrying the before and after evidence.
/// </remarks>
public sealed class Ledger
{
    private readonly Dictionary<Period, PeriodAccount> _accounts = [];
    private readonly Dictionary<Period, Dictionary<string, string>> _confirmations = [];
    private readonly List<Adjustment> _adjustments = [];
    private readonly List<Decision> _decisions = [];
    private readonly HashSet<int> _settled = [];
    private readonly List<LedgerEvent> _events = [];

    private Ledger(Agreement agreement) => Agreement = agreement;

    /// <summary>The agreement.</summary>
    public Agreement Agreement { get; }

    /// <summary>Every event, in order.</summary>
    public IReadOnlyList<LedgerEvent> Events => _events;

    /// <summary>Every adjustment, in order.</summary>
    public IReadOnlyList<Adjustment> Adjustments => _adjustments;

    /// <summary>Recorded decisions, in order.</summary>
    public IReadOnlyList<Decision> Decisions => _decisions;

    /// <summary>A ledger rebuilt from its events.</summary>
    public static Ledger Replay(Agreement agreement, IEnumerable<LedgerEvent> events)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(events);
        var ledger = new Ledger(agreement);
        foreach (LedgerEvent e in events)
        {
            ledger.Apply(e);
        }

        return ledger;
    }

    /// <summary>The account recorded for a period (as confirmed, or the latest draft).</summary>
    public PeriodAccount? AccountOf(Period period) => _accounts.GetValueOrDefault(period);

    /// <summary>The account as it now stands: the last adjustment's recomputation, else the recorded account.</summary>
    public PeriodAccount? EffectiveAccountOf(Period period) => _adjustments.LastOrDefault(a => a.Corrected == period)?.After ?? AccountOf(period);

    /// <summary>Which parties confirmed a period, and who for them.</summary>
    public IReadOnlyDictionary<string, string> ConfirmationsOf(Period period) =>
        _confirmations.TryGetValue(period, out Dictionary<string, string>? c) && AccountOf(period) is PeriodAccount a
            ? c.Where(x => x.Value == AccountHash.Of(a)).ToDictionary(x => x.Key, x => Who(period, x.Key))
            : new Dictionary<string, string>();

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

    /// <summary>Records freshly computed accounts: new or changed drafts, and adjustments for confirmed periods whose recomputation differs.</summary>
    public LedgerResult Record(IReadOnlyList<PeriodAccount> computed, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(computed);
        var events = new List<LedgerEvent>();
        Ledger scratch = Replay(Agreement, _events);
        foreach (PeriodAccount account in computed.OrderBy(a => a.Period.Start))
        {
            PeriodState state = scratch.StateOf(account.Period);
            if (state is PeriodState.Open or PeriodState.Draft or PeriodState.PartlyConfirmed)
            {
                if (scratch.AccountOf(account.Period) is not PeriodAccount existing || AccountHash.Of(existing) != AccountHash.Of(account))
                {
                    events.Add(new AccountRecorded(account, at, "engine"));
                    scratch.Apply(events[^1]);
                }

                continue;
            }

            PeriodAccount before = scratch.EffectiveAccountOf(account.Period)!;
            if (AccountHash.Of(before) == AccountHash.Of(account))
            {
                continue;
            }

            Period appliedIn = scratch.NextOpenPeriod(account.Period);
            IReadOnlyList<Transfer> difference = Netting.PerPair([.. account.Transfers, .. before.Transfers.Select(Reverse)])
                .Select(t => t with { Basis = TransferBasis.Adjustment, Detail = $"correction of {account.Period}" })
                .ToArray();
            events.Add(new AdjustmentRecorded(new Adjustment(account.Period, appliedIn, before, account, difference), at, "engine"));
            scratch.Apply(events[^1]);
        }

        return LedgerResult.Ok([.. events]);
    }

    /// <summary>A party confirms a period's account.</summary>
    public LedgerResult Confirm(Period period, string party, string by, DateTimeOffset at)
    {
        if (!Agreement.Parties.Any(p => p.Id == party))
        {
            return LedgerResult.Refused($"'{party}' is not a party to {Agreement.Id}");
        }

        if (AccountOf(period) is not PeriodAccount account)
        {
            return LedgerResult.Refused($"no account for {period} yet");
        }

        if (account.Status == AccountStatus.Undetermined)
        {
            return LedgerResult.Refused($"{period} is undetermined: record a decision first");
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
        if (AccountOf(decision.Period) is not { Status: AccountStatus.Undetermined })
        {
            return LedgerResult.Refused($"{decision.Period} is not undetermined");
        }

        return LedgerResult.Ok(new DecisionRecorded(decision));
    }

    /// <summary>Settles a year once every period of it is confirmed by every party.</summary>
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

        return LedgerResult.Ok(new YearSettled(year, statementHash, at, by));
    }

    private void Apply(LedgerEvent e)
    {
        switch (e)
        {
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
            case AdjustmentRecorded adjustment:
                _adjustments.Add(adjustment.Adjustment);
                break;
            case DecisionRecorded decision:
                _decisions.Add(decision.Decision);
                break;
            case YearSettled settled:
                _settled.Add(settled.Year);
                break;
        }

        _events.Add(e);
    }

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

    private static Transfer Reverse(Transfer t) => t with { Payer = t.Payee, Payee = t.Payer };
}
