using System.Globalization;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;

namespace Qingshui.Reporting;

/// <summary>A statement laid out as titled tables, the one layout every export renders.</summary>
internal sealed record ReportTable(string Title, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<ReportCell>> Rows);

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
            s.Accounts.SelectMany(a => (a.Transfers.Count == 0 ? [null] : a.Transfers.Select(t => (Transfer?)t)).Select(t => (IReadOnlyList<ReportCell>)
            [
                a.Period.ToString(), ClassText(a.Class), T(a.Status.ToString()), t is null ? "" : Party(t.Payer), t is null ? "" : Party(t.Payee),
                t is null ? "" : ReportCell.Yuan(t.Amount), t is null ? "" : $"{T(t.Basis.ToString())} ({t.Detail})", Evidence(s, a, l), string.Join(" ", a.Evidence.Select(e => e.DataFingerprint)),
                State(s, a.Period, l),
            ])).ToArray());
        var adjustments = new ReportTable(T("adjustments"),
            [T("corrected"), T("appliedIn"), T("before"), T("after"), T("payer"), T("payee"), T("amount")],
            s.Adjustments.SelectMany(a => a.Transfers.Select(t => (IReadOnlyList<ReportCell>)
            [
                a.Corrected.ToString(), a.AppliedIn.ToString(), ClassText(a.Before.Class), ClassText(a.After.Class), Party(t.Payer), Party(t.Payee), ReportCell.Yuan(t.Amount),
            ])).ToArray());
        string standing = s.Provisional ? T("provisional") : T("final");
        // Chinese statements also write the amount in capitals (大写金额), as payment orders need it; the direction is payer
        // to payee, never a sign.
        bool capitals = l == Language.Chinese;
        var net = new ReportTable(T("net"), capitals ? [T("payer"), T("payee"), T("amount"), T("capitals"), T("standing")] : [T("payer"), T("payee"), T("amount"), T("standing")],
            s.Net.Count == 0
                ? [capitals ? [T("none"), "", ReportCell.Yuan(0), ChineseCapitals.Of(0), standing] : [T("none"), "", ReportCell.Yuan(0), standing]]
                : s.Net.Select(t => (IReadOnlyList<ReportCell>)(capitals
                    ? [Party(t.Payer), Party(t.Payee), ReportCell.Yuan(t.Amount), ChineseCapitals.Of(t.Amount), standing]
                    : [Party(t.Payer), Party(t.Payee), ReportCell.Yuan(t.Amount), standing])).ToArray());
        var proposals = new ReportTable(T("proposals"),
            [T("corrected"), T("appliedIn"), T("before"), T("after"), T("payer"), T("payee"), T("amount"), T("confirmedBy")],
            s.Proposals.SelectMany(p => p.Adjustment.Transfers.Select(t => (IReadOnlyList<ReportCell>)
            [
                p.Adjustment.Corrected.ToString(), p.Adjustment.AppliedIn.ToString(), ClassText(p.Adjustment.Before.Class), ClassText(p.Adjustment.After.Class),
                Party(t.Payer), Party(t.Payee), ReportCell.Yuan(t.Amount),
                string.Join(", ", p.ConfirmedBy.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{Party(c.Key)}: {c.Value}")),
            ])).ToArray());
        var notes = new ReportTable(T("notes"), [T("notes")], s.Agreement.NotesIn(Code(l)).Select(n => (IReadOnlyList<ReportCell>)[n]).ToArray());

        // Statements of books recorded before the terms were printed keep their layout (the guide and the signature
        // blocks follow it: they are outside the hash).
        if (!s.Agreement.StatesTerms)
        {
            return [accounts, adjustments, proposals, net, notes, Guide(l), Signatures(s, l)];
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

        tables.AddRange([notes, Terms(s.Agreement, l), Guide(l), Signatures(s, l)]);
        return tables;
    }

    public static string Code(Language l) => l == Language.English ? "en" : "zh";

    private static string Amount(decimal yuan) => yuan.ToString("#,##0.00", CultureInfo.InvariantCulture);

    private static string ClassText(WaterClass? c) => c is WaterClass value ? WaterClassText.ToRoman(value) : "—";

    private static string Evidence(Statement statement, PeriodAccount account, Language l) => string.Join("; ", account.Evidence.Select(e =>
        $"{statement.Agreement.SectionOf(e.Section).Name.In(Code(l))}: " + string.Join(", ", e.Means.Where(m => m.Item.Limit.Kind != LimitKind.None).Select(m =>
            string.Create(CultureInfo.InvariantCulture, $"{m.Item.Id} {(m.Mean is decimal v ? StatisticalRounding.MeanText(m.Item, v) : "—")} ({m.ValidUnits}/{m.RequiredUnits})")))
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
                string Text(decimal? v) => v is decimal d ? StatisticalRounding.MeanText(item, d) : "—";
                string spread = means.All(m => m is not null) ? Text(means.Max()!.Value - means.Min()!.Value) : "—";
                return (IReadOnlyList<ReportCell>)
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
            s.Payments.Select(p => (IReadOnlyList<ReportCell>)
            [
                Party(p.Payer), Party(p.Payee), ReportCell.Yuan(p.Owed), ReportCell.Yuan(p.Paid),
                string.Join("; ", p.Instalments.Select(i => $"{i.PaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {Amount(i.Amount)} ({i.Reference})")),
                ReportCell.Yuan(p.Outstanding), due, ReportText.Get(p.Code, l),
            ]).ToArray());
    }

    // The terms the statement follows, each marked sourced or unconfirmed.
    private static ReportTable Terms(Agreement a, Language l)
    {
        string T(string id) => ReportText.Get(id, l);
        string Mark(string term) => a.IsUnconfirmed(term) ? T("unconfirmed") : T("sourced");
        string Completeness(Qingshui.Domain.Assessment.CompletenessRules c) => string.Create(CultureInfo.InvariantCulture, $"{c.MinValuesPerDay} / {c.MinDaysPerMonth}");
        var rows = new List<IReadOnlyList<ReportCell>>
        {
            new ReportCell[] { T("timeZone"), string.Create(CultureInfo.InvariantCulture, $"UTC{(a.UtcOffset < TimeSpan.Zero ? '-' : '+')}{Math.Abs(a.UtcOffset.Hours):00}:{Math.Abs(a.UtcOffset.Minutes):00}"), Mark("timeZone") },
            new ReportCell[] { T("dataSource"), a.DataSource, Mark("dataSource") },
            new ReportCell[] { T("completeness"), Completeness(a.Completeness) + string.Concat(a.ItemCompleteness.OrderBy(i => i.Key, StringComparer.Ordinal)
                .Select(i => $"; {i.Key} {Completeness(i.Value)}")), Mark("completeness.minDaysPerMonth") },
            new ReportCell[] { T("belowDetectionLimit"), T(a.BelowLimit switch { BelowLimitRule.Limit => "limit", BelowLimitRule.Zero => "zero", _ => "half" }), Mark("belowDetectionLimit") },
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

    // How to read the figures: what "(valid/required)" counts, and the fingerprints and hash.
    private static ReportTable Guide(Language l) => new(ReportText.Get("guide", l), [ReportText.Get("item", l), ReportText.Get("meaning", l)],
        [
            [ReportText.Get("validRequired", l), ReportText.Get("validRequiredMeaning", l)],
            [ReportText.Get("fingerprint", l), ReportText.Get("fingerprintMeaning", l)],
            [ReportText.Get("hash", l), ReportText.Get("hashMeaning", l)],
        ]);

    // 签章栏: one block per party, with who confirmed the year's periods for it and when, and room to sign and seal.
    private static ReportTable Signatures(Statement s, Language l)
    {
        string T(string id) => ReportText.Get(id, l);
        string Day(DateTimeOffset? at) => at is DateTimeOffset t ? s.Agreement.LocalDate(t).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";
        int periods = s.Agreement.PeriodsOf(s.Year).Count;
        return new ReportTable(T("signatures"), [T("party"), T("confirmedBy"), T("periodsConfirmed"), T("lastConfirmed"), T("settledOn"), T("signature"), T("seal")],
            s.Agreement.Parties.Select(p =>
            {
                PartySignature? signed = s.Signatures.FirstOrDefault(x => x.Party == p.Id);
                return (IReadOnlyList<ReportCell>)
                [
                    p.Name.In(Code(l)), signed is { ConfirmedBy.Count: > 0 } ? string.Join(", ", signed.ConfirmedBy) : "—",
                    string.Create(CultureInfo.InvariantCulture, $"{signed?.Periods ?? 0}/{periods}"), Day(signed?.LastConfirmed), Day(signed?.Settled), "", "",
                ];
            }).ToArray());
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
