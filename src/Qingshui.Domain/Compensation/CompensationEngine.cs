using System.Globalization;
using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>
/// Computes an agreement's accounts for a year from observations of its sections: evidence per section and period,
/// the class, and the transfers the amount rule gives. Pure: the same observations give the same accounts.
/// </summary>
public static class CompensationEngine
{
    /// <summary>The accounts of every period of <paramref name="year"/> within the agreement's term.</summary>
    /// <param name="agreement">The agreement.</param>
    /// <param name="year">The calendar year.</param>
    /// <param name="observations">
    /// Observations by section id; for a section whose data-source term names stations, by station MN (or data-set id)
    /// instead. Rules comparing with the previous year need that year too.
    /// </param>
    /// <param name="decisions">Decisions recorded for undetermined periods.</param>
    /// <param name="now">
    /// The present, when the year may not be over: periods not yet begun get no account and the period under way is
    /// <see cref="AccountStatus.InProgress"/> (never determined). Without it every period of the year counts as over.
    /// </param>
    /// <param name="incidents">The pollution incidents registered in the agreement's books, for its forfeiture term.</param>
    /// <param name="flows">Flow readings by section id, for the ecological-flow term.</param>
    public static IReadOnlyList<PeriodAccount> Compute(
        Agreement agreement, int year, IReadOnlyDictionary<string, IReadOnlyList<Observation>> observations, IReadOnlyList<Decision>? decisions = null,
        DateTimeOffset? now = null, IReadOnlyList<PollutionIncidentRecord>? incidents = null, IReadOnlyDictionary<string, IReadOnlyList<FlowReading>>? flows = null)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        ArgumentNullException.ThrowIfNull(observations);
        decisions ??= [];
        DateOnly? today = now is DateTimeOffset instant ? agreement.LocalDate(instant) : null;
        var accounts = new List<PeriodAccount>();
        foreach (Period period in agreement.PeriodsOf(year).Where(p => today is null || p.Start <= today))
        {
            if (today < period.End)
            {
                SectionEvidence[] soFar = agreement.Sections.Where(s => Covers(agreement.Amount, s.Id))
                    .Select(s => EvidenceBuilder.For(agreement, s, period, observations)).ToArray();
                accounts.Add(Account(agreement, period, AccountStatus.InProgress, soFar, [], null));
                continue;
            }

            SectionEvidence Evidence(string section, Period p) =>
                EvidenceBuilder.For(agreement, agreement.SectionOf(section), p, observations);
            Decision? decision = decisions.LastOrDefault(d => d.Period == period);
            accounts.Add(IncidentForfeiture.Apply(agreement, incidents ?? [], EcologicalFlow.Apply(agreement, flows ?? new Dictionary<string, IReadOnlyList<FlowReading>>(), agreement.Amount switch
            {
                ClassBasedRule rule => ClassBased(agreement, rule, period, Evidence(rule.Section, period), decision),
                ClassTableRule rule => ClassTable(agreement, rule, period, Evidence(rule.Section, period), decision),
                WeightedSectionsRule rule => WeightedSections(agreement, rule, period, rule.Weights.Select(w => Evidence(w.Section, period)).ToArray(), decision),
                ComplianceRateRule rule => ComplianceRate(agreement, rule, period, Evidence, decision),
                ClassStepRule rule => ClassSteps(agreement, rule, period, Evidence(rule.Section, period), Evidence(rule.Section, Previous(period)), decision),
                IndexRule rule => Index(agreement, rule, period, Evidence(rule.Section, period), decision),
                PooledFundRule rule => Pooled(agreement, rule, period, rule.Deductions.Select(d => Evidence(d.Section, period)).ToArray(), decision),
                _ => throw new InvalidOperationException($"no engine for {agreement.Amount.GetType().Name}"),
            })));
        }

