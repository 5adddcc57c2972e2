using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>Builds a section's evidence for a period from its observations: means under the agreement's completeness rules, the assessment, the data fingerprint.</summary>
internal static class EvidenceBuilder
{
    /// <summary>The section's evidence, from its own observations or, under a data-source term, from its stations' as the term says.</summary>
    public static SectionEvidence For(Agreement agreement, AgreementSection section, Period period, IReadOnlyDictionary<string, IReadOnlyList<Observation>> observations)
    {
        if (section.Source is not SectionDataSource source)
        {
            return For(agreement, section, period, observations.GetValueOrDefault(section.Id) ?? []);
        }

        // Every station of the section is shown, so a disagreement is seen even when the term names only one.
        string[] shownStations = [.. section.Stations.Union(source.Stations, StringComparer.Ordinal)];
        Dictionary<string, SectionEvidence> each = shownStations.ToDictionary(
            s => s, s => For(agreement, section, period, observations.GetValueOrDefault(s) ?? []), StringComparer.Ordinal);
        StationEvidence[] shown = shownStations.Select(s => new StationEvidence(
            s, each[s].Assessment.Class, each[s].Means.Select(m => (m.Item, m.Mean)).ToArray(), each[s].DataFingerprint)).ToArray();
        SectionEvidence[] named = source.Stations.Select(s => each[s]).ToArray();
        string fingerprint = Hash(string.Join("|", named.Select(e => e.DataFingerprint)));
        switch (source.Kind)
        {
            case DataSourceKind.EqualMean:
                return EqualMean(agreement, section, period, named, fingerprint) with { Source = new SourceEvidence(source.Kind, source.Stations, shown) };
            default:
                // One station, or the first in order whose data give a class (the first when none does).
                int used = source.Kind == DataSourceKind.Station ? 0 : Math.Max(0, Array.FindIndex(named, e => e.Assessment.Class is not null));
                return named[used] with { DataFingerprint = fingerprint, Source = new SourceEvidence(source.Kind, [source.Stations[used]], shown) };
        }
    }

    // Each item's mean is the mean of the stations' period means, every station weighing the same; an item lacking at any station is lacking.
    private static SectionEvidence EqualMean(Agreement agreement, AgreementSection section, Period period, SectionEvidence[] stations, string fingerprint)
    {
        PeriodMean[] means = stations.SelectMany(e => e.Means).GroupBy(m => m.Item)
            .Select(item =>
            {
                PeriodMean[] each = item.ToArray();
                bool complete = each.Length == stations.Length && each.All(m => m.Mean is not null);
                decimal? mean = complete ? PeriodAggregator.Mean(item.Key, each.Select(m => m.Mean!.Value).ToArray()) : null;
                return new PeriodMean(item.Key, period, mean, each.Min(m => m.ValidUnits), each[0].RequiredUnits, each.Sum(m => m.InvalidValues));
            })
            .OrderBy(m => m.Item.Table).ThenBy(m => m.Item.Number)
            .ToArray();
        Dictionary<string, decimal> values = means.Where(m => m.Mean is not null).ToDictionary(m => m.Item.Id, m => m.Mean!.Value, StringComparer.Ordinal);
        (EvaluationRule rule, StandardItem[] notMonitored) = RuleAt(agreement.Rule, section);
        return new SectionEvidence(section.Id, period, means, SectionEvaluator.Evaluate(rule, values, section.Waterbody), fingerprint)
        {
            // Values of all stations; valid days of the weakest station.
            Coverage = stations.SelectMany(e => e.Coverage ?? []).GroupBy(c => c.Item).OrderBy(g => g.Key.Table).ThenBy(g => g.Key.Number)
                .Select(g => new ItemCoverage(g.Key, g.Sum(c => c.ValidValues), g.Sum(c => c.Values), g.Min(c => c.ValidDays), g.First().Days, g.Sum(c => c.BelowLimitValues)))
                .ToArray(),
            NotMonitored = notMonitored,
        };
    }

