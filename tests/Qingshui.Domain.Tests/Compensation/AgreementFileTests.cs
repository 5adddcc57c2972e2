using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Compensation;

public sealed class AgreementFileTests
{
    [Fact]
    public void Presets_AllLoad()
    {
        Assert.Equal(["chishui-2018", "jiuzhou-2018", "lushui-2019", "lushui-round2-example", "xinan-example", "yellow-river-2021"], AgreementPresets.Ids);
        Agreement lushui = AgreementPresets.Load("lushui-2019");
        Assert.Equal((new DateOnly(2019, 7, 1), new DateOnly(2022, 6, 30)), (lushui.TermStart, lushui.TermEnd));
        Assert.Equal(36, new[] { 2019, 2020, 2021, 2022 }.Sum(y => lushui.PeriodsOf(y).Count));
        Assert.IsType<ClassBasedRule>(lushui.Amount);
        Assert.IsType<ClassStepRule>(AgreementPresets.Load("yellow-river-2021").Amount);
        Assert.IsType<PooledFundRule>(AgreementPresets.Load("chishui-2018").Amount);
        Assert.IsType<IndexRule>(AgreementPresets.Load("xinan-example").Amount);
    }

    [Fact]
    public void Parse_FileWithErrors_ReportsEachWithItsPath()
    {
        const string json = """
        {
          "format": "qingshui-agreement/2",
          "id": "x",
          "name": { "zh": "甲", "en": "A" },
          "parties": [ { "id": "up", "name": { "zh": "上", "en": "Up" } }, { "id": "down", "name": { "zh": "下", "en": "Down" } } ],
          "sections": [ { "id": "s", "name": { "zh": "断面", "en": "S" }, "targetClass": "VI" } ],
          "rule": "5+X:XYZ",
          "period": "week",
          "dataSource": "automatic",
          "completeness": { "minValuesPerDay": 0, "items": { "XYZ": { "minDaysPerMonth": 3 }, "TP": { "minDaysPerMonth": 40 } } },
          "timeZone": "UTC+8",
          "belowDetectionLimit": "quarter",
          "unconfirmed": ["paymentDue", "payday", "amount.change.cap", "paymentDue"],
          "term": { "from": "2024-07", "to": "2024-01" },
          "paymentDue": { "month": 13, "day": 1 },
          "amount": { "kind": "class-based", "section": "t", "met": { "payer": "down", "payee": "down", "amount": 1 }, "notMet": { "payer": "up", "payee": "nobody", "amount": -5 } }
        }
        """;

        AgreementFileResult result = AgreementFile.Parse(json);

        Assert.Null(result.Agreement);
        Assert.Equal(
        [
            "$.format: 'qingshui-agreement/2' is not supported; expected 'qingshui-agreement/1'",
            "$.sections[0].targetClass: 'VI' is not one of I, II, III, IV, V",
            "$.rule: 'XYZ' is not a GB 3838 item id (e.g. CODMn, NH3N, TP, COD, BOD5, Cu)",
            "$.period: 'week' is not one of month, quarter, year",
            "$.completeness.minValuesPerDay: must be a whole number from 1 to 1440",
            "$.completeness.minDaysPerMonth: required: the agreement must state it",
            "$.completeness.items.XYZ: 'XYZ' is not a GB 3838 item id",
            "$.completeness.items.TP.minDaysPerMonth: must be a whole number from 1 to 31",
            "$.term: 'to' is before 'from'",
            "$.paymentDue: required: {\"month\": 1–12, \"day\": 1–31} of the year after the one settled",
            "$.amount.section: no section 't' in this agreement",
            "$.amount.met: payer and payee must differ",
            "$.amount.notMet.payee: no party 'nobody' in this agreement",
            "$.amount.notMet.amount: an amount in yuan cannot be negative (the direction is given by payer and payee)",
            "$.timeZone: 'UTC+8' is not a UTC offset like +08:00 (−14:00 to +14:00)",
            "$.unconfirmed[1]: 'payday' does not name a term of the agreement (rule, period, dataSource, completeness, timeZone, belowDetectionLimit, term, paymentDue, amount, sections, incidentForfeiture, ecologicalFlow, or one of their fields like amount.change.cap)",
            "$.unconfirmed[2]: 'amount.change.cap' is marked unconfirmed but the file does not state it",
            "$.unconfirmed[3]: 'paymentDue' is listed twice",
            "$.belowDetectionLimit: 'quarter' is not one of half, limit, zero",
        ], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_WithoutCompleteness_IsRejected_NoDefaultStandsInForIt()
    {
        string text = AgreementPresets.Text("lushui-2019")!;
        string without = text.Remove(text.IndexOf("\"completeness\"", StringComparison.Ordinal), text.IndexOf("\"timeZone\"", StringComparison.Ordinal) - text.IndexOf("\"completeness\"", StringComparison.Ordinal))
            .Replace("\"completeness\", ", "", StringComparison.Ordinal);

        AgreementFileResult result = AgreementFile.Parse(without);

        Assert.Null(result.Agreement);
        Assert.StartsWith("$.completeness: required", Assert.Single(result.Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Presets_StateCompletenessAndTheirUnconfirmedTerms_AndReadBackFromTheirCanonicalText()
    {
        Agreement lushui = AgreementPresets.Load("lushui-2019");
        Assert.True(lushui.Completeness.MinDaysPerMonth > 1);
        Assert.True(lushui.IsUnconfirmed("completeness.minDaysPerMonth"));
        Assert.True(AgreementPresets.Load("yellow-river-2021").IsUnconfirmed("paymentDue"));
        Assert.True(AgreementPresets.Load("chishui-2018").IsUnconfirmed("paymentDue"));
        Assert.False(lushui.IsUnconfirmed("paymentDue"));
        foreach (string id in AgreementPresets.Ids)
        {
            Agreement preset = AgreementPresets.Load(id);
            string canonical = AgreementFile.Write(preset);
            Assert.Equal(canonical, AgreementFile.Write(AgreementFile.Parse(canonical).Agreement!));
            Assert.True(preset.StatesTerms);
            Assert.Equal(TimeSpan.FromHours(8), preset.StatedUtcOffset);
        }
    }

    [Fact]
    public void Parse_PerItemCompletenessTimeZoneAndChangeTerms_RoundTrip()
    {
        string text = AgreementPresets.Text("yellow-river-2021")!
            .Replace("\"minMonthsPerYear\": 8 }", "\"minMonthsPerYear\": 8, \"items\": { \"TP\": { \"minDaysPerMonth\": 2 } } }", StringComparison.Ordinal)
            .Replace("\"timeZone\": \"+08:00\"", "\"timeZone\": \"-03:30\"", StringComparison.Ordinal)
            .Replace("\"index\": \"mean-of-ratios\", \"rounding\": \"whole-points-down\"", "\"index\": \"mean-of-changes\", \"rounding\": \"exact\"", StringComparison.Ordinal);

        Agreement agreement = AgreementFile.Parse(text).Agreement!;

        Assert.Equal(2, agreement.CompletenessOf(Qingshui.Domain.Assessment.Gb3838Table1.TotalPhosphorus).MinDaysPerMonth);
        Assert.Equal(1, agreement.CompletenessOf(Qingshui.Domain.Assessment.Gb3838Table1.AmmoniaNitrogen).MinDaysPerMonth);
        Assert.Equal(new TimeSpan(-3, -30, 0), agreement.UtcOffset);
        Assert.Equal(new ChangeTerms(KeyIndexForm.MeanOfChanges, ChangeRounding.Exact), ((ClassStepRule)agreement.Amount).Change);
        string canonical = AgreementFile.Write(agreement);
        Assert.Contains("\"timeZone\":\"-03:30\"", canonical, StringComparison.Ordinal);
        Assert.Equal(canonical, AgreementFile.Write(AgreementFile.Parse(canonical).Agreement!));
    }
}
