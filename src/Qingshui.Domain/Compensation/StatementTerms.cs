using System.Text.Json;
using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>
/// The terms a statement prints beside its accounts, inside its content hash: the time zone periods are cut in, the
/// data source, completeness (per item where it differs), how below-limit values enter means, the change component's
/// form, rounding and cap, the amount table by class, and which terms no source gives (unconfirmed).
/// </summary>
internal static class StatementTerms
{
    public static void Write(Utf8JsonWriter json, Agreement agreement)
    {
        json.WriteStartObject("terms");
        json.WriteString("timeZone", AgreementFile.TimeZoneText(agreement.UtcOffset));
        json.WriteString("dataSource", agreement.DataSource);
        json.WriteStartObject("completeness");
        WriteCompleteness(json, agreement.Completeness);
        json.WriteNumber("minMonthsPerQuarter", agreement.Completeness.MinMonthsPerQuarter);
        json.WriteNumber("minMonthsPerYear", agreement.Completeness.MinMonthsPerYear);
        json.WriteStartObject("items");
        foreach ((string item, CompletenessRules rules) in agreement.ItemCompleteness.OrderBy(i => i.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject(item);
            WriteCompleteness(json, rules);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("belowDetectionLimit", AgreementFile.BelowLimitText(agreement.BelowLimit ?? BelowLimitRule.HalfLimit));
        if (agreement.Amount is ClassStepRule rule)
        {
            json.WriteStartObject("change");
            json.WriteStartArray("items");
            foreach (StandardItem item in rule.KeyItems)
            {
                json.WriteStringValue(item.Id);
            }

            json.WriteEndArray();
            json.WriteString("index", AmountRuleReader.IndexForms.First(f => f.Value == rule.Change.Index).Key);
            json.WriteString("rounding", AmountRuleReader.Roundings.First(r => r.Value == rule.Change.Rounding).Key);
            json.WriteNumber("perPercentPoint", rule.PerPercentPoint);
            json.WriteNumber("cap", rule.ChangeCap);
            json.WriteEndObject();
        }

        if (agreement.Incidents is IncidentTerm incidents)
        {
            json.WriteStartObject("incidentForfeiture");
            json.WriteString("level", IncidentLevels.Text(incidents.Level));
            json.WriteString("party", incidents.Party);
            json.WriteString("effect", incidents.Deduction is null ? "forfeit" : "deduct");
            if (incidents.Deduction is decimal deduction)
            {
                json.WriteNumber("deduction", deduction);
            }

            json.WriteEndObject();
        }

        if (agreement.EcologicalFlow is EcologicalFlowTerm flow)
        {
            AgreementFile.WriteFlowTerm(json, flow);
        }

        if (agreement.Amount is WeightedSectionsRule weighted)
        {
            json.WriteStartArray("weightedSections");
            foreach (SectionWeight weight in weighted.Weights)
            {
                json.WriteStartObject();
                json.WriteString("section", weight.Section);
                json.WriteNumber("weight", weight.Weight);
                json.WriteString("targetClass", WaterClassText.ToAscii(agreement.SectionOf(weight.Section).TargetClass));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (agreement.Amount is ComplianceRateRule rate)
        {
            json.WriteStartObject("complianceRate");
            json.WriteString("period", agreement.Period == PeriodKind.Quarter ? "quarter" : "year");
            json.WriteStartObject("targets");
            foreach ((int year, decimal share) in rate.Targets.OrderBy(t => t.Key))
            {
                json.WriteNumber(year.ToString(System.Globalization.CultureInfo.InvariantCulture), share);
            }

            json.WriteEndObject();
            json.WriteBoolean("alsoPeriodMean", rate.AlsoPeriodMean);
            json.WriteEndObject();
        }

        if (agreement.Amount is ClassTableRule table)
        {
            json.WriteStartObject("classTable");
            foreach ((WaterClass waterClass, Payment payment) in table.Table.OrderBy(r => r.Key))
            {
                json.WriteStartObject(WaterClassText.ToAscii(waterClass));
                json.WriteString("payer", payment.Payer);
                json.WriteString("payee", payment.Payee);
                json.WriteNumber("amount", payment.Amount);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        if (agreement.Sections.Any(s => s.Source is not null))
        {
            json.WriteStartArray("dataSources");
            foreach (AgreementSection section in agreement.Sections.Where(s => s.Source is not null))
            {
                json.WriteStartObject();
                json.WriteString("section", section.Id);
                json.WriteString("kind", DataSourceKinds.Text(section.Source!.Kind));
                json.WriteStartArray("stations");
                foreach (string station in section.Source.Stations)
                {
                    json.WriteStringValue(station);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteStartArray("unconfirmed");
        foreach (string term in agreement.Unconfirmed)
        {
            json.WriteStringValue(term);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteCompleteness(Utf8JsonWriter json, CompletenessRules rules)
    {
        json.WriteNumber("minValuesPerDay", rules.MinValuesPerDay);
        json.WriteNumber("minDaysPerMonth", rules.MinDaysPerMonth);
    }
}