    private static SectionEvidence For(Agreement agreement, AgreementSection section, Period period, IReadOnlyList<Observation> observations)
    {
        // Days are cut in the agreement's time zone, never in the offset a value happens to carry.
        Observation[] inPeriod = observations
            .Select(o => o with { Time = o.Time.ToOffset(agreement.UtcOffset) })
            .Where(o => period.Contains(DateOnly.FromDateTime(o.Time.DateTime)))
            .OrderBy(o => o.Item.Id, StringComparer.Ordinal).ThenBy(o => o.Time).ThenBy(o => o.Value)
            .ToArray();
        Observation[] counted = inPeriod.Select(o => o.BelowLimit ? o with { Value = BelowLimitValue(agreement.BelowLimit ?? BelowLimitRule.HalfLimit, o.Value) } : o).ToArray();
        PeriodMean[] means = counted.GroupBy(o => o.Item)
            .SelectMany(item => PeriodAggregator.Aggregate(item, period.Kind, agreement.CompletenessOf(item.Key)))
            .Where(m => m.Period == period)
            .OrderBy(m => m.Item.Table).ThenBy(m => m.Item.Number)
            .ToArray();
        Dictionary<string, decimal> values = means.Where(m => m.Mean is not null).ToDictionary(m => m.Item.Id, m => m.Mean!.Value, StringComparer.Ordinal);
        (EvaluationRule rule, StandardItem[] notMonitored) = RuleAt(agreement.Rule, section);
        SectionAssessment assessment = SectionEvaluator.Evaluate(rule, values, section.Waterbody);
        return new SectionEvidence(section.Id, period, means, assessment, Fingerprint(inPeriod))
        {
            Coverage = Coverage(agreement, period, inPeriod), NotMonitored = notMonitored,
        };
    }

    /// <summary>
    /// The rule as it applies at a section: items the section does not monitor (the release's <c>*</c>) are left out;
    /// every other item of the five core ones, TP included, must have a value (a <c>--</c> leaves the period without a
    /// class). Where the basin file lists what a section monitors, every listed item of the rule is required.
    /// </summary>
    internal static (EvaluationRule Rule, StandardItem[] NotMonitored) RuleAt(EvaluationRule rule, AgreementSection section)
    {
        if (section.Monitored is not IReadOnlyList<StandardItem> monitored)
        {
            StandardItem[] required = [.. rule.Required, .. rule.Items.Where(i => i == Gb3838Table1.TotalPhosphorus && !rule.Required.Contains(i))];
            return (rule with { Required = required }, []);
        }

        StandardItem[] notMonitored = rule.Items.Where(i => !monitored.Contains(i)).ToArray();
        StandardItem[] items = rule.Items.Except(notMonitored).ToArray();
        return (rule with { Items = items, Required = items }, notMonitored);
    }

    private static decimal BelowLimitValue(BelowLimitRule rule, decimal limit) => rule switch
    {
        BelowLimitRule.HalfLimit => limit / 2,
        BelowLimitRule.Limit => limit,
        _ => 0m,
    };

    private static ItemCoverage[] Coverage(Agreement agreement, Period period, Observation[] inPeriod) => inPeriod
        .GroupBy(o => o.Item)
        .OrderBy(g => g.Key.Table).ThenBy(g => g.Key.Number)
        .Select(item =>
        {
            Observation[] valid = item.Where(o => o.Valid && o.Value >= 0).ToArray();
            int minPerDay = agreement.CompletenessOf(item.Key).MinValuesPerDay;
            int validDays = valid.GroupBy(o => DateOnly.FromDateTime(o.Time.DateTime)).Count(d => d.Count() >= minPerDay);
            return new ItemCoverage(item.Key, valid.Length, item.Count(), validDays, period.End.DayNumber - period.Start.DayNumber, valid.Count(o => o.BelowLimit));
        })
        .ToArray();

    private static string Fingerprint(Observation[] observations)
    {
        var text = new StringBuilder();
        foreach (Observation o in observations)
        {
            // A below-limit mark is appended only when set, so fingerprints of data without any stay as they were.
            text.Append(CultureInfo.InvariantCulture, $"{o.Item.Id}|{o.Time.ToUnixTimeMilliseconds()}|{o.Value}|{(o.Valid ? 1 : 0)}{(o.BelowLimit ? "|L" : "")}\n");
        }

        return Hash(text.ToString());
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
