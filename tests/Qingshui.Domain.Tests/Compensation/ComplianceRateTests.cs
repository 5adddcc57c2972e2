using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Compensation;

/// <summary>Compliance-rate targets (Jiuzhou: 75 %, 83 %, 100 % of months in successive years) over years and quarters.</summary>
public sealed class ComplianceRateTests
{
    private static readonly Agreement Jiuzhou = AgreementPresets.Load("jiuzhou-2018");

    // The five Jiuzhou items: the core ones plus BOD5 at Class Ⅰ.
    private static IReadOnlyDictionary<string, IReadOnlyList<Observation>> Data(int year, Func<int, WaterClass?> classOfMonth) =>
        CompensationData.Section("shijiao", CompensationData.Year(year, classOfMonth)
            .Concat(Enumerable.Range(1, 12).Where(m => classOfMonth(m) is not null)
                .Select(m => new Observation(Gb3838Table1.BiochemicalOxygenDemand, new DateTimeOffset(year, m, 10, 8, 0, 0, TimeSpan.FromHours(8)), 2.0m, true))));

    private static PeriodAccount Year(Agreement agreement, int year, Func<int, WaterClass?> classOfMonth) =>
        Assert.Single(CompensationEngine.Compute(agreement, year, Data(year, classOfMonth)));

    [Theory]
    [InlineData(2018, 9, "guangdong", "9 of 12 months at Ⅲ or better (75 %) ≥ 75 %; 2018 mean Ⅱ ≤ Ⅲ")]
    [InlineData(2019, 10, "guangdong", "10 of 12 months at Ⅲ or better (83.33 %) ≥ 83 %; 2019 mean Ⅱ ≤ Ⅲ")]
    [InlineData(2019, 9, "guangxi", "9 of 12 months at Ⅲ or better (75 %) < 83 %; 2019 mean Ⅱ ≤ Ⅲ")]
    [InlineData(2020, 11, "guangxi", "11 of 12 months at Ⅲ or better (91.67 %) < 100 %; 2020 mean Ⅱ ≤ Ⅲ")]
    public void Jiuzhou_ShareOfMonthsMeetingTheTarget_AgainstThatYearsTarget(int year, int goodMonths, string payer, string detail)
    {
        PeriodAccount account = Year(Jiuzhou, year, m => m <= goodMonths ? WaterClass.I : WaterClass.IV);

        Transfer transfer = Assert.Single(account.Transfers);
        Assert.Equal((payer, 100_000_000m), (transfer.Payer, transfer.Amount));
        Assert.Equal(detail, transfer.Detail);
        Assert.Equal(13, account.Evidence.Count);
    }

    [Fact]
    public void Jiuzhou_RateReached_ButTheAnnualMeanMissesIII_IsNotMet()
    {
        // Five months at Class Ⅱ and seven at Ⅴ: the annual mean is Ⅳ. With a rate of 1 % required, only the annual mean can fail.
        Agreement meanOnly = AgreementFile.Parse(AgreementPresets.Text("jiuzhou-2018")!
            .Replace("\"2020\": 1 }", "\"2020\": 0.01 }", StringComparison.Ordinal)).Agreement!;

        PeriodAccount account = Year(meanOnly, 2020, m => m <= 5 ? WaterClass.II : WaterClass.V);

        Assert.Equal("guangxi", Assert.Single(account.Transfers).Payer);
        Assert.EndsWith("2020 mean Ⅳ > Ⅲ", account.Transfers[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Jiuzhou_AMonthWithoutData_LeavesTheYearUndetermined_WithTheReason()
    {
        PeriodAccount account = Year(Jiuzhou, 2019, m => m == 7 ? null : WaterClass.II);

        Assert.Equal(AccountStatus.Undetermined, account.Status);
        Assert.Empty(account.Transfers);
        Assert.Contains("compliance rate: 11 of 12 months classed, 12 needed", account.Gaps);
    }

    [Fact]
    public void Quarterly_EachQuarterJudgedOnItsThreeMonths()
    {
        Agreement quarterly = AgreementFile.Parse(AgreementPresets.Text("jiuzhou-2018")!
            .Replace("\"period\": \"year\"", "\"period\": \"quarter\"", StringComparison.Ordinal)
            .Replace("\"alsoPeriodMean\": true", "\"alsoPeriodMean\": false", StringComparison.Ordinal)).Agreement!;

        IReadOnlyList<PeriodAccount> accounts = CompensationEngine.Compute(quarterly, 2020, Data(2020, m => m == 5 ? WaterClass.IV : WaterClass.II));

        Assert.Equal(["2020-Q1", "2020-Q2", "2020-Q3", "2020-Q4"], accounts.Select(a => a.Period.ToString()));
        Assert.Equal(["guangdong", "guangxi", "guangdong", "guangdong"], accounts.Select(a => Assert.Single(a.Transfers).Payer));
        Assert.Equal("2 of 3 months at Ⅲ or better (66.67 %) < 100 %", accounts[1].Transfers[0].Detail);
        Statement statement = Statement.FromAccounts(quarterly, 2020, accounts);
        Assert.Contains("\"complianceRate\":{\"period\":\"quarter\",\"targets\":{\"2018\":0.75,\"2019\":0.83,\"2020\":1},\"alsoPeriodMean\":false}", statement.Json, StringComparison.Ordinal);
        Assert.Contains("\"period\":\"quarter\"", AgreementFile.Write(quarterly), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"period\": \"year\"", "\"period\": \"month\"", "$.period", "\"year\" or \"quarter\"")]
    [InlineData("\"2019\": 0.83, ", "", "$.amount.targets.2019", "every year of the term has its target")]
    [InlineData("\"2019\": 0.83", "\"2019\": 83", "$.amount.targets.2019", "'83' is not a share of months")]
    [InlineData("\"2019\": 0.83", "\"twenty\": 0.83", "$.amount.targets.twenty", "'twenty' is not a year")]
    public void ComplianceRate_BadTerm_IsRefusedWithItsPath(string find, string replace, string path, string message)
    {
        AgreementFileResult result = AgreementFile.Parse(AgreementPresets.Text("jiuzhou-2018")!.Replace(find, replace, StringComparison.Ordinal));

        Assert.Null(result.Agreement);
        JsonFileError error = Assert.Single(result.Errors, e => e.Path == path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
