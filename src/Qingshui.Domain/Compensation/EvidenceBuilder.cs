using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>Builds a section's evidence for a period from its observations: means under the agreement's completeness rules, the assessment, the data fingerprint.</summary>
internal static class EvidenceBuilder
{
    public static SectionEvidence For(Agreement agreement, AgreementSection section, Period period, IReadOnlyList<Observation> observations)
    {
        Observation[] inPeriod = observations
            .Where(o => period.Contains(DateOnly.FromDateTime(o.Time.DateTime)))
            .OrderBy(o => o.Item.Id, StringComparer.Ordinal).ThenBy(o => o.Time).ThenBy(o => o.Value)
            .ToArray();
        PeriodMean[] means = PeriodAggregator.Aggregate(inPeriod, period.Kind, agreement.Completeness)
            .Where(m => m.Period == period)
            .OrderBy(m => m.Item.Table).ThenBy(m => m.Item.Number)
            .ToArray();
        Dictionary<string, decimal> values = means.Where(m => m.Mean is not null).ToDictionary(m => m.Item.Id, m => m.Mean!.Value, StringComparer.Ordinal);
        SectionAssessment assessment = SectionEvaluator.Evaluate(agreement.Rule, values, section.Waterbody);
        return new SectionEvidence(section.Id, period, means, assessment, Fingerprint(inPeriod));
    }

    private static string Fingerprint(Observation[] observations)
    {
        var text = new StringBuilder();
        foreach (Observation o in observations)
        {
            text.Append(CultureInfo.InvariantCulture, $"{o.Item.Id}|{o.Time.ToUnixTimeMilliseconds()}|{o.Value}|{(o.Valid ? 1 : 0)}\n");
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
