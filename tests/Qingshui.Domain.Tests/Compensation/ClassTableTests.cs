using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Compensation;

/// <summary>An amount table by class (round-2 style): the class reached picks the row, each row its own direction and amount.</summary>
public sealed class ClassTableTests
{
    private static readonly Agreement Example = AgreementPresets.Load("lushui-round2-example");

    private static Statement Settle(Agreement agreement, IEnumerable<Observation> data) =>
        Statement.FromAccounts(agreement, 2023, CompensationEngine.Compute(agreement, 2023, CompensationData.Section("jinyushi", data)));

    [Fact]
    public void ClassTable_YearWithMonthsInClassesIToIV_SettlesToTheSumOfItsRows()
    {
        WaterClass ClassOf(int month) => (WaterClass)(((month - 1) / 3) + 1);
        Statement statement = Settle(Example, CompensationData.Year(2023, m => ClassOf(m)));

        var table = ((ClassTableRule)Example.Amount).Table;
        decimal expected = Enumerable.Range(1, 12).Select(m => table[ClassOf(m)])
            .Sum(p => p.Payee == "jiangxi" ? p.Amount : -p.Amount);
        Assert.Equal(3 * (2_000_000m + 1_500_000m + 1_000_000m - 1_000_000m), expected);
        Transfer net = Assert.Single(statement.Net);
        Assert.Equal(("hunan", "jiangxi", expected), (net.Payer, net.Payee, net.Amount));
        Assert.Equal([WaterClass.I, WaterClass.I, WaterClass.I, WaterClass.II, WaterClass.II, WaterClass.II, WaterClass.III, WaterClass.III, WaterClass.III,
            WaterClass.IV, WaterClass.IV, WaterClass.IV], statement.Accounts.Select(a => a.Class!.Value));
        Assert.Equal(new Transfer("jiangxi", "hunan", 1_000_000m, TransferBasis.TargetMissed, "class Ⅳ (table row)"), Assert.Single(statement.Accounts[11].Transfers));
    }

    [Fact]
    public void ClassTable_RowOfZero_PaysNothing_AndOtherDirectionsKeepTheirOwnAmounts()
    {
        Agreement agreement = Parse(AgreementPresets.Text("lushui-round2-example")!
            .Replace("\"III\": { \"payer\": \"hunan\", \"payee\": \"jiangxi\", \"amount\": 1000000 }", "\"III\": { \"payer\": \"hunan\", \"payee\": \"jiangxi\", \"amount\": 0 }", StringComparison.Ordinal));

        Statement statement = Settle(agreement, CompensationData.Year(2023, m => m <= 6 ? WaterClass.III : WaterClass.V));

        Assert.All(statement.Accounts.Take(6), a => Assert.Empty(a.Transfers));
        Transfer net = Assert.Single(statement.Net);
        Assert.Equal(("jiangxi", "hunan", 12_000_000m), (net.Payer, net.Payee, net.Amount));
    }

    [Fact]
    public void ClassTable_UndeterminedMonthDecidedAsMissed_PaysTheRowOneClassBelowTheTarget()
    {
        IEnumerable<Observation> data = CompensationData.Year(2023, _ => WaterClass.II).Where(o => o.Time.Month != 5 || o.Time.Day < 5);
        var decision = new Decision(Period.Containing(PeriodKind.Month, new DateOnly(2023, 5, 1)), DecisionOutcome.TreatAsMissed, "联席会议", DateTimeOffset.UnixEpoch, "minutes 7");

        PeriodAccount may = CompensationEngine.Compute(Example, 2023, CompensationData.Section("jinyushi", data), [decision])[4];

        Assert.Equal(AccountStatus.Decided, may.Status);
        Assert.Equal(("jiangxi", "hunan", 1_000_000m), (may.Transfers[0].Payer, may.Transfers[0].Payee, may.Transfers[0].Amount));
    }

    [Fact]
    public void ClassTable_StatementShowsTheTableAndMarksItUnconfirmed()
    {
        Statement statement = Settle(Example, CompensationData.Year(2023, _ => WaterClass.II));

        Assert.Contains("\"classTable\":{\"I\":{\"payer\":\"hunan\",\"payee\":\"jiangxi\",\"amount\":2000000}", statement.Json, StringComparison.Ordinal);
        Assert.Contains("\"WorseThanV\":{\"payer\":\"jiangxi\",\"payee\":\"hunan\",\"amount\":3000000}", statement.Json, StringComparison.Ordinal);
        Assert.True(Example.IsUnconfirmed("amount.table"));
        Assert.Contains(Example.Notes, n => n.StartsWith("EXAMPLE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("\"V\": { \"payer\": \"jiangxi\", \"payee\": \"hunan\", \"amount\": 2000000 },", "", "$.amount.table.V", "every class has its row")]
    [InlineData("\"V\":", "\"VI\":", "$.amount.table.VI", "'VI' is not a class")]
    [InlineData("\"IV\": { \"payer\": \"jiangxi\", \"payee\": \"hunan\"", "\"IV\": { \"payer\": \"hunan\", \"payee\": \"hunan\"", "$.amount.table.IV", "payer and payee must differ")]
    [InlineData("\"amount\": 3000000", "\"amount\": -3", "$.amount.table.WorseThanV.amount", "cannot be negative")]
    [InlineData("\"payee\": \"jiangxi\", \"amount\": 2000000", "\"payee\": \"guangxi\", \"amount\": 2000000", "$.amount.table.I.payee", "no party 'guangxi'")]
    public void ClassTable_BadRow_IsRefusedWithItsPath(string find, string replace, string path, string message)
    {
        AgreementFileResult result = AgreementFile.Parse(AgreementPresets.Text("lushui-round2-example")!.Replace(find, replace, StringComparison.Ordinal));

        Assert.Null(result.Agreement);
        JsonFileError error = Assert.Single(result.Errors, e => e.Path == path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static Agreement Parse(string text) => AgreementFile.Parse(text).Agreement ?? throw new InvalidOperationException(string.Join("; ", AgreementFile.Parse(text).Errors));
}
