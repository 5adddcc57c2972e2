using System.Globalization;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;

namespace Qingshui.Reporting;

/// <summary>A statement laid out as titled tables, the one layout every export renders.</summary>
internal sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>Builds the tables of a statement in a language.</summary>
internal static class StatementTables
{
    public static IReadOnlyList<(string Label, string Value)> Header(Statement s, Language l) =>
    [
        (ReportText.Get("statement", l), s.Agreement.Name.In(Code(l))),
        (ReportText.Get("year", l), s.Year.ToString(CultureInfo.InvariantCulture)),
        (ReportText.Get("due", l), s.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            + (s.Agreement.IsUnconfirmed("paymentDue") ? " " + ReportText.Get("unconfirmed", l) : "")),
        (ReportText.Get("hash", l), s.ContentHash),
        (ReportText.Get("standing", l), Standing(s, l)),
    ];

    /// <summary>Final, or provisional with every reason (periods named).</summary>
    public static string Standing(Statement s, Language l) => !s.Provisional
        ? ReportText.Get("final", l)
        : ReportText.Get("provisional", l) + ": " + string.Join("; ", s.Reasons.Select(r => r.Period is Period p ? $"{p} {ReportText.Get(r.Code, l)}" : ReportText.Get(r.Code, l)));

    public static IReadOnlyList<ReportTable> Tables(Statement s, Language l)
    {
        string T(string id) => ReportText.Get(id, l);
        string Party(string id) => s.Agreement.PartyOf(id).Name.In(Code(l));
        var accounts = new ReportTable(T("accounts"),
            [T("period"), T("class"), T("status"), T("payer"), T("payee"), T("amount"), T("basis"), T("evidence"), T("fingerprint"), T("state")],
            s.Accounts.SelectMany(a => (a.Transfers.Count == 0 ? [null] : a.Transfers.Select(t => (Transfer?)t)).Select(t => (IReadOnlyList<string>)
            [
                a.Period.ToString(), ClassText(a.Class), T(a.Status.ToString()), t is null ? "" : Party(t.Payer), t is null ? "" : Party(t.Payee),
                t is null ? "" : Amount(t.Amount), t is null ? "" : $"{T(t.Basis.ToString())} ({t.Detail})", Evidence(s, a, l), string.Join(" ", a.Evidence.Select(e => e.DataFingerprint)),
                State(s, a.Period, l),
            ])).ToArray());
        var adjustments = new ReportTable(T("adjustments"),
            [T("corrected"), T("appliedIn"), T("before"), T("after"), T("payer"), T("payee"), T("amount")],
            s.Adjustments.SelectMany(a => a.Transfers.Select(t => (IReadOnlyList<string>)
            [
                a.Corrected.ToString(), a.AppliedIn.ToString(), ClassText(a.Before.Class), ClassText(a.After.Class), Party(t.Payer), Party(t.Payee), Amount(t.Amount),
            ])).ToArray());
        string standing = s.Provisional ? T("provisional") : T("final");
        var net = new ReportTable(T("net"), [T("payer"), T("payee"), T("amount"), T("standing")],
            s.Net.Count == 0
                ? [[T("none"), "", "0.00", standing]]
                : s.Net.Select(t => (IReadOnlyList<string>)[Party(t.Payer), Party(t.Payee), $"{Amount(t.Amount)} ({Money.ToChinese(t.Amount)})", standing]).ToArray());
        var proposals = new ReportTable(T("proposals"),
            [T("corrected"), T("appliedIn"), T("before"), T("after"), T("payer"), T("payee"), T("amount"), T("confirmedBy")],
            s.Proposals.SelectMany(p => p.Adjustment.Transfers.Select(t => (IReadOnlyList<string>)
            [
                p.Adjustment.Corrected.ToString(), p.Adjustment.AppliedIn.ToString(), ClassText(p.Adjustment.Before.Class), ClassText(p.Adjustment.After.Class),
                Party(t.Payer), Party(t.Payee), Amount(t.Amount),
                string.Join(", ", p.ConfirmedBy.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{Party(c.Key)}: {c.Value}")),
            ])).ToArray());
        var notes = new ReportTable(T("notes"), [T("notes")], s.Agreement.Notes.Select(n => (IReadOnlyList<string>)[n]).ToArray());

        // Statements of books recorded before the terms were printed keep their layout.
        if (!s.Agreement.StatesTerms)
        {
            return [accounts, adjustments, proposals, net, notes];
        }

        var tables = new List<ReportTable> { accounts };
        if (s.Accounts.Any(a => a.Evidence.Any(e => e.Source is not null)))
        {
            tables.Add(Stations(s, l));
        }

        tables.AddRange([adjustments, proposals, net]);
        if (s.Payments.Count > 0)
        {
            tables.Add(Payments(s, l));
        }

        tables.AddRange([notes, Terms(s.Agreement, l)]);
        return tables;
    }

    public static string Code(Language l) => l == Language.English ? "en" : "zh";

    private static string Amount(decimal yuan) => yuan.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string ClassText(WaterClass? c) => c is WaterClass value ? WaterClassText.ToRoman(value) : "—";

    private static string Evidence(Statement statement, PeriodAccount account, Language l) => string.Join("; ", account.Evidence.Select(e =>
        $"{statement.Agreement.SectionOf(e.Section).Name.In(Code(l))}: " + string.Join(", ", e.Means.Where(m => m.Item.Limit.Kind != LimitKind.None).Select(m =>
            string.Create(CultureInfo.InvariantCulture, $"{m.Item.Id} {(m.Mean is decimal v ? StatisticalRounding.RoundForAssessment(m.Item, v).ToString(CultureInfo.InvariantCulture) : "—")} ({m.ValidUnits}/{m.RequiredUnits})")))
        + Coverage(e, l)))
        + (account.Gaps.Count > 0 ? $"; {ReportText.Get("gaps", l)}: {string.Join("; ", account.Gaps)}" : "");

    // Valid days of days and valid values per item, and items the section does not monitor (absent from older records).
    private static string Coverage(SectionEvidence e, Language l) =>
        (e.Coverage is { Count: > 0 } coverage
            ? $"; {ReportText.Get("coverage", l)}: " + string.Join(", ", coverage.Select(c => string.Create(CultureInfo.InvariantCulture,
                $"{c.Item.Id} {c.ValidDays}/{c.Days}, {c.ValidValues}{(c.BelowLimitValues > 0 ? $" ({c.BelowLimitValues} <DL)" : "")}")))
            : "")
        + (e.NotMonitored.Count > 0 ? $"; {ReportText.Get("notMonitored", l)}: {string.Join(", ", e.NotMonitored.Select(i => i.Id))}" : "");

    // Every station's own mean per period and item, side by side, with the spread between them and the stations used.
    private static ReportTable Stations(Statement s, Language l) => new(ReportText.Get("stations", l),
        [ReportText.Get("period", l), ReportText.Get("item", l), ReportText.Get("stationMeans", l), ReportText.Get("difference", l), ReportText.Get("used", l)],
        s.Accounts.SelectMany(a => a.Evidence.Where(e => e.Source is not null).SelectMany(e => e.Source!.Stations.SelectMany(st => st.Means.Select(m => m.Item)).Distinct()
            .Select(item =>
            {
                decimal?[] means = e.Source!.Stations.Select(st => st.Means.FirstOrDefault(m => m.Item == item).Mean).ToArray();
                string Text(decimal? v) => v is decimal d ? StatisticalRounding.RoundForAssessment(item, d).ToString(CultureInfo.InvariantCulture) : "—";
                string spread = means.All(m => m is not null) ? Text(means.Max()!.Value - means.Min()!.Value) : "—";
                return (IReadOnlyList<string>)
                [
                    e.Period.ToString(), item.Id,
                    string.Join(" | ", e.Source.Stations.Zip(means, (st, m) => $"{st.Station} {Text(m)} ({ClassText(st.Class)})")), spread, string.Join(", ", e.Source.Used),
                ];
            }))).ToArray());

    // Per pair: owed, paid (each instalment with its day and reference), outstanding, and the state against the due date.
    private static ReportTable Payments(Statement s, Language l)
    {
        string Party(string id) => s.Agreement.PartyOf(id).Name.In(Code(l));
        string due = s.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (s.Agreement.IsUnconfirmed("paymentDue") ? " " + ReportText.Get("unconfirmed", l) : "");
        return new ReportTable(ReportText.Get("payments", l),
            [ReportText.Get("payer", l), ReportText.Get("payee", l), ReportText.Get("owed", l), ReportText.Get("paid", l), ReportText.Get("instalments", l),
                ReportText.Get("outstanding", l), ReportText.Get("due", l), ReportText.Get("standing", l)],
            s.Payments.Select(p => (IReadOnlyList<string>)
            [
                Party(p.Payer), Party(p.Payee), Amount(p.Owed), Amount(p.Paid),
                string.Join("; ", p.Instalments.Select(i => $"{i.PaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {Amount(i.Amount)} ({i.Reference})")),
                Amount(p.Outstanding), due, ReportText.Get(p.Code, l),
            ]).ToArray());
    }

    // The terms the statement follows, each marked sourced or unconfirmed.
    private static ReportTable Terms(Agreement a, Language l)
    {
        string T(string id) => ReportText.Get(id, l);
        string Mark(string term) => a.IsUnconfirmed(term) ? T("unconfirmed") : T("sourced");
        string Completeness(Qingshui.Domain.Assessment.CompletenessRules c) => string.Create(CultureInfo.InvariantCulture, $"{c.MinValuesPerDay} / {c.MinDaysPerMonth}");
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { T("timeZone"), string.Create(CultureInfo.InvariantCulture, $"UTC{(a.UtcOffset < TimeSpan.Zero ? '-' : '+')}{Math.Abs(a.UtcOffset.Hours):00}:{Math.Abs(a.UtcOffset.Minutes):00}"), Mark("timeZone") },
            new[] { T("dataSource"), a.DataSource, Mark("dataSource") },
            new[] { T("completeness"), Completeness(a.Completeness) + string.Concat(a.ItemCompleteness.OrderBy(i => i.Key, StringComparer.Ordinal)
                .Select(i => $"; {i.Key} {Completeness(i.Value)}")), Mark("completeness.minDaysPerMonth") },
            new[] { T("belowDetectionLimit"), T(a.BelowLimit switch { BelowLimitRule.Limit => "limit", BelowLimitRule.Zero => "zero", _ => "half" }), Mark("belowDetectionLimit") },
        };
        if (a.Amount is ClassStepRule rule)
        {
            rows.Add([T("change"), string.Create(CultureInfo.InvariantCulture,
                $"{string.Join("+", rule.KeyItems.Select(i => i.Id))}: {rule.Change.Index}, {rule.Change.Rounding}, {Amount(rule.PerPercentPoint)}/pt, cap {Amount(rule.ChangeCap)}"),
                a.IsUnconfirmed("amount.change.index") || a.IsUnconfirmed("amount.change.rounding") || a.IsUnconfirmed("amount.change.cap") ? T("unconfirmed") : T("sourced")]);
        }

        if (a.Incidents is IncidentTerm incidents)
        {
            rows.Add([T("incidentForfeiture"), string.Create(CultureInfo.InvariantCulture,
                $"≥ {IncidentLevels.Roman(incidents.Level)}: {a.PartyOf(incidents.Party).Name.In(Code(l))} {(incidents.Deduction is decimal d ? $"−{Amount(d)}" : T("forfeit"))}"),
                Mark("incidentForfeiture")]);
        }

        if (a.EcologicalFlow is EcologicalFlowTerm flow)
        {
            rows.Add([T("ecologicalFlow"), string.Create(CultureInfo.InvariantCulture,
                $"{a.SectionOf(flow.Section).Name.In(Code(l))} < {flow.MinimumFlow:0.###} m³/s: {Amount(flow.PerDay)}/d{(flow.Cap is decimal cap ? $", ≤ {Amount(cap)}" : "")}"),
                Mark("ecologicalFlow")]);
        }

        if (a.Amount is WeightedSectionsRule weighted)
        {
            rows.Add([T("weightedSections"), string.Join("; ", weighted.Weights.Select(w => string.Create(CultureInfo.InvariantCulture,
                $"{a.SectionOf(w.Section).Name.In(Code(l))} {w.Weight:0.####} (≤ {WaterClassText.ToRoman(a.SectionOf(w.Section).TargetClass)})"))), Mark("amount.sections")]);
        }

        if (a.Amount is ComplianceRateRule rate)
        {
            rows.Add([T("complianceRate"), string.Join("; ", rate.Targets.OrderBy(t => t.Key).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key}: ≥ {t.Value * 100:0.##} %")))
                + (rate.AlsoPeriodMean ? $"; {T("alsoPeriodMean")}" : ""), Mark("amount.targets")]);
        }

        if (a.Amount is ClassTableRule table)
        {
            rows.Add([T("classTable"), string.Join("; ", table.Table.OrderBy(r => r.Key).Select(r =>
                $"{WaterClassText.ToRoman(r.Key)}: {a.PartyOf(r.Value.Payer).Name.In(Code(l))} → {a.PartyOf(r.Value.Payee).Name.In(Code(l))} {Amount(r.Value.Amount)}")),
                Mark("amount.table")]);
        }

        rows.Add([T("paymentDue"), string.Create(CultureInfo.InvariantCulture, $"{a.PaymentDue.Month:00}-{a.PaymentDue.Day:00}"), Mark("paymentDue")]);
        return new ReportTable(T("terms"), [T("term"), T("value"), T("confidence")], rows);
    }

    private static string State(Statement s, Period period, Language l)
    {
        PeriodStatus? status = s.States.FirstOrDefault(x => x.Period == period);
        if (status is null)
        {
            return "";
        }

        string who = string.Join(", ", status.ConfirmedBy.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{s.Agreement.PartyOf(c.Key).Name.In(Code(l))}: {c.Value}"));
        return who.Length == 0 ? ReportText.Get(status.State.ToString(), l) : $"{ReportText.Get(status.State.ToString(), l)} ({who})";
    }
}
