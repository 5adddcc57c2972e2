using System.Globalization;

namespace Qingshui.Domain.Compensation;

public sealed partial class Ledger
{
    /// <summary>Longest payment reference kept (a document number, not the document).</summary>
    public const int MaxReferenceLength = 120;

    /// <summary>The payments recorded for a year, in order.</summary>
    public IReadOnlyList<Instalment> PaymentsOf(int year) => _payments.Where(p => p.Year == year).ToArray();

    /// <summary>
    /// Records a payment against a year's net: only by the party the net names as payer, to its payee, for at most
    /// what is still outstanding, on a day that has come (<paramref name="at"/> in the agreement's calendar), under a
    /// reference not used before. Signed accounts and statements do not change; the statement's standing shows it.
    /// </summary>
    public LedgerResult Pay(Instalment payment, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(payment);
        if (Agreement.PeriodsOf(payment.Year).Count == 0)
        {
            return LedgerResult.Refused(string.Create(CultureInfo.InvariantCulture, $"{payment.Year} is outside {Agreement.Id}'s term"));
        }

        if (Agreement.Parties.All(p => p.Id != payment.Payer) || Agreement.Parties.All(p => p.Id != payment.Payee) || payment.Payer == payment.Payee)
        {
            return LedgerResult.Refused($"{payment.Payer} → {payment.Payee} is not a pair of {Agreement.Id}'s parties");
        }

        if (payment.Amount <= 0 || Money.RoundToFen(payment.Amount) != payment.Amount)
        {
            return LedgerResult.Refused(string.Create(CultureInfo.InvariantCulture, $"amount {payment.Amount} is not a positive sum in yuan to the fen"));
        }

        if (string.IsNullOrWhiteSpace(payment.Reference) || payment.Reference.Length > MaxReferenceLength)
        {
            return LedgerResult.Refused($"the reference must be 1 to {MaxReferenceLength} characters");
        }

        if (_payments.Any(p => string.Equals(p.Reference, payment.Reference, StringComparison.Ordinal)))
        {
            return LedgerResult.Refused($"a payment with reference '{payment.Reference}' is already recorded");
        }

        if (payment.PaidOn > Agreement.LocalDate(at) || payment.PaidOn < new DateOnly(payment.Year, 1, 1))
        {
            return LedgerResult.Refused(string.Create(CultureInfo.InvariantCulture,
                $"paid on {payment.PaidOn:yyyy-MM-dd}: a payment for {payment.Year} is made in {payment.Year} or later, and not after today"));
        }

        Statement statement = Statement.FromLedger(this, payment.Year, at);
        decimal owed = statement.Net.Where(t => t.Payer == payment.Payer && t.Payee == payment.Payee).Sum(t => t.Amount);
        decimal paid = PaymentsOf(payment.Year).Where(p => p.Payer == payment.Payer && p.Payee == payment.Payee).Sum(p => p.Amount);
        if (owed == 0)
        {
            return LedgerResult.Refused(string.Create(CultureInfo.InvariantCulture,
                $"{payment.Year}'s net asks nothing of {payment.Payer} for {payment.Payee}{(statement.Net.Count > 0 ? $" (net: {string.Join(", ", statement.Net.Select(t => $"{t.Payer} → {t.Payee} {t.Amount:0.00}"))})" : "")}"));
        }

        if (payment.Amount > owed - paid)
        {
            return LedgerResult.Refused(string.Create(CultureInfo.InvariantCulture,
                $"amount {payment.Amount:0.00} exceeds what is outstanding for {payment.Year}: {owed - paid:0.00} of {owed:0.00}"));
        }

        return LedgerResult.Ok(new PaymentRecorded(payment, at, by));
    }
}
