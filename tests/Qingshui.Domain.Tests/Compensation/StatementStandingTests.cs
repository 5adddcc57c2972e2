using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Compensation;

public sealed class StatementStandingTests
{
    private static readonly Agreement Lushui = AgreementPresets.Load("lushui-2019");
    private static readonly DateTimeOffset MidMay2020 = new(2020, 5, 15, 12, 0, 0, TimeSpan.FromHours(8));
    private static readonly Period May = Period.Containing(PeriodKind.Month, new DateOnly(2020, 5, 1));

    private static IReadOnlyDictionary<string, IReadOnlyList<Observation>> AllYearClassII() =>
        CompensationData.Section("jinyushi", CompensationData.Year(2020, _ => WaterClass.II));

    private static Ledger Then(Ledger ledger, LedgerResult result)
    {
        Assert.Null(result.Error);
        return Ledger.Replay(ledger.Agreement, [.. ledger.Events, .. result.Events]);
    }

    [Fact]
    public void Compute_WithNowInsideAMonth_ThatMonthIsInProgress_AndLaterMonthsHaveNoAccount()
    {
        IReadOnlyList<PeriodAccount> accounts = CompensationEngine.Compute(Lushui, 2020, AllYearClassII(), now: MidMay2020);

        Assert.Equal(5, accounts.Count);
        Assert.Equal(AccountStatus.InProgress, accounts[^1].Status);
        Assert.Equal(May, accounts[^1].Period);
        Assert.Empty(accounts[^1].Transfers);
        Assert.All(accounts.Take(4), a => Assert.Equal(AccountStatus.Determined, a.Status));
    }

    [Fact]
    public void FromAccounts_IsAlwaysProvisional_WithTheMonthInProgressAndTheYearNotOver()
    {
        Statement statement = Statement.FromAccounts(Lushui, 2020, CompensationEngine.Compute(Lushui, 2020, AllYearClassII(), now: MidMay2020), MidMay2020);

        Assert.True(statement.Provisional);
        Assert.Contains(statement.Reasons, r => r.Kind == ProvisionalReasonKind.YearNotOver);
        Assert.Contains(statement.Reasons, r => r.Kind == ProvisionalReasonKind.InProgress && r.Period == May);
        Assert.Equal(PeriodState.InProgress, statement.States.Single(s => s.Period == May).State);
        Assert.Equal(4_000_000m, statement.Net.Single().Amount);
        Assert.Contains("\"provisional\":true", statement.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void Record_InProgressMonth_IsNotRecorded_AndTheStatementSaysInProgress()
    {
        Ledger ledger = Ledger.Replay(Lushui, []);
        ledger = Then(ledger, ledger.Record(CompensationEngine.Compute(Lushui, 2020, AllYearClassII(), now: MidMay2020), MidMay2020));

        Assert.Null(ledger.AccountOf(May));
        Statement statement = Statement.FromLedger(ledger, 2020, MidMay2020);
        Assert.Equal(PeriodState.InProgress, statement.States.Single(s => s.Period == May).State);
        Assert.Equal(PeriodState.NotStarted, statement.States.Single(s => s.Period.Start.Month == 6).State);
    }

    [Fact]
    public void FromLedger_EveryMonthConfirmedAndTheYearOver_IsFinal_OtherwiseProvisionalWithReasons()
    {
        Ledger ledger = Ledger.Replay(Lushui, []);
        ledger = Then(ledger, ledger.Record(CompensationEngine.Compute(Lushui, 2020, AllYearClassII()), MidMay2020));
        foreach (Period month in Lushui.PeriodsOf(2020).Where(p => p != May))
        {
            ledger = Then(ledger, ledger.Confirm(month, "jiangxi", "李华", MidMay2020));
            ledger = Then(ledger, ledger.Confirm(month, "hunan", "王芳", MidMay2020));
        }

        ledger = Then(ledger, ledger.Confirm(May, "hunan", "王芳", MidMay2020));
        DateTimeOffset later = new(2021, 2, 1, 0, 0, 0, TimeSpan.Zero);
        Statement partly = Statement.FromLedger(ledger, 2020, later);
        ledger = Then(ledger, ledger.Confirm(May, "jiangxi", "李华", MidMay2020));

        Assert.Equal([new ProvisionalReason(ProvisionalReasonKind.NotConfirmed, May)], partly.Reasons);
        Assert.False(Statement.FromLedger(ledger, 2020, later).Provisional);
        Assert.Contains("\"provisional\":false,\"reasons\":[]", Statement.FromLedger(ledger, 2020, later).Json, StringComparison.Ordinal);
        Assert.Equal([new ProvisionalReason(ProvisionalReasonKind.YearNotOver, null)], Statement.FromLedger(ledger, 2020, new DateTimeOffset(2020, 12, 31, 23, 0, 0, TimeSpan.FromHours(8))).Reasons);
    }

    [Fact]
    public void FromLedger_MonthsBeforeTheTerm_AreOutsideTerm_AndAYearWithoutTermIsNotANoPaymentYear()
    {
        Ledger ledger = Ledger.Replay(Lushui, []);

        Statement first = Statement.FromLedger(ledger, 2019, MidMay2020);
        Statement outside = Statement.FromLedger(ledger, 2030, MidMay2020);

        Assert.Equal(6, first.States.Count(s => s.State == PeriodState.OutsideTerm));
        Assert.Equal(PeriodState.Open, first.States.Single(s => s.Period.Start.Month == 7).State);
        Assert.Contains(first.Reasons, r => r.Kind == ProvisionalReasonKind.NotComputed);
        Assert.True(outside.Provisional);
        Assert.Contains(outside.Reasons, r => r.Kind == ProvisionalReasonKind.OutsideTerm);
    }

    [Fact]
    public void AgreementFile_Write_ReadsBackToTheSameText_ForEveryPreset()
    {
        foreach (string id in AgreementPresets.Ids)
        {
            string text = AgreementFile.Write(AgreementPresets.Load(id));
            Agreement? read = AgreementFile.Parse(text).Agreement;

            Assert.NotNull(read);
            Assert.Equal(text, AgreementFile.Write(read));
        }
    }
}
