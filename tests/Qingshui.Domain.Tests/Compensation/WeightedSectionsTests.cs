using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Tests.Compensation;

/// <summary>Several sections with weights and their own targets; partial attainment scales the payments.</summary>
public sealed class WeightedSectionsTests
{
    private const string Text = """
        {
          "format": "qingshui-agreement/1", "id": "two-sections", "name": { "zh": "两断面", "en": "Two sections" },
          "parties": [ { "id": "up", "name": { "zh": "上游", "en": "Upstream" } }, { "id": "down", "name": { "zh": "下游", "en": "Downstream" } } ],
          "sections": [
            { "id": "a", "name": { "zh": "甲", "en": "A" }, "targetClass": "II" },
            { "id": "b", "name": { "zh": "乙", "en": "B" }, "targetClass": "III" }
          ],
          "rule": "5+X", "period": "month", "dataSource": "test",
          "completeness": { "minValuesPerDay": 1, "minDaysPerMonth": 20 },
          "term": { "from": "2020-01", "to": "2020-12" }, "paymentDue": { "month": 4, "day": 30 },
          "amount": {
            "kind": "weighted-sections",
            "sections": [ { "section": "a", "weight": 3 }, { "section": "b", "weight": 2 } ],
            "met": { "payer": "down", "payee": "up", "amount": 1000000 },
            "notMet": { "payer": "up", "payee": "down", "amount": 500000 }
          }
        }
        """;

    private static readonly Agreement TwoSections = AgreementFile.Parse(Text).Agreement!;

    private static PeriodAccount March(WaterClass a, WaterClass? b) =>
        CompensationEngine.Compute(TwoSections, 2020, new Dictionary<string, IReadOnlyList<Observation>>
        {
            ["a"] = CompensationData.Month(2020, 3, a).ToList(),
            ["b"] = b is WaterClass c ? CompensationData.Month(2020, 3, c).ToList() : [],
        })[2];

    [Fact]
    public void OneSectionOfTwoMeetingItsOwnTarget_PaysItsWeightOfMet_AndTheRestOfNotMet()
    {
        // Class Ⅲ meets b's target (Ⅲ) but not a's (Ⅱ): 40 % attained.
        PeriodAccount account = March(WaterClass.III, WaterClass.III);

        Assert.Equal(
            [("down", "up", 400_000m, TransferBasis.TargetMet), ("up", "down", 300_000m, TransferBasis.TargetMissed)],
            account.Transfers.Select(t => (t.Payer, t.Payee, t.Amount, t.Basis)));
        Assert.Equal("a Ⅲ > Ⅱ (weight 0.6), b Ⅲ ≤ Ⅲ (weight 0.4): 40 % attained", account.Transfers[0].Detail);
    }

    [Fact]
    public void EverySectionMeetingItsTarget_PaysTheWholeMetAmount()
    {
        PeriodAccount account = March(WaterClass.II, WaterClass.III);

        Assert.Equal(("down", "up", 1_000_000m), (Assert.Single(account.Transfers).Payer, account.Transfers[0].Payee, account.Transfers[0].Amount));
    }

    [Fact]
    public void ASectionWithoutData_LeavesThePeriodUndetermined()
    {
        PeriodAccount account = March(WaterClass.II, null);

        Assert.Equal(AccountStatus.Undetermined, account.Status);
        Assert.Empty(account.Transfers);
    }

    [Fact]
    public void StatementAndCanonicalText_CarryTheWeights()
    {
        string canonical = AgreementFile.Write(TwoSections);
        Assert.Equal(canonical, AgreementFile.Write(AgreementFile.Parse(canonical).Agreement!));
        Agreement stated = AgreementFile.Parse(Text.Replace("\"dataSource\": \"test\",", "\"dataSource\": \"test\", \"timeZone\": \"+08:00\",", StringComparison.Ordinal)).Agreement!;
        Statement statement = Statement.FromAccounts(stated, 2020, CompensationEngine.Compute(stated, 2020, new Dictionary<string, IReadOnlyList<Observation>>()));
        Assert.Contains("\"weightedSections\":[{\"section\":\"a\",\"weight\":3,\"targetClass\":\"II\"},{\"section\":\"b\",\"weight\":2,\"targetClass\":\"III\"}]",
            statement.Json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"weight\": 2 }", "\"weight\": 0 }", "$.amount.sections[1].weight", "must be positive")]
    [InlineData("{ \"section\": \"b\", \"weight\": 2 }", "{ \"section\": \"a\", \"weight\": 2 }", "$.amount.sections[1].section", "weighted twice")]
    [InlineData("{ \"section\": \"b\", \"weight\": 2 }", "{ \"section\": \"c\", \"weight\": 2 }", "$.amount.sections[1].section", "no section 'c'")]
    public void BadWeights_AreRefusedWithTheirPath(string find, string replace, string path, string message)
    {
        AgreementFileResult result = AgreementFile.Parse(Text.Replace(find, replace, StringComparison.Ordinal));

        Assert.Null(result.Agreement);
        Assert.Contains(message, Assert.Single(result.Errors, e => e.Path == path).Message, StringComparison.Ordinal);
    }
}
