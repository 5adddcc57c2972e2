using Qingshui.Domain.Compensation;

namespace Qingshui.Domain.Audit;

/// <summary>
/// The short "after" of a ledger write in the audit log: each event's kind and the fields that say what it did
/// (period, party, hashes), not the full evidence the ledger itself keeps.
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
}
