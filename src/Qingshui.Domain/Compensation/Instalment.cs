namespace Qingshui.Domain.Compensation;

/// <summary>
/// A payment made against a year's net (实际拨付): who paid whom, how much, on which day, under which reference (a
/// transfer order, a budget document). A year's net may be paid in several instalments (round 1 was paid "陆续").
/// </summary>
/// <param name="Year">The settled year the payment is for.</param>
/// <param name="Payer">Paying party.</param>
/// <param name="Payee">Receiving party.</param>
/// <param name="Amount">Yuan, positive, to the fen.</param>
/// <param name="PaidOn">The day the money moved, in the agreement's calendar.</param>
/// <param name="Reference">The payment's document or transfer reference; unique in the agreement's books.</param>
public sealed record Instalment(int Year, string Payer, string Payee, decimal Amount, DateOnly PaidOn, string Reference);

/// <summary>Where a pair's payment for a year stands.</summary>
public enum PaymentState
{
    /// <summary>Paid in full.</summary>
    Paid,

    /// <summary>Not paid in full, the due date not yet passed.</summary>
    Outstanding,

    /// <summary>Not paid in full after a due date the sources give.</summary>
    Overdue,

    /// <summary>Not paid in full after a due date no source gives: not called overdue.</summary>
    PastUnconfirmedDueDate,

    /// <summary>More paid than the net now asks (the net changed after payment, for example by an agreed adjustment).</summary>
    Overpaid,
}

/// <summary>What a pair owes for a year (its net), what it paid, in which instalments, and where that stands.</summary>
/// <param name="Payer">Paying party.</param>
/// <param name="Payee">Receiving party.</param>
/// <param name="Owed">The year's net from payer to payee (0 when the net now runs the other way or is nothing).</param>
/// <param name="Instalments">The payments recorded, in order.</param>
/// <param name="State">Paid, outstanding, overdue…</param>
public sealed record PaymentStanding(string Payer, string Payee, decimal Owed, IReadOnlyList<Instalment> Instalments, PaymentState State)
{
    /// <summary>Yuan paid so far.</summary>
    public decimal Paid => Instalments.Sum(i => i.Amount);

    /// <summary>Yuan still to pay (negative when overpaid).</summary>
    public decimal Outstanding => Owed - Paid;

    /// <summary>The state's stable code (<c>paid</c>, <c>outstanding</c>, <c>overdue</c>, <c>past-unconfirmed-due-date</c>, <c>overpaid</c>).</summary>
    public string Code => State switch
    {
        PaymentState.Paid => "paid",
        PaymentState.Outstanding => "outstanding",
        PaymentState.Overdue => "overdue",
        PaymentState.PastUnconfirmedDueDate => "past-unconfirmed-due-date",
        _ => "overpaid",
    };

    /// <summary>
    /// Each pair of a year: those the net names and those that paid, with their state on <paramref name="today"/> (the
    /// agreement's calendar; without it nothing is overdue). An unconfirmed due date never makes a payment overdue.
    /// </summary>
    public static IReadOnlyList<PaymentStanding> Of(Agreement agreement, IReadOnlyList<Transfer> net, IReadOnlyList<Instalment> instalments, DateOnly dueDate, DateOnly? today)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(instalments);
        var pairs = net.Select(t => (t.Payer, t.Payee)).Concat(instalments.Select(i => (i.Payer, i.Payee))).Distinct().ToArray();
        return pairs.Select(pair =>
        {
            decimal owed = net.Where(t => (t.Payer, t.Payee) == pair).Sum(t => t.Amount);
            Instalment[] paid = instalments.Where(i => (i.Payer, i.Payee) == pair).ToArray();
            decimal outstanding = owed - paid.Sum(i => i.Amount);
            PaymentState state = outstanding switch
            {
                0 => PaymentState.Paid,
                < 0 => PaymentState.Overpaid,
                _ when today is DateOnly d && d > dueDate => agreement.IsUnconfirmed("paymentDue") ? PaymentState.PastUnconfirmedDueDate : PaymentState.Overdue,
                _ => PaymentState.Outstanding,
            };
            return new PaymentStanding(pair.Payer, pair.Payee, owed, paid, state);
        }).ToArray();
    }
}
