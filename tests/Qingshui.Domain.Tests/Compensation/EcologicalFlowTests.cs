using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Compensation;

/// <summary>The ecological-flow term: days whose mean flow falls below the minimum cost a configured amount, up to a cap.</summary>
public sealed class EcologicalFlowTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private const string Term = "\"ecologicalFlow\": { \"section\": \"jinyushi\", \"minimumFlow\": 10, \"perDay\": 10000, \"cap\": 200000, \"payer\": \"jiangxi\", \"payee\": \"hunan\" }";

    private static AgreementFileResult Parse(string term) =>
        AgreementFile.Parse(AgreementPresets.Text("lushui-2019")!.Replace("\"amount\": {", term + ",\n  \"amount\": {", StringComparison.Ordinal));

    private static readonly Agreement WithFlow = Parse(Term).Agreement!;

    // Two readings a day (L/s, as HJ 212 w00000 sends them) at 15 m³/s, except the days given, at 8 m³/s; none on the days skipped.
    private static IReadOnlyDictionary<string, IReadOnlyList<FlowReading>> Flows(Func<DateOnly, bool> low, Func<DateOnly, bool>? skipped = null)
    {
        var flows = new List<FlowReading>();
        for (var day = new DateOnly(2020, 1, 1); day.Year == 2020; day = day.AddDays(1))
        {
            if (skipped?.Invoke(day) == true)
            {
                continue;
            }

            foreach (int hour in new[] { 8, 20 })
            {
                flows.Add(FlowReading.From(new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), Beijing), low(day) ? 8_000m : 15_000m, Unit.LitrePerSecond, true)!);
            }
        }

        return new Dictionary<string, IReadOnlyList<FlowReading>> { ["jinyushi"] = flows };
    }

    private static IReadOnlyList<PeriodAccount> Compute(IReadOnlyDictionary<string, IReadOnlyList<FlowReading>> flows) =>
        CompensationEngine.Compute(WithFlow, 2020, CompensationData.Section("jinyushi", CompensationData.Year(2020, _ => WaterClass.II)), flows: flows);

    [Fact]
    public void DaysBelowTheMinimumFlow_CostPerDay_FromThePayer()
    {
        IReadOnlyList<PeriodAccount> accounts = Compute(Flows(d => d.Month == 5 && d.Day is 3 or 4 or 5));

        Transfer flow = accounts[4].Transfers[^1];
        Assert.Equal(("jiangxi", "hunan", 30_000m, TransferBasis.EcologicalFlow), (flow.Payer, flow.Payee, flow.Amount, flow.Basis));
        Assert.Equal("3 of 31 days with flow data below 10 m³/s at jinyushi (05-03, 05-04, 05-05)", flow.Detail);
        Assert.Single(accounts[5].Transfers);
        Statement statement = Statement.FromAccounts(WithFlow, 2020, accounts);
        Assert.Equal(12_000_000m - 30_000m, Assert.Single(statement.Net).Amount);
        Assert.Contains("\"ecologicalFlow\":{\"section\":\"jinyushi\",\"minimumFlow\":10,\"perDay\":10000,\"cap\":200000,\"payer\":\"jiangxi\",\"payee\":\"hunan\"}",
            statement.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyDaysBelow_AreCappedPerPeriod_AndDaysWithoutDataAreNamedNotCounted()
    {
        IReadOnlyList<PeriodAccount> accounts = Compute(Flows(d => d.Month == 8 && d.Day <= 25, skipped: d => d.Month == 8 && d.Day >= 30));

        Transfer flow = accounts[7].Transfers[^1];
        Assert.Equal(200_000m, flow.Amount);
        Assert.EndsWith("; 2 days without flow data not counted; capped at 200000", flow.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void AMonthWithoutAnyFlowValue_IsUndetermined_WithTheReason()
    {
        IReadOnlyList<PeriodAccount> accounts = Compute(Flows(_ => false, skipped: d => d.Month == 6));

        Assert.Equal(AccountStatus.Undetermined, accounts[5].Status);
        Assert.Empty(accounts[5].Transfers);
        Assert.Equal(["ecological flow: no valid flow value at jinyushi in 2020-06"], accounts[5].Gaps);
        Assert.Equal(AccountStatus.Determined, accounts[4].Status);
    }

    [Fact]
    public void Term_RoundTripsThroughTheCanonicalText()
    {
        string canonical = AgreementFile.Write(WithFlow);
        Assert.Contains("\"ecologicalFlow\":{", canonical, StringComparison.Ordinal);
        Assert.Equal(canonical, AgreementFile.Write(AgreementFile.Parse(canonical).Agreement!));
        Assert.Null(FlowReading.From(DateTimeOffset.UnixEpoch, 1m, Unit.MilligramPerLitre, true));
    }

    [Theory]
    [InlineData("\"minimumFlow\": 10", "\"minimumFlow\": 0", "$.ecologicalFlow.minimumFlow")]
    [InlineData("\"section\": \"jinyushi\"", "\"section\": \"liuzhuang\"", "$.ecologicalFlow.section")]
    [InlineData("\"payee\": \"hunan\"", "\"payee\": \"jiangxi\"", "$.ecologicalFlow")]
    [InlineData("\"perDay\": 10000, ", "", "$.ecologicalFlow.perDay")]
    public void BadTerm_IsRefusedWithItsPath(string find, string replace, string path)
    {
        AgreementFileResult result = Parse(Term.Replace(find, replace, StringComparison.Ordinal));

        Assert.Null(result.Agreement);
        Assert.Contains(result.Errors, e => e.Path == path);
    }
}
