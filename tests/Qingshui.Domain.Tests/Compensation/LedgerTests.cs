using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Compensation;

public sealed class LedgerTests
{
    private static readonly Agreement Lushui = AgreementPresets.Load("lushui-2019");
    private static readonly DateTimeOffset Now = new(2021, 1, 15, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly Period March = Period.Containing(PeriodKind.Month, new DateOnly(2020, 3, 1));
    private static readonly Period April = Period.Containing(PeriodKind.Month, new DateOnly(2020, 4, 1));

    private static IReadOnlyList<PeriodAccount> Compute(Func<int, WaterClass?> classes) =>
        CompensationEngine.Compute(Lushui, 2020, CompensationData.Section("jinyushi", CompensationData.Year(2020, classes)));

    private static Ledger Then(Ledger ledger, LedgerResult result)
    {
        Assert.Null(result.Error);
        return Ledger.Replay(ledger.Agreement, [.. ledger.Events, .. result.Events]);
    }

    private static Ledger ConfirmedMarch()
    {
        Ledger ledger = Ledger.Replay(Lushui, []);
        ledger = Then(ledger, ledger.Record(Compute(_ => WaterClass.II), Now));
        ledger = Then(ledger, ledger.Confirm(March, "jiangxi", "李华 (萍乡市生态环境局)", Now));
        return Then(ledger, ledger.Confirm(March, "hunan", "王芳 (株洲市生态环境局)", Now.AddDays(1)));
    }

    [Fact]
    public void Accounts_AreDraftsUntilEveryPartyConfirms()
    {
        Ledger ledger = Ledger.Replay(Lushui, []);
        ledger = Then(ledger, ledger.Record(Compute(_ => WaterClass.II), Now));
        Assert.Equal(PeriodState.Draft, ledger.StateOf(March));

        ledger = Then(ledger, ledger.Confirm(March, "jiangxi", "李华", Now));
        Assert.Equal(PeriodState.PartlyConfirmed, ledger.StateOf(March));
        ledger = Then(ledger, ledger.Confirm(March, "hunan", "王芳", Now));

        Assert.Equal(PeriodState.Confirmed, ledger.StateOf(March));
        Assert.Equal(new Dictionary<string, string> { ["hunan"] = "王芳", ["jiangxi"] = "李华" }, ledger.ConfirmationsOf(March));
        Assert.Equal(PeriodState.Draft, ledger.StateOf(April));
    }

    [Fact]
    public void Record_SameDataAgain_ChangesNothing()
    {
        Ledger ledger = ConfirmedMarch();

        Assert.Empty(ledger.Record(Compute(_ => WaterClass.II), Now.AddDays(3)).Events);
    }

    [Fact]
    public void Correction_OfAConfirmedMonth_IsOnlyAProposal_AndNeverEditsTheAccountOrTheNet()
    {
        Ledger ledger = ConfirmedMarch();
        PeriodAccount confirmed = ledger.AccountOf(March)!;
        Statement signed = Statement.FromLedger(ledger, 2020);

        // Reviewed data show March was in fact Class Ⅳ.
        LedgerResult recorded = ledger.Record(Compute(m => m == 3 ? WaterClass.IV : WaterClass.II), Now.AddDays(10));
        ledger = Then(ledger, recorded);

        Assert.IsType<AdjustmentProposed>(Assert.Single(recorded.Events));
        Assert.Same(confirmed, ledger.AccountOf(March));
        Assert.Equal(PeriodState.Confirmed, ledger.StateOf(March));
        Assert.Empty(ledger.Adjustments);
        Statement statement = Statement.FromLedger(ledger, 2020);
        Assert.Equal((signed.ContentHash, signed.Net.Single().Amount), (statement.ContentHash, statement.Net.Single().Amount));
        Assert.Equal(March, Assert.Single(statement.Proposals).Adjustment.Corrected);
        Assert.Contains(statement.Reasons, r => r.Kind == ProvisionalReasonKind.ProposedAdjustment && r.Period == March);
        Assert.Contains("\"proposedAdjustments\":[{\"corrected\":\"2020-03\"", statement.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void ProposedAdjustment_CountsOnlyOnceEveryPartyConfirmedIt_InTheNextOpenPeriod()
    {
        Ledger ledger = ConfirmedMarch();
        ledger = Then(ledger, ledger.Record(Compute(m => m == 3 ? WaterClass.IV : WaterClass.II), Now.AddDays(10)));

        ledger = Then(ledger, ledger.Confirm(March, "jiangxi", "李华", Now.AddDays(11)));
        Assert.Empty(ledger.Adjustments);
        Assert.Equal(("hunan", 12_000_000m), (Statement.FromLedger(ledger, 2020).Net.Single().Payer, Statement.FromLedger(ledger, 2020).Net.Single().Amount));
        Assert.Equal("jiangxi has already confirmed the proposed adjustment of 2020-03", ledger.Confirm(March, "jiangxi", "李华", Now).Error!.Message);
        ledger = Then(ledger, ledger.Confirm(March, "hunan", "王芳", Now.AddDays(12)));

        Assert.Empty(ledger.PendingAdjustments);
        Adjustment adjustment = Assert.Single(ledger.Adjustments);
        Assert.Equal((March, April), (adjustment.Corrected, adjustment.AppliedIn));
        Assert.Equal(WaterClass.II, adjustment.Before.Class);
        Assert.Equal(WaterClass.IV, adjustment.After.Class);
        Assert.NotEqual(adjustment.Before.Evidence[0].DataFingerprint, adjustment.After.Evidence[0].DataFingerprint);
        // Hunan had paid 1M for March; now Jiangxi owes 1M: 2M flow back from Jiangxi to Hunan.
        Transfer back = Assert.Single(adjustment.Transfers);
        Assert.Equal(("jiangxi", "hunan", 2_000_000m, TransferBasis.Adjustment), (back.Payer, back.Payee, back.Amount, back.Basis));

        Statement statement = Statement.FromLedger(ledger, 2020);
        Assert.Equal(("hunan", "jiangxi", 10_000_000m), (statement.Net.Single().Payer, statement.Net.Single().Payee, statement.Net.Single().Amount));
        Assert.Single(statement.Adjustments);
    }

    [Fact]
    public void Settle_WithAPendingProposal_IsRefused()
    {
        Ledger ledger = Ledger.Replay(Lushui, []);
        ledger = Then(ledger, ledger.Record(Compute(_ => WaterClass.II), Now));
        foreach (Period month in Lushui.PeriodsOf(2020))
        {
            ledger = Then(ledger, ledger.Confirm(month, "jiangxi", "李华", Now));
            ledger = Then(ledger, ledger.Confirm(month, "hunan", "王芳", Now));
        }

        ledger = Then(ledger, ledger.Record(Compute(m => m == 3 ? WaterClass.IV : WaterClass.II), Now.AddDays(10)));

        Assert.Equal("proposed adjustments not confirmed by every party: 2020-03", ledger.Settle(2020, "h", "x", Now).Error!.Message);
    }

    [Fact]
    public void EveryMonthConfirmed_WithACorrectionBookedInTheNextYear_TheYearIsStillProvisional_UntilSettled()
    {
        Ledger ledger = Ledger.Replay(Lushui, []);
        ledger = Then(ledger, ledger.Record(Compute(_ => WaterClass.II), Now));
        foreach (Period month in Lushui.PeriodsOf(2020))
        {
            ledger = Then(ledger, ledger.Confirm(month, "jiangxi", "李华", Now));
            ledger = Then(ledger, ledger.Confirm(month, "hunan", "王芳", Now));
        }

        Ledger settled = Then(ledger, ledger.Settle(2020, Statement.FromLedger(ledger, 2020).ContentHash, "x", Now));
        ledger = Then(ledger, ledger.Record(Compute(m => m == 3 ? WaterClass.IV : WaterClass.II), Now.AddDays(10)));
        settled = Then(settled, settled.Record(Compute(m => m == 3 ? WaterClass.IV : WaterClass.II), Now.AddDays(10)));

        Assert.NotEqual(2020, Assert.Single(ledger.PendingAdjustments).AppliedIn.Start.Year);
        // Not closable while the proposal is pending, so not final either; once settled, the year stays as signed.
        Assert.Equal([(ProvisionalReasonKind.ProposedAdjustment, (Period?)March)], Statement.FromLedger(ledger, 2020).Reasons.Select(r => (r.Kind, r.Period)));
        Assert.False(Statement.FromLedger(settled, 2020).Provisional);
    }

    [Fact]
    public void Replay_UnderAChangedAgreement_GivesTheSameStatement_AndSaysTheAgreementChanged()
    {
        Ledger ledger = ConfirmedMarch();
        Statement before = Statement.FromLedger(ledger, 2020);
        Agreement edited = Lushui with
        {
            Name = new Qingshui.Domain.Network.LocalizedText("改过的名字", "Edited"), PaymentDue = (1, 31),
            Amount = new ClassBasedRule("jinyushi", new Payment("hunan", "jiangxi", 5m), new Payment("jiangxi", "hunan", 5m)),
        };

        Ledger replayed = Ledger.Replay(edited, ledger.Events);

        Statement after = Statement.FromLedger(replayed, 2020);
        Assert.True(replayed.AgreementChanged);
        Assert.False(ledger.AgreementChanged);
        Assert.Equal(before.ContentHash, after.ContentHash);
        Assert.Equal(before.Json.Replace("\"agreementChanged\":false", "\"agreementChanged\":true", StringComparison.Ordinal), after.Json);
        Assert.Equal(PeriodState.Confirmed, replayed.StateOf(March));
    }

    [Fact]
    public void Record_UnderAChangedAgreement_OnlyProposesForConfirmedPeriods()
    {
        Ledger ledger = ConfirmedMarch();
        Agreement edited = Lushui with { Amount = new ClassBasedRule("jinyushi", new Payment("hunan", "jiangxi", 5m), new Payment("jiangxi", "hunan", 5m)) };
        Ledger replayed = Ledger.Replay(edited, ledger.Events);

        LedgerResult result = replayed.Record(CompensationEngine.Compute(edited, 2020, CompensationData.Section("jinyushi", CompensationData.Year(2020, _ => WaterClass.II))), Now);
        replayed = Then(replayed, result);

        Assert.Equal(1_000_000m, replayed.AccountOf(March)!.Transfers.Single().Amount);
        Assert.Equal(5m, Assert.Single(replayed.PendingAdjustments).After.Transfers.Single().Amount);
        Assert.Equal(5m, replayed.AccountOf(April)!.Transfers.Single().Amount);
    }

    [Fact]
    public void Correction_WhenTheNextMonthsAreConfirmedToo_GoesToTheFirstOpenOne()
    {
        Ledger ledger = ConfirmedMarch();
        ledger = Then(ledger, ledger.Confirm(April, "jiangxi", "李华", Now));
        ledger = Then(ledger, ledger.Confirm(April, "hunan", "王芳", Now));

        ledger = Then(ledger, ledger.Record(Compute(m => m == 3 ? WaterClass.IV : WaterClass.II), Now.AddDays(10)));

        Assert.Equal(Period.Containing(PeriodKind.Month, new DateOnly(2020, 5, 1)), ledger.PendingAdjustments.Single().AppliedIn);
    }

    [Fact]
    public void Draft_RecomputedWithNewData_IsReplaced_AndAnEarlierConfirmationNoLongerCounts()
    {
        Ledger ledger = Ledger.Replay(Lushui, []);
        ledger = Then(ledger, ledger.Record(Compute(_ => WaterClass.II), Now));
        ledger = Then(ledger, ledger.Confirm(March, "jiangxi", "李华", Now));

        ledger = Then(ledger, ledger.Record(Compute(m => m == 3 ? WaterClass.IV : WaterClass.II), Now.AddDays(1)));

        Assert.Equal(WaterClass.IV, ledger.AccountOf(March)!.Class);
        Assert.Equal(PeriodState.Draft, ledger.StateOf(March));
        Assert.Empty(ledger.PendingAdjustments);
    }

    [Fact]
    public void Commands_RefuseWhatTheLifecycleDoesNotAllow()
    {
        Ledger ledger = ConfirmedMarch();

        Assert.Equal("'guangdong' is not a party to lushui-2019", ledger.Confirm(April, "guangdong", "x", Now).Error!.Message);
        Assert.Equal("hunan has already confirmed 2020-03", ledger.Confirm(March, "hunan", "x", Now).Error!.Message);
        Assert.StartsWith("not confirmed by every party: 2020-01, 2020-02, 2020-04", ledger.Settle(2020, "h", "x", Now).Error!.Message, StringComparison.Ordinal);
        Assert.Equal("no account for 2024-03 yet: a period is booked once it is over and its accounts are computed", ledger.Confirm(Period.Containing(PeriodKind.Month, new DateOnly(2024, 3, 1)), "hunan", "x", Now).Error!.Message);
    }

    [Fact]
    public void Undetermined_CannotBeConfirmed_UntilADecisionIsRecordedAndApplied()
    {
        Ledger ledger = Ledger.Replay(Lushui, []);
        IEnumerable<Observation> data = CompensationData.Year(2020, m => m == 3 ? null : WaterClass.II);
        ledger = Then(ledger, ledger.Record(CompensationEngine.Compute(Lushui, 2020, CompensationData.Section("jinyushi", data)), Now));
        Assert.Equal("2020-03 is without data: record a decision first", ledger.Confirm(March, "hunan", "x", Now).Error!.Message);

        var decision = new Decision(March, DecisionOutcome.NoPayment, "联席会议", Now, "analyser failure all month");
        ledger = Then(ledger, ledger.Decide(decision));
        ledger = Then(ledger, ledger.Record(CompensationEngine.Compute(Lushui, 2020, CompensationData.Section("jinyushi", data), ledger.Decisions), Now));

        Assert.Equal(AccountStatus.Decided, ledger.AccountOf(March)!.Status);
        Assert.Null(ledger.Confirm(March, "hunan", "王芳", Now).Error);
    }

    [Fact]
    public void Settle_AfterEveryMonthIsConfirmed_SettlesTheYear()
    {
        Ledger ledger = Ledger.Replay(Lushui, []);
        ledger = Then(ledger, ledger.Record(Compute(_ => WaterClass.II), Now));
        foreach (Period month in Lushui.PeriodsOf(2020))
        {
            ledger = Then(ledger, ledger.Confirm(month, "jiangxi", "李华", Now));
            ledger = Then(ledger, ledger.Confirm(month, "hunan", "王芳", Now));
        }

        Statement statement = Statement.FromLedger(ledger, 2020);
        ledger = Then(ledger, ledger.Settle(2020, statement.ContentHash, "财政厅", Now));

        Assert.True(ledger.IsSettled(2020));
        Assert.Equal(statement.ContentHash, Statement.FromLedger(ledger, 2020).ContentHash);
        Assert.Contains("\"state\":\"Settled\"", Statement.FromLedger(ledger, 2020).Json, StringComparison.Ordinal);
        Assert.All(Lushui.PeriodsOf(2020), p => Assert.Equal(PeriodState.Settled, ledger.StateOf(p)));
        Assert.Equal("2020 is already settled", ledger.Settle(2020, statement.ContentHash, "x", Now).Error!.Message);
    }
}

public sealed class LedgerJsonTests
{
    [Fact]
    public void Events_WrittenAndReadBack_RebuildTheSameLedger()
    {
        Agreement lushui = AgreementPresets.Load("lushui-2019");
        var now = new DateTimeOffset(2021, 1, 15, 10, 0, 0, TimeSpan.FromHours(8));
        Period march = Period.Containing(PeriodKind.Month, new DateOnly(2020, 3, 1));
        Ledger ledger = Ledger.Replay(lushui, []);
        IReadOnlyList<PeriodAccount> Compute(Func<int, WaterClass?> c) =>
            CompensationEngine.Compute(lushui, 2020, CompensationData.Section("jinyushi", CompensationData.Year(2020, c)));
        foreach (Func<Ledger, LedgerResult> step in new Func<Ledger, LedgerResult>[]
        {
            l => l.Record(Compute(_ => WaterClass.II), now),
            l => l.Confirm(march, "jiangxi", "李华", now),
            l => l.Confirm(march, "hunan", "王芳", now),
            l => l.Record(Compute(m => m == 3 ? WaterClass.IV : WaterClass.II), now.AddDays(2)),
            l => l.Confirm(march, "jiangxi", "李华", now.AddDays(3)),
        })
        {
            ledger = Ledger.Replay(lushui, [.. ledger.Events, .. step(ledger).Events]);
        }

        string[] stored = ledger.Events.Select(LedgerJson.Write).ToArray();
        Ledger reloaded = Ledger.Replay(lushui, stored.Select(s => LedgerJson.Read(s, lushui.Id)));

        Assert.Equal(stored, reloaded.Events.Select(LedgerJson.Write));
        Assert.Equal(Statement.FromLedger(ledger, 2020).Json, Statement.FromLedger(reloaded, 2020).Json);
        Assert.Equal(PeriodState.Confirmed, reloaded.StateOf(march));
    }
}

public sealed class LedgerJsonReadBackTests
{
    [Fact]
    public void StoredAccount_ReadBack_KeepsTheRecordedClass_EvenWhenItsMeansWouldNowGiveAnother()
    {
        Agreement lushui = AgreementPresets.Load("lushui-2019");
        PeriodAccount march = CompensationEngine.Compute(lushui, 2020, CompensationData.Section("jinyushi", CompensationData.Year(2020, _ => WaterClass.II)))[2];
        string stored = LedgerJson.Write(new AccountRecorded(march, new DateTimeOffset(2020, 4, 2, 0, 0, 0, TimeSpan.Zero), "engine"));
        string ammonia = march.Evidence[0].Means.Single(m => m.Item == Gb3838Table1.AmmoniaNitrogen).Mean!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // As if a later rule read the same means differently: the stored means now point to Class Ⅴ, the recorded class stays.
        string edited = stored.Replace($"\"item\":\"NH3N\",\"mean\":{ammonia},", "\"item\":\"NH3N\",\"mean\":1.9,", StringComparison.Ordinal);
        Assert.NotEqual(stored, edited);

        var read = (AccountRecorded)LedgerJson.Read(edited, lushui.Id);

        Assert.Equal(WaterClass.II, read.Account.Class);
        Assert.Equal(march.Evidence[0].Assessment.Deciding, read.Account.Evidence[0].Assessment.Deciding);
    }
}
