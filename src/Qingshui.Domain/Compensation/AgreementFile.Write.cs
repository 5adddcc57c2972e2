using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Compensation;

public static partial class AgreementFile
{
    /// <summary>
    /// The agreement as canonical file text (format <see cref="Format"/>, fixed property order, no comments): what a
    /// ledger records when its books are opened, and what <see cref="Parse"/> reads back to the same agreement.
    /// </summary>
    public static string Write(Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return CanonicalJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("format", Format);
            json.WriteString("id", agreement.Id);
            WriteName(json, agreement.Name);
            json.WriteStartArray("parties");
            foreach (Party party in agreement.Parties)
            {
                json.WriteStartObject();
                json.WriteString("id", party.Id);
                WriteName(json, party.Name);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteSections(json, agreement.Sections);
            json.WriteString("rule", agreement.Rule.Id);
            json.WriteString("period", Periods.First(p => p.Value == agreement.Period).Key);
            json.WriteString("dataSource", agreement.DataSource);
            json.WriteStartObject("completeness");
            json.WriteNumber("minValuesPerDay", agreement.Completeness.MinValuesPerDay);
            json.WriteNumber("minDaysPerMonth", agreement.Completeness.MinDaysPerMonth);
            json.WriteNumber("minMonthsPerQuarter", agreement.Completeness.MinMonthsPerQuarter);
            json.WriteNumber("minMonthsPerYear", agreement.Completeness.MinMonthsPerYear);
            WriteItemCompleteness(json, agreement.ItemCompleteness);
            json.WriteEndObject();
            json.WriteStartObject("term");
            json.WriteString("from", agreement.TermStart.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            json.WriteString("to", agreement.TermEnd.ToString("yyyy-MM", CultureInfo.InvariantCulture));
            json.WriteEndObject();
            json.WriteStartObject("paymentDue");
            json.WriteNumber("month", agreement.PaymentDue.Month);
            json.WriteNumber("day", agreement.PaymentDue.Day);
            json.WriteEndObject();

            // Terms added after round 1 are written only when stated, so books recorded before keep their text.
            if (agreement.StatedUtcOffset is TimeSpan offset)
            {
                json.WriteString("timeZone", TimeZoneText(offset));
            }

            if (agreement.BelowLimit is BelowLimitRule below)
            {
                json.WriteString("belowDetectionLimit", BelowLimitText(below));
            }

            if (agreement.Incidents is IncidentTerm incidents)
            {
                json.WriteStartObject("incidentForfeiture");
                json.WriteString("level", IncidentLevels.Text(incidents.Level));
                json.WriteString("party", incidents.Party);
                if (incidents.Deduction is decimal deduction)
                {
                    json.WriteNumber("deduction", deduction);
                }

                json.WriteEndObject();
            }

            if (agreement.EcologicalFlow is EcologicalFlowTerm flow)
            {
                WriteFlowTerm(json, flow);
            }

            json.WritePropertyName("amount");
            WriteAmount(json, agreement.Amount);
            json.WriteStartArray("notes");
            foreach (string note in agreement.Notes)
            {
                json.WriteStringValue(note);
            }

            json.WriteEndArray();

            // Written only when given, so agreements recorded before Chinese notes existed keep their bytes.
            if (agreement.ChineseNotes.Count > 0)
            {
                json.WriteStartArray("notesZh");
                foreach (string note in agreement.ChineseNotes)
                {
                    json.WriteStringValue(note);
                }

                json.WriteEndArray();
            }

            if (agreement.Unconfirmed.Count > 0)
            {
                json.WriteStartArray("unconfirmed");
                foreach (string term in agreement.Unconfirmed)
                {
                    json.WriteStringValue(term);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        });
    }

    /// <summary><c>+08:00</c>.</summary>
    internal static string TimeZoneText(TimeSpan offset) =>
        string.Create(CultureInfo.InvariantCulture, $"{(offset < TimeSpan.Zero ? '-' : '+')}{Math.Abs(offset.Hours):00}:{Math.Abs(offset.Minutes):00}");

    /// <summary>The file's word for a detection-limit rule.</summary>
    internal static string BelowLimitText(BelowLimitRule rule) => BelowLimitRules.First(r => r.Value == rule).Key;

    /// <summary>The <c>ecologicalFlow</c> object, as the file and the statement's terms carry it.</summary>
    internal static void WriteFlowTerm(Utf8JsonWriter json, EcologicalFlowTerm flow)
    {
        json.WriteStartObject("ecologicalFlow");
        json.WriteString("section", flow.Section);
        json.WriteNumber("minimumFlow", flow.MinimumFlow);
        json.WriteNumber("perDay", flow.PerDay);
        if (flow.Cap is decimal cap)
        {
            json.WriteNumber("cap", cap);
        }

        json.WriteString("payer", flow.Payer);
        json.WriteString("payee", flow.Payee);
        json.WriteEndObject();
    }

    private static void WriteItemCompleteness(Utf8JsonWriter json, IReadOnlyDictionary<string, CompletenessRules> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        json.WriteStartObject("items");
        foreach ((string item, CompletenessRules rules) in items.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject(item);
            json.WriteNumber("minValuesPerDay", rules.MinValuesPerDay);
            json.WriteNumber("minDaysPerMonth", rules.MinDaysPerMonth);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteSections(Utf8JsonWriter json, IReadOnlyList<AgreementSection> sections)
    {
        json.WriteStartArray("sections");
        foreach (AgreementSection section in sections)
        {
            json.WriteStartObject();
            json.WriteString("id", section.Id);
            WriteName(json, section.Name);
            json.WriteString("waterbody", Waterbodies.First(w => w.Value == section.Waterbody).Key);
            json.WriteString("targetClass", Classes.First(c => c.Value == section.TargetClass).Key);
            json.WriteStartArray("stations");
            foreach (string station in section.Stations)
            {
                json.WriteStringValue(station);
            }

            json.WriteEndArray();
            if (section.Source is SectionDataSource source)
            {
                json.WriteStartObject("dataSource");
                json.WriteString("kind", DataSourceKinds.Text(source.Kind));
                json.WriteStartArray("stations");
                foreach (string station in source.Stations)
                {
                    json.WriteStringValue(station);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteAmount(Utf8JsonWriter json, AmountRule amount)
    {
        json.WriteStartObject();
        switch (amount)
        {
            case ClassBasedRule rule:
                json.WriteString("kind", "class-based");
                json.WriteString("section", rule.Section);
                WritePayment(json, "met", rule.Met);
                WritePayment(json, "notMet", rule.NotMet);
                break;
            case ClassTableRule rule:
                json.WriteString("kind", "class-table");
                json.WriteString("section", rule.Section);
                json.WriteStartObject("table");
                foreach ((WaterClass waterClass, Payment payment) in rule.Table.OrderBy(r => r.Key))
                {
                    WritePayment(json, WaterClassText.ToAscii(waterClass), payment);
                }

                json.WriteEndObject();
                break;
            case WeightedSectionsRule rule:
                json.WriteString("kind", "weighted-sections");
                json.WriteStartArray("sections");
                foreach (SectionWeight weight in rule.Weights)
                {
                    json.WriteStartObject();
                    json.WriteString("section", weight.Section);
                    json.WriteNumber("weight", weight.Weight);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                WritePayment(json, "met", rule.Met);
                WritePayment(json, "notMet", rule.NotMet);
                break;
            case ComplianceRateRule rule:
                json.WriteString("kind", "compliance-rate");
                json.WriteString("section", rule.Section);
                json.WriteStartObject("targets");
                foreach ((int year, decimal share) in rule.Targets.OrderBy(t => t.Key))
                {
                    json.WriteNumber(year.ToString(CultureInfo.InvariantCulture), share);
                }

                json.WriteEndObject();
                if (rule.AlsoPeriodMean)
                {
                    json.WriteBoolean("alsoPeriodMean", true);
                }

                WritePayment(json, "met", rule.Met);
                WritePayment(json, "notMet", rule.NotMet);
                break;
            case ClassStepRule rule:
                json.WriteString("kind", "class-steps");
                json.WriteString("section", rule.Section);
                json.WriteString("upstream", rule.Upstream);
                json.WriteString("downstream", rule.Downstream);
                json.WriteNumber("perStep", rule.PerStep);
                json.WriteStartObject("change");
                json.WriteStartArray("items");
                foreach (StandardItem item in rule.KeyItems)
                {
                    json.WriteStringValue(item.Id);
                }

                json.WriteEndArray();
                json.WriteNumber("perPercentPoint", rule.PerPercentPoint);
                json.WriteNumber("cap", rule.ChangeCap);
                if (rule.StatedChange is ChangeTerms change)
                {
                    json.WriteString("index", AmountRuleReader.IndexForms.First(f => f.Value == change.Index).Key);
                    json.WriteString("rounding", AmountRuleReader.Roundings.First(r => r.Value == change.Rounding).Key);
                }

                json.WriteEndObject();
                break;
            case IndexRule rule:
                json.WriteString("kind", "index");
                json.WriteString("section", rule.Section);
                json.WriteString("upstream", rule.Upstream);
                json.WriteString("downstream", rule.Downstream);
                json.WriteNumber("k0", rule.K0);
                json.WriteNumber("threshold", rule.Threshold);
                json.WriteNumber("amount", rule.Amount);
                json.WriteStartArray("terms");
                foreach (IndexTerm term in rule.Terms)
                {
                    json.WriteStartObject();
                    json.WriteString("item", term.Item.Id);
                    json.WriteNumber("weight", term.Weight);
                    json.WriteNumber("baseline", term.Baseline);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
            case PooledFundRule rule:
                json.WriteString("kind", "pooled-fund");
                json.WriteNumber("fund", rule.Fund);
                WriteShares(json, "contributions", rule.Contributions);
                WriteShares(json, "allocations", rule.Allocations);
                json.WriteStartArray("deductions");
                foreach (SectionDeduction deduction in rule.Deductions)
                {
                    json.WriteStartObject();
                    json.WriteString("section", deduction.Section);
                    json.WriteString("party", deduction.Party);
                    json.WriteNumber("fraction", deduction.Fraction);
                    WriteShares(json, "recipients", deduction.Recipients);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                break;
        }

        json.WriteEndObject();
    }

    private static void WritePayment(Utf8JsonWriter json, string name, Payment payment)
    {
        json.WriteStartObject(name);
        json.WriteString("payer", payment.Payer);
        json.WriteString("payee", payment.Payee);
        json.WriteNumber("amount", payment.Amount);
        json.WriteEndObject();
    }

    private static void WriteShares(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, decimal> shares)
    {
        json.WriteStartObject(name);
        foreach ((string party, decimal share) in shares.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(party, share);
        }

        json.WriteEndObject();
    }

    private static void WriteName(Utf8JsonWriter json, LocalizedText name)
    {
        json.WriteStartObject("name");
        json.WriteString("zh", name.Chinese);
        json.WriteString("en", name.English);
        json.WriteEndObject();
    }
}
