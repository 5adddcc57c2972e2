using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>
/// 签章栏: what a party's signature and seal block on a statement prints, from the ledger's confirmations of the year's
/// periods: who confirmed for it and when it last did, and when the year was settled.
/// </summary>
/// <param name="Party">The party's id.</param>
/// <param name="ConfirmedBy">Everyone who confirmed a period of the year for the party (in the order they first did).</param>
/// <param name="Periods">The year's periods whose current account the party has confirmed.</param>
/// <param name="LastConfirmed">When the party last confirmed a period of the year; <c>null</c> when it has not.</param>
/// <param name="Settled">When the year was settled (the same for every party); <c>null</c> while it is not.</param>
public sealed record PartySignature(string Party, IReadOnlyList<string> ConfirmedBy, int Periods, DateTimeOffset? LastConfirmed, DateTimeOffset? Settled)
{
    /// <summary>One block per party of the agreement, in the agreement's order.</summary>
    public static IReadOnlyList<PartySignature> Of(Ledger ledger, int year)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        Period[] periods = ledger.Agreement.PeriodsOf(year).ToArray();
        YearSettled? settled = ledger.Events.OfType<YearSettled>().LastOrDefault(s => s.Year == year);
        return ledger.Agreement.Parties.Select(party =>
        {
            // Only confirmations that still stand: one of an account later replaced is not a signature of this statement.
            PeriodConfirmed[] standing = ledger.Events.OfType<PeriodConfirmed>()
                .Where(c => c.Party == party.Id && periods.Contains(c.Period) && ledger.ConfirmationsOf(c.Period).ContainsKey(party.Id)).ToArray();
            return new PartySignature(party.Id, standing.Select(c => c.By).Distinct(StringComparer.Ordinal).ToArray(),
                standing.Select(c => c.Period).Distinct().Count(), standing.Length == 0 ? null : standing.Max(c => c.At), settled?.At);
        }).ToArray();
    }
}
