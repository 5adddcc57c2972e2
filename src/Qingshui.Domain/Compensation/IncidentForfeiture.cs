namespace Qingshui.Domain.Compensation;

/// <summary>
/// Applies an agreement's incident term to a period's account: when an incident of the term's level or graver occurred
/// at one of its sections within the period, what the named party receives in that period is forfeited (paid back to
/// whom it came from) or cut by the term's deduction (never by more than it receives). The added transfers name the
/// incident, so the account shows why.
/// </summary>
internal static class IncidentForfeiture
{
    public static PeriodAccount Apply(Agreement agreement, IReadOnlyList<PollutionIncidentRecord> incidents, PeriodAccount account)
    {
        if (agreement.Incidents is not IncidentTerm term || account.Transfers.Count == 0)
        {
            return account;
        }

        PollutionIncidentRecord? incident = incidents
            .Where(i => i.Level <= term.Level && agreement.Sections.Any(s => s.Id == i.Section) && account.Period.Contains(agreement.LocalDate(i.OccurredAt)))
            .OrderBy(i => i.Level).ThenBy(i => i.OccurredAt).FirstOrDefault();
        Transfer[] received = account.Transfers.Where(t => t.Payee == term.Party).ToArray();
        if (incident is null || received.Length == 0)
        {
            return account;
        }

        string detail = incident.Summary(agreement);
        var added = new List<Transfer>();
        decimal left = term.Deduction ?? decimal.MaxValue;
        foreach (Transfer t in received)
        {
            decimal amount = Math.Min(t.Amount, left);
            left -= amount;
            if (amount > 0)
            {
                added.Add(new Transfer(term.Party, t.Payer, amount, term.Deduction is null ? TransferBasis.IncidentForfeiture : TransferBasis.IncidentDeduction, detail));
            }
        }

        return account with { Transfers = [.. account.Transfers, .. added] };
    }
}
