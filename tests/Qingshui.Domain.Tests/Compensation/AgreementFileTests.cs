using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Compensation;

public sealed class AgreementFileTests
{
    [Fact]
    public void Presets_AllLoad()
    {
        Assert.Equal(["chishui-2018", "lushui-2019", "xinan-example", "yellow-river-2021"], AgreementPresets.Ids);
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
            "$.period: 'week' is not one of month, year",
            "$.term: 'to' is before 'from'",
            "$.paymentDue: required: {\"month\": 1–12, \"day\": 1–31} of the year after the one settled",
            "$.amount.section: no section 't' in this agreement",
            "$.amount.met: payer and payee must differ",
            "$.amount.notMet.payee: no party 'nobody' in this agreement",
            "$.amount.notMet.amount: an amount in yuan cannot be negative (the direction is given by payer and payee)",
        ], result.Errors.Select(e => e.ToString()));
    }
}
