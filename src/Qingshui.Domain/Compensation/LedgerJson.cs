using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>
/// Ledger events as stored text, and back. Accounts use their canonical form, and reading gives back exactly what was
/// written (class, deciding and missing items, means, transfers): nothing is recomputed with the current rule or
/// agreement, so a rule fix cannot change a recorded, confirmed account.
/// </summary>
public static class LedgerJson
{
    /// <summary>The stored text of an event.</summary>
    public static string Write(LedgerEvent e) => CanonicalJson.Write(json =>
    {
        ArgumentNullException.ThrowIfNull(e);
        json.WriteStartObject();
        json.WriteString("at", e.At.ToString("O", CultureInfo.InvariantCulture));
        json.WriteString("by", e.By);
        switch (e)
        {
            case AccountRecorded recorded:
                json.WriteString("kind", "account");
                json.WritePropertyName("account");
                CanonicalJson.WriteAccount(json, recorded.Account);
                break;
            case PeriodConfirmed confirmed:
                json.WriteString("kind", "confirmation");
                json.WriteString("period", confirmed.Period.ToString());
                json.WriteString("party", confirmed.Party);
                json.WriteString("accountHash", confirmed.AccountHash);
                break;
            case AgreementRecorded agreement:
                json.WriteString("kind", "agreement");
                json.WriteString("text", agreement.Text);
                break;
            case AdjustmentConfirmed confirmed:
                json.WriteString("kind", "adjustmentConfirmation");
                json.WriteString("corrected", confirmed.Corrected.ToString());
                json.WriteString("party", confirmed.Party);
                json.WriteString("afterHash", confirmed.AfterHash);
                break;
            case AdjustmentProposed adjustment:
                json.WriteString("kind", "adjustment");
                CanonicalJson.WriteAdjustmentFields(json, adjustment.Adjustment);
                break;
            case DecisionRecorded decision:
                json.WriteString("kind", "decision");
                json.WriteString("period", decision.Decision.Period.ToString());
                json.WriteString("outcome", decision.Decision.Outcome.ToString());
                json.WriteString("reason", decision.Decision.Reason);
                break;
            case PaymentRecorded payment:
                json.WriteString("kind", "payment");
                json.WriteNumber("year", payment.Payment.Year);
                json.WriteString("payer", payment.Payment.Payer);
                json.WriteString("payee", payment.Payment.Payee);
                json.WriteNumber("amount", payment.Payment.Amount);
                json.WriteString("paidOn", payment.Payment.PaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                json.WriteString("reference", payment.Payment.Reference);
                break;
            case PollutionIncidentRecorded recorded:
                json.WriteString("kind", "incident");
                json.WriteString("section", recorded.Incident.Section);
                json.WriteString("level", IncidentLevels.Text(recorded.Incident.Level));
                json.WriteString("occurredAt", recorded.Incident.OccurredAt.ToString("O", CultureInfo.InvariantCulture));
                json.WriteString("confirmedBy", recorded.Incident.ConfirmedBy);
                json.WriteString("description", recorded.Incident.Description);
                break;
            case PollutionIncidentProposed proposed:
                json.WriteString("kind", "incident-proposed");
                json.WriteNumber("source", proposed.Source);
                json.WriteString("section", proposed.Incident.Section);
                json.WriteString("level", IncidentLevels.Text(proposed.Incident.Level));
                json.WriteString("occurredAt", proposed.Incident.OccurredAt.ToString("O", CultureInfo.InvariantCulture));
                json.WriteString("confirmedBy", proposed.Incident.ConfirmedBy);
                json.WriteString("description", proposed.Incident.Description);
                break;
            case PollutionIncidentConfirmed confirmed:
                json.WriteString("kind", "incident-confirmed");
                json.WriteNumber("source", confirmed.Source);
                json.WriteString("party", confirmed.Party);
                break;
            case YearSettled settled:
                json.WriteString("kind", "settlement");
                json.WriteNumber("year", settled.Year);
                json.WriteString("statementHash", settled.StatementHash);
                break;
        }

        json.WriteEndObject();
    });

    /// <summary>Reads a stored event of an agreement's ledger back, as it was written.</summary>
    public static LedgerEvent Read(string text, string agreementId)
    {
        ArgumentNullException.ThrowIfNull(agreementId);
        using JsonDocument document = JsonDocument.Parse(text);
        JsonElement root = document.RootElement;
        DateTimeOffset at = DateTimeOffset.Parse(root.GetProperty("at").GetString()!, CultureInfo.InvariantCulture);
        string by = root.GetProperty("by").GetString()!;
        return root.GetProperty("kind").GetString() switch
        {
            "agreement" => new AgreementRecorded(root.GetProperty("text").GetString()!, at, by),
            "account" => new AccountRecorded(Account(root.GetProperty("account"), agreementId), at, by),
            "confirmation" => new PeriodConfirmed(ParsePeriod(root.GetProperty("period").GetString()!), root.GetProperty("party").GetString()!,
                root.GetProperty("accountHash").GetString()!, at, by),
            "adjustment" => new AdjustmentProposed(new Adjustment(
                ParsePeriod(root.GetProperty("corrected").GetString()!), ParsePeriod(root.GetProperty("appliedIn").GetString()!),
                Account(root.GetProperty("before"), agreementId), Account(root.GetProperty("after"), agreementId), Transfers(root.GetProperty("transfers"))), at, by),
            "adjustmentConfirmation" => new AdjustmentConfirmed(ParsePeriod(root.GetProperty("corrected").GetString()!), root.GetProperty("party").GetString()!,
                root.GetProperty("afterHash").GetString()!, at, by),
            "decision" => new DecisionRecorded(new Decision(ParsePeriod(root.GetProperty("period").GetString()!),
                Enum.Parse<DecisionOutcome>(root.GetProperty("outcome").GetString()!), by, at, root.GetProperty("reason").GetString()!)),
            "settlement" => new YearSettled(root.GetProperty("year").GetInt32(), root.GetProperty("statementHash").GetString()!, at, by),
            "payment" => new PaymentRecorded(new Instalment(root.GetProperty("year").GetInt32(), root.GetProperty("payer").GetString()!,
                root.GetProperty("payee").GetString()!, root.GetProperty("amount").GetDecimal(),
                DateOnly.ParseExact(root.GetProperty("paidOn").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture), root.GetProperty("reference").GetString()!), at, by),
            "incident" => new PollutionIncidentRecorded(IncidentOf(root), at, by),
            "incident-proposed" => new PollutionIncidentProposed(IncidentOf(root), root.GetProperty("source").GetInt64(), at, by),
            "incident-confirmed" => new PollutionIncidentConfirmed(root.GetProperty("source").GetInt64(), root.GetProperty("party").GetString()!, at, by),
            var kind => throw new FormatException($"unknown ledger event kind '{kind}'"),
        };
    }

    private static PollutionIncidentRecord IncidentOf(JsonElement root) => new(root.GetProperty("section").GetString()!,
        IncidentLevels.ByText[root.GetProperty("level").GetString()!], DateTimeOffset.Parse(root.GetProperty("occurredAt").GetString()!, CultureInfo.InvariantCulture),
        root.GetProperty("confirmedBy").GetString()!, root.GetProperty("description").GetString()!);

    /// <summary>Reads <c>2020-03</c>, <c>2020-Q1</c>, <c>2020-03-01</c> or <c>2020</c>.</summary>
    public static Period ParsePeriod(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 4)
        {
            return Period.Containing(PeriodKind.Year, new DateOnly(int.Parse(text, CultureInfo.InvariantCulture), 1, 1));
        }

        if (text.Length == 7 && text[5] == 'Q')
        {
            return Period.Containing(PeriodKind.Quarter, new DateOnly(int.Parse(text[..4], CultureInfo.InvariantCulture), ((text[6] - '1') * 3) + 1, 1));
        }

        return text.Length == 7
            ? Period.Containing(PeriodKind.Month, DateOnly.ParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture))
            : Period.Containing(PeriodKind.Day, DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static PeriodAccount Account(JsonElement account, string agreementId)
    {
        Period period = ParsePeriod(account.GetProperty("period").GetString()!);
        SectionEvidence[] evidence = account.GetProperty("evidence").EnumerateArray().Select(Evidence).ToArray();
        Decision? decision = account.TryGetProperty("decision", out JsonElement d)
            ? new Decision(period, Enum.Parse<DecisionOutcome>(d.GetProperty("outcome").GetString()!), d.GetProperty("by").GetString()!,
                DateTimeOffset.Parse(d.GetProperty("at").GetString()!, CultureInfo.InvariantCulture), d.GetProperty("reason").GetString()!)
            : null;
        string[] gaps = account.TryGetProperty("gaps", out JsonElement g) ? g.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
        return new PeriodAccount(agreementId, period, Enum.Parse<AccountStatus>(account.GetProperty("status").GetString()!), evidence,
            Transfers(account.GetProperty("transfers")), decision) { Gaps = gaps };
    }

    // The assessment as recorded: class, deciding and missing items (the per-item detail is not part of the record).
    private static SectionEvidence Evidence(JsonElement evidence)
    {
        string section = evidence.GetProperty("section").GetString()!;
        Period period = ParsePeriod(evidence.GetProperty("period").GetString()!);
        PeriodMean[] means = evidence.GetProperty("means").EnumerateArray().Select(m => new PeriodMean(
            Item(m.GetProperty("item").GetString()!), period,
            m.GetProperty("mean").ValueKind == JsonValueKind.Null ? null : m.GetProperty("mean").GetDecimal(),
            m.GetProperty("valid").GetInt32(), m.GetProperty("required").GetInt32(), m.GetProperty("invalidValues").GetInt32())).ToArray();
        WaterClass? recordedClass = evidence.GetProperty("class").GetString() is string text
            ? WaterClassText.TryParse(text, out WaterClass c) ? c : throw new FormatException($"'{text}' is not a water class")
            : null;
        StandardItem[] deciding = evidence.GetProperty("deciding").EnumerateArray().Select(i => Item(i.GetString()!)).ToArray();
        StandardItem[] missing = evidence.GetProperty("missing").EnumerateArray().Select(i => Item(i.GetString()!)).ToArray();
        var assessment = new SectionAssessment(recordedClass, [], deciding, [], missing);
        return new SectionEvidence(section, period, means, assessment, evidence.GetProperty("dataFingerprint").GetString()!)
        {
            Source = evidence.TryGetProperty("source", out JsonElement src) ? Source(src) : null,
            NotMonitored = evidence.TryGetProperty("notMonitored", out JsonElement n) ? n.EnumerateArray().Select(i => Item(i.GetString()!)).ToArray() : [],
            Coverage = evidence.TryGetProperty("coverage", out JsonElement cov) ? cov.EnumerateArray().Select(x => new ItemCoverage(
                Item(x.GetProperty("item").GetString()!), x.GetProperty("validValues").GetInt32(), x.GetProperty("values").GetInt32(),
                x.GetProperty("validDays").GetInt32(), x.GetProperty("days").GetInt32(),
                x.TryGetProperty("belowLimitValues", out JsonElement b) ? b.GetInt32() : 0)).ToArray() : null,
        };
    }

    private static SourceEvidence Source(JsonElement source) => new(
        DataSourceKinds.ByText[source.GetProperty("kind").GetString()!],
        source.GetProperty("used").EnumerateArray().Select(u => u.GetString()!).ToArray(),
        source.GetProperty("stations").EnumerateArray().Select(s => new StationEvidence(
            s.GetProperty("station").GetString()!,
            s.GetProperty("class").GetString() is string text ? (WaterClassText.TryParse(text, out WaterClass c) ? c : throw new FormatException($"'{text}' is not a water class")) : null,
            s.GetProperty("means").EnumerateArray().Select(m => (Item(m.GetProperty("item").GetString()!),
                m.GetProperty("mean").ValueKind == JsonValueKind.Null ? (decimal?)null : m.GetProperty("mean").GetDecimal())).ToArray(),
            s.GetProperty("dataFingerprint").GetString()!)).ToArray());

    private static StandardItem Item(string id) => StandardItems.Find(id) ?? throw new FormatException($"'{id}' is not a GB 3838 item id");

    private static Transfer[] Transfers(JsonElement transfers) => transfers.EnumerateArray().Select(t => new Transfer(
        t.GetProperty("payer").GetString()!, t.GetProperty("payee").GetString()!, t.GetProperty("amount").GetDecimal(),
        Enum.Parse<TransferBasis>(t.GetProperty("basis").GetString()!), t.GetProperty("detail").GetString()!)).ToArray();
}
