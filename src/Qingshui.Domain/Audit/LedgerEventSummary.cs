using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;

namespace Qingshui.Domain.Audit;

/// <summary>
/// The short "after" of a ledger write in the audit log: each event's kind and the fields that say what it did
/// (period, party, hashes), not the full evidence the ledger itself keeps; and the short "before" of a period or year.
/// </summary>
public static class LedgerEventSummary
{
    /// <summary>Compact JSON: <c>{"events":[{"kind":…,"by":…,…}]}</c>.</summary>
    public static string Of(IReadOnlyList<LedgerEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        return CanonicalJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteStartArray("events");
            foreach (LedgerEvent e in events)
            {
                json.WriteStartObject();
                json.WriteString("kind", e.GetType().Name);
                json.WriteString("by", e.By);
                switch (e)
                {
                    case AccountRecorded a:
                        json.WriteString("period", a.Account.Period.ToString());
                        json.WriteString("status", a.Account.Status.ToString());
                        json.WriteString("hash", AccountHash.Of(a.Account));
                        break;
                    case PeriodConfirmed c:
                        json.WriteString("period", c.Period.ToString());
                        json.WriteString("party", c.Party);
                        json.WriteString("hash", c.AccountHash);
                        break;
                    case AdjustmentProposed p:
                        json.WriteString("period", p.Adjustment.Corrected.ToString());
                        json.WriteString("appliedIn", p.Adjustment.AppliedIn.ToString());
                        json.WriteString("hash", AccountHash.Of(p.Adjustment.After));
                        break;
                    case AdjustmentConfirmed c:
                        json.WriteString("period", c.Corrected.ToString());
                        json.WriteString("party", c.Party);
                        json.WriteString("hash", c.AfterHash);
                        break;
                    case DecisionRecorded d:
                        json.WriteString("period", d.Decision.Period.ToString());
                        json.WriteString("outcome", d.Decision.Outcome.ToString());
                        break;
                    case PaymentRecorded p:
                        json.WriteNumber("year", p.Payment.Year);
                        json.WriteString("payer", p.Payment.Payer);
                        json.WriteString("payee", p.Payment.Payee);
                        json.WriteNumber("amount", p.Payment.Amount);
                        json.WriteString("paidOn", p.Payment.PaidOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
                        json.WriteString("reference", p.Payment.Reference);
                        break;
                    case PollutionIncidentRecorded i:
                        json.WriteString("section", i.Incident.Section);
                        json.WriteString("level", IncidentLevels.Text(i.Incident.Level));
                        json.WriteString("occurredAt", i.Incident.OccurredAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                        json.WriteString("confirmedBy", i.Incident.ConfirmedBy);
                        break;
                    case PollutionIncidentProposed i:
                        json.WriteNumber("source", i.Source);
                        json.WriteString("section", i.Incident.Section);
                        json.WriteString("level", IncidentLevels.Text(i.Incident.Level));
                        json.WriteString("occurredAt", i.Incident.OccurredAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                        json.WriteString("confirmedBy", i.Incident.ConfirmedBy);
                        break;
                    case PollutionIncidentConfirmed c:
                        json.WriteNumber("source", c.Source);
                        json.WriteString("party", c.Party);
                        break;
                    case YearSettled s:
                        json.WriteNumber("year", s.Year);
                        json.WriteString("hash", s.StatementHash);
                        break;
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>A period as the ledger holds it before a command: <c>{"period","state","status","hash","confirmedBy":[…]}</c>.</summary>
    public static string PeriodBefore(Ledger ledger, Period period)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        PeriodAccount? account = ledger.AccountOf(period);
        return CanonicalJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("period", period.ToString());
            json.WriteString("state", ledger.StateOf(period).ToString());
            json.WriteString("status", account?.Status.ToString());
            json.WriteString("hash", account is null ? null : AccountHash.Of(account));
            json.WriteStartArray("confirmedBy");
            foreach (string party in ledger.ConfirmationsOf(period).Keys.Order(StringComparer.Ordinal))
            {
                json.WriteStringValue(party);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>A year's payments before another: <c>{"year","paid":[{"payer","payee","amount","reference"}]}</c>.</summary>
    public static string PaymentsBefore(Ledger ledger, int year)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return CanonicalJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("year", year);
            json.WriteStartArray("paid");
            foreach (Instalment payment in ledger.PaymentsOf(year))
            {
                json.WriteStartObject();
                json.WriteString("payer", payment.Payer);
                json.WriteString("payee", payment.Payee);
                json.WriteNumber("amount", payment.Amount);
                json.WriteString("reference", payment.Reference);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    /// <summary>A year before closing: <c>{"year","settled"}</c>.</summary>
    public static string YearBefore(Ledger ledger, int year)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        return CanonicalJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("year", year);
            json.WriteBoolean("settled", ledger.IsSettled(year));
            json.WriteEndObject();
        });
    }
}