        return accounts;
    }

    private static PeriodAccount ClassBased(Agreement agreement, ClassBasedRule rule, Period period, SectionEvidence evidence, Decision? decision)
    {
        WaterClass target = agreement.SectionOf(rule.Section).TargetClass;
        if (evidence.Assessment.Class is WaterClass c)
        {
            bool met = c <= target;
            Payment payment = met ? rule.Met : rule.NotMet;
            string detail = $"{WaterClassText.ToRoman(c)} {(met ? "≤" : ">")} {WaterClassText.ToRoman(target)}";
            return Account(agreement, period, AccountStatus.Determined, [evidence], [Pay(payment, met ? TransferBasis.TargetMet : TransferBasis.TargetMissed, detail)], null);
        }

        return Undetermined(agreement, period, [evidence], decision, outcome => outcome switch
        {
            DecisionOutcome.TreatAsMet => [Pay(rule.Met, TransferBasis.TargetMet, "decision")],
            DecisionOutcome.TreatAsMissed => [Pay(rule.NotMet, TransferBasis.TargetMissed, "decision")],
            _ => [],
        });
    }

    // The class reached picks its row; a decision "met" pays the target class's row, "missed" the row one class worse.
    private static PeriodAccount ClassTable(Agreement agreement, ClassTableRule rule, Period period, SectionEvidence evidence, Decision? decision)
    {
        WaterClass target = agreement.SectionOf(rule.Section).TargetClass;
        Transfer[] Row(WaterClass c, string detail) =>
            rule.Table[c] is { Amount: > 0 } payment ? [Pay(payment, c <= target ? TransferBasis.TargetMet : TransferBasis.TargetMissed, detail)] : [];
        if (evidence.Assessment.Class is WaterClass reached)
        {
            return Account(agreement, period, AccountStatus.Determined, [evidence], Row(reached, $"class {WaterClassText.ToRoman(reached)} (table row)"), null);
        }

        return Undetermined(agreement, period, [evidence], decision, outcome => outcome switch
        {
            DecisionOutcome.TreatAsMet => Row(target, $"decision: class {WaterClassText.ToRoman(target)}"),
            DecisionOutcome.TreatAsMissed => Row(target + 1, $"decision: class {WaterClassText.ToRoman(target + 1)}"),
            _ => [],
        });
    }

    // The weighted share of sections meeting their own targets scales both payments; any section without a class leaves it open.
    private static PeriodAccount WeightedSections(Agreement agreement, WeightedSectionsRule rule, Period period, SectionEvidence[] evidence, Decision? decision)
    {
        if (evidence.Any(e => e.Assessment.Class is null))
        {
            return decision is null
                ? Account(agreement, period, evidence.All(NoData) ? AccountStatus.NoData : AccountStatus.Undetermined, evidence, [], null)
                : Undetermined(agreement, period, evidence, decision, outcome => outcome switch
                {
                    DecisionOutcome.TreatAsMet => [Pay(rule.Met, TransferBasis.TargetMet, "decision")],
                    DecisionOutcome.TreatAsMissed => [Pay(rule.NotMet, TransferBasis.TargetMissed, "decision")],
                    _ => [],
                });
        }

        decimal total = rule.Weights.Sum(w => w.Weight), attained = 0;
        var parts = new List<string>();
        for (int i = 0; i < rule.Weights.Count; i++)
        {
            WaterClass target = agreement.SectionOf(rule.Weights[i].Section).TargetClass, reached = evidence[i].Assessment.Class!.Value;
            attained += reached <= target ? rule.Weights[i].Weight : 0;
            parts.Add(string.Create(CultureInfo.InvariantCulture,
                $"{rule.Weights[i].Section} {WaterClassText.ToRoman(reached)} {(reached <= target ? "≤" : ">")} {WaterClassText.ToRoman(target)} (weight {rule.Weights[i].Weight / total:0.####})"));
        }

        decimal share = attained / total;
        string detail = string.Create(CultureInfo.InvariantCulture, $"{string.Join(", ", parts)}: {share * 100:0.##} % attained");
        var transfers = new List<Transfer>();
        if (share > 0 && rule.Met.Amount > 0)
        {
            transfers.Add(new Transfer(rule.Met.Payer, rule.Met.Payee, Money.RoundToFen(rule.Met.Amount * share), TransferBasis.TargetMet, detail));
        }

        if (share < 1 && rule.NotMet.Amount > 0)
        {
            transfers.Add(new Transfer(rule.NotMet.Payer, rule.NotMet.Payee, Money.RoundToFen(rule.NotMet.Amount * (1 - share)), TransferBasis.TargetMissed, detail));
        }

        return Account(agreement, period, AccountStatus.Determined, evidence, transfers, null);
    }

    // The months meeting the target over the months classed, against the year's target; too few months classed is undetermined.
    private static PeriodAccount ComplianceRate(Agreement agreement, ComplianceRateRule rule, Period period, Func<string, Period, SectionEvidence> evidenceOf, Decision? decision)
    {
        WaterClass target = agreement.SectionOf(rule.Section).TargetClass;
        SectionEvidence whole = evidenceOf(rule.Section, period);
        SectionEvidence[] months = Enumerable.Range(0, period.Kind == PeriodKind.Year ? 12 : 3)
            .Select(i => evidenceOf(rule.Section, Period.Containing(PeriodKind.Month, period.Start.AddMonths(i)))).ToArray();
        SectionEvidence[] evidence = [whole, .. months];
        int classed = months.Count(m => m.Assessment.Class is not null);
        int required = period.Kind == PeriodKind.Year ? agreement.Completeness.MinMonthsPerYear : agreement.Completeness.MinMonthsPerQuarter;
        var gaps = new List<string>();
        if (classed < required)
        {
            gaps.Add(string.Create(CultureInfo.InvariantCulture, $"compliance rate: {classed} of {months.Length} months classed, {required} needed"));
        }

        if (rule.AlsoPeriodMean && whole.Assessment.Class is null)
        {
            gaps.Add($"the mean of {period} gives no class");
        }

        if (gaps.Count > 0)
        {
            return Undetermined(agreement, period, evidence, decision, outcome => outcome switch
            {
                DecisionOutcome.TreatAsMet => [Pay(rule.Met, TransferBasis.TargetMet, "decision")],
                DecisionOutcome.TreatAsMissed => [Pay(rule.NotMet, TransferBasis.TargetMissed, "decision")],
                _ => [],
            }) with { Gaps = gaps };
        }

        int meeting = months.Count(m => m.Assessment.Class <= target);
        decimal rate = (decimal)meeting / classed, wanted = rule.Targets[period.Start.Year];
        bool met = rate >= wanted && (!rule.AlsoPeriodMean || whole.Assessment.Class <= target);
        string detail = string.Create(CultureInfo.InvariantCulture,
            $"{meeting} of {classed} months at {WaterClassText.ToRoman(target)} or better ({rate * 100:0.##} %) {(rate >= wanted ? "≥" : "<")} {wanted * 100:0.##} %")
            + (rule.AlsoPeriodMean ? $"; {period} mean {WaterClassText.ToRoman(whole.Assessment.Class!.Value)} {(whole.Assessment.Class <= target ? "≤" : ">")} {WaterClassText.ToRoman(target)}" : "");
        return Account(agreement, period, AccountStatus.Determined, evidence, [Pay(met ? rule.Met : rule.NotMet, met ? TransferBasis.TargetMet : TransferBasis.TargetMissed, detail)], null);
    }

    private static PeriodAccount ClassSteps(Agreement agreement, ClassStepRule rule, Period period, SectionEvidence evidence, SectionEvidence previous, Decision? decision)
    {
        WaterClass target = agreement.SectionOf(rule.Section).TargetClass;
        if (evidence.Assessment.Class is not WaterClass c)
        {
            return Undetermined(agreement, period, [evidence, previous], decision, _ => []);
        }

        var transfers = new List<Transfer>();
        int steps = (int)target - (int)c;
        if (steps != 0)
        {
            (string payer, string payee) = steps > 0 ? (rule.Downstream, rule.Upstream) : (rule.Upstream, rule.Downstream);
            transfers.Add(new Transfer(payer, payee, Money.RoundToFen(rule.PerStep * Math.Abs(steps)), TransferBasis.ClassSteps,
                $"{WaterClassText.ToRoman(c)} vs {WaterClassText.ToRoman(target)}: {steps:+0;-0} steps"));
        }

        if (rule.KeyItems.Count == 0)
        {
            return Account(agreement, period, AccountStatus.Determined, [evidence, previous], transfers, null);
        }

        // The change component is part of the amount: when it cannot be computed the account is not determined.
        string? gap = KeyIndexGap(rule, evidence) ?? KeyIndexGap(rule, previous);
        if (gap is not null)
        {
            return decision is null
                ? Account(agreement, period, AccountStatus.Undetermined, [evidence, previous], [], null) with { Gaps = [gap] }
                : Account(agreement, period, AccountStatus.Decided, [evidence, previous], transfers, decision) with { Gaps = [gap] };
        }

        (decimal change, string figures) = Change(rule, evidence, previous);
        decimal points = rule.Change.Rounding switch
        {
            ChangeRounding.WholePointsDown => Math.Truncate(Math.Abs(change)),
            ChangeRounding.WholePointsNearest => Math.Round(Math.Abs(change), 0, MidpointRounding.AwayFromZero),
            _ => Math.Abs(change),
        };
        decimal amount = Math.Min(rule.ChangeCap, points * rule.PerPercentPoint);
        if (amount > 0)
        {
            (string payer, string payee) = change < 0 ? (rule.Downstream, rule.Upstream) : (rule.Upstream, rule.Downstream);
            transfers.Add(new Transfer(payer, payee, Money.RoundToFen(amount), TransferBasis.IndexChange, figures));
        }

        return Account(agreement, period, AccountStatus.Determined, [evidence, previous], transfers, null);
    }

    // Why the key-pollutant index of a period cannot be computed (or serve as a base), or null when it can.
    private static string? KeyIndexGap(ClassStepRule rule, SectionEvidence evidence)
    {
        StandardItem[] lacking = rule.KeyItems.Where(i => evidence.Means.FirstOrDefault(m => m.Item == i)?.Mean is null).ToArray();
        if (lacking.Length > 0)
        {
            return $"change component: the key-pollutant index of {evidence.Period} cannot be computed, no valid mean of {string.Join(", ", lacking.Select(i => i.Id))}";
        }

        if (KeyIndex(rule, evidence) is null)
        {
            return $"change component: a key item of {evidence.Period} has no Class Ⅲ limit to compare with";
        }

        bool zero = rule.Change.Index == KeyIndexForm.MeanOfChanges
            ? rule.KeyItems.Any(i => evidence.Means.First(m => m.Item == i).Mean == 0m)
            : KeyIndex(rule, evidence) == 0m;
        return zero ? $"change component: a key-pollutant value of {evidence.Period} is zero, no percentage change can be taken from it" : null;
    }

    // The year-on-year change in percent (negative: better) under the agreement's form, and the figures behind it.
    private static (decimal Change, string Figures) Change(ClassStepRule rule, SectionEvidence evidence, SectionEvidence previous)
    {
        if (rule.Change.Index == KeyIndexForm.MeanOfChanges)
        {
            decimal Mean(SectionEvidence e, StandardItem i) => e.Means.First(m => m.Item == i).Mean!.Value;
            decimal[] changes = rule.KeyItems.Select(i => (Mean(evidence, i) - Mean(previous, i)) / Mean(previous, i) * 100).ToArray();
            decimal mean = changes.Average();
            return (mean, string.Create(CultureInfo.InvariantCulture,
                $"key-pollutant change, mean of {string.Join(", ", rule.KeyItems.Zip(changes, (i, c) => $"{i.Id} {c:+0.00;-0.00} %"))} = {mean:+0.00;-0.00} %"));
        }

        decimal now = KeyIndex(rule, evidence)!.Value, before = KeyIndex(rule, previous)!.Value;
        decimal change = (now - before) / before * 100;
        return (change, string.Create(CultureInfo.InvariantCulture, $"key-pollutant index {before:0.####} → {now:0.####} ({change:+0.00;-0.00} %)"));
    }

    /// <summary>The key-pollutant index: the mean of each key item's concentration over its Class Ⅲ limit (Qingshui's reading; the agreement's own definition is unconfirmed).</summary>
    private static decimal? KeyIndex(ClassStepRule rule, SectionEvidence evidence)
    {
        decimal sum = 0;
        foreach (StandardItem item in rule.KeyItems)
        {
            if (evidence.Means.FirstOrDefault(m => m.Item == item)?.Mean is not decimal mean || item.Limit.ExceedanceReference is not decimal limit)
            {
                return null;
            }

            sum += mean / limit;
        }

        return sum / rule.KeyItems.Count;
    }

    private static PeriodAccount Index(Agreement agreement, IndexRule rule, Period period, SectionEvidence evidence, Decision? decision)
    {
        decimal p = 0;
        foreach (IndexTerm term in rule.Terms)
        {
            if (evidence.Means.FirstOrDefault(m => m.Item == term.Item)?.Mean is not decimal mean)
            {
                return Undetermined(agreement, period, [evidence], decision, outcome => outcome switch
                {
                    DecisionOutcome.TreatAsMet => [new Transfer(rule.Downstream, rule.Upstream, rule.Amount, TransferBasis.IndexMet, "decision")],
                    DecisionOutcome.TreatAsMissed => [new Transfer(rule.Upstream, rule.Downstream, rule.Amount, TransferBasis.IndexMissed, "decision")],
                    _ => [],
                });
            }

            p += term.Weight * mean / term.Baseline;
        }

        p *= rule.K0;
        bool met = p <= rule.Threshold;
        string detail = string.Create(CultureInfo.InvariantCulture, $"P = {Math.Round(p, 4, MidpointRounding.ToEven):0.####} {(met ? "≤" : ">")} {rule.Threshold:0.####}");
        Transfer transfer = met
            ? new Transfer(rule.Downstream, rule.Upstream, Money.RoundToFen(rule.Amount), TransferBasis.IndexMet, detail)
            : new Transfer(rule.Upstream, rule.Downstream, Money.RoundToFen(rule.Amount), TransferBasis.IndexMissed, detail);
        return Account(agreement, period, AccountStatus.Determined, [evidence], [transfer], null);
    }

    private static PeriodAccount Pooled(Agreement agreement, PooledFundRule rule, Period period, SectionEvidence[] evidence, Decision? decision)
    {
        SectionEvidence[] undetermined = evidence.Where(e => e.Assessment.Class is null).ToArray();
        if (undetermined.Length > 0 && decision is null)
        {
            return Account(agreement, period, evidence.All(NoData) ? AccountStatus.NoData : AccountStatus.Undetermined, evidence, [], null);
        }

        Dictionary<string, decimal> contributions = Split(rule.Fund, rule.Contributions);
        Dictionary<string, decimal> allocations = Split(rule.Fund, rule.Allocations);
        Dictionary<string, decimal> baseAllocations = new(allocations);
        var details = new List<string>();
        for (int i = 0; i < rule.Deductions.Count; i++)
        {
            SectionDeduction deduction = rule.Deductions[i];
            WaterClass target = agreement.SectionOf(deduction.Section).TargetClass;
            bool missed = evidence[i].Assessment.Class is WaterClass c ? c > target : decision?.Outcome == DecisionOutcome.TreatAsMissed;
            if (!missed)
            {
                continue;
            }

            decimal cut = baseAllocations.GetValueOrDefault(deduction.Party) * deduction.Fraction;
            allocations[deduction.Party] = allocations.GetValueOrDefault(deduction.Party) - cut;
            foreach ((string party, decimal share) in Split(cut, deduction.Recipients))
            {
                allocations[party] = allocations.GetValueOrDefault(party) + share;
            }

            details.Add($"{deduction.Section} missed {WaterClassText.ToRoman(target)}: {deduction.Party} −{deduction.Fraction:P0}");
        }

        Dictionary<string, decimal> net = agreement.Parties.ToDictionary(
            p => p.Id, p => allocations.GetValueOrDefault(p.Id) - contributions.GetValueOrDefault(p.Id), StringComparer.Ordinal);
        string detail = details.Count == 0 ? "every section met its target" : string.Join("; ", details);
        AccountStatus status = undetermined.Length > 0 ? AccountStatus.Decided : AccountStatus.Determined;
        return Account(agreement, period, status, evidence, Netting.FromPositions(net, TransferBasis.PooledFund, detail), undetermined.Length > 0 ? decision : null);
    }

    private static Dictionary<string, decimal> Split(decimal total, IReadOnlyDictionary<string, decimal> shares)
    {
        decimal sum = shares.Values.Sum();
        return shares.ToDictionary(s => s.Key, s => sum == 0 ? 0 : total * s.Value / sum, StringComparer.Ordinal);
    }

    private static PeriodAccount Undetermined(Agreement agreement, Period period, SectionEvidence[] evidence, Decision? decision, Func<DecisionOutcome, Transfer[]> decided) =>
        decision is null
            ? Account(agreement, period, NoData(evidence[0]) ? AccountStatus.NoData : AccountStatus.Undetermined, evidence, [], null)
            : Account(agreement, period, AccountStatus.Decided, evidence, decided(decision.Outcome), decision);

    // Not a single value, valid or not, in the period: no data is not "not enough data", and never "no payment".
    private static bool NoData(SectionEvidence evidence) => evidence.Means.Count == 0;

    private static bool Covers(AmountRule amount, string section) => amount switch
    {
        ClassBasedRule r => r.Section == section,
        ClassTableRule r => r.Section == section,
        ComplianceRateRule r => r.Section == section,
        WeightedSectionsRule r => r.Weights.Any(w => w.Section == section),
        ClassStepRule r => r.Section == section,
        IndexRule r => r.Section == section,
        PooledFundRule r => r.Deductions.Any(d => d.Section == section),
        _ => false,
    };

    private static Transfer Pay(Payment payment, TransferBasis basis, string detail) =>
        new(payment.Payer, payment.Payee, Money.RoundToFen(payment.Amount), basis, detail);

    private static PeriodAccount Account(Agreement agreement, Period period, AccountStatus status, SectionEvidence[] evidence, IReadOnlyList<Transfer> transfers, Decision? decision) =>
        new(agreement.Id, period, status, evidence, transfers, decision);

    private static Period Previous(Period period) => Period.Containing(period.Kind, period.Kind == PeriodKind.Year ? period.Start.AddYears(-1) : period.Start.AddMonths(-1));
}
