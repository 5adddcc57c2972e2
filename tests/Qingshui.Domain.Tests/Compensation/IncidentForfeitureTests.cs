using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Compensation;

/// <summary>The incident register and the term that forfeits or cuts a period's receipts on an incident of a given level.</summary>
public sealed class IncidentForfeitureTests
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    private static Agreement Lushui(string term) => AgreementFile.Parse(AgreementPresets.Text("lushui-2019")!
        .Replace("\"amount\": {", term + ",\n  \"amount\": {", StringComparison.Ordinal)).Agreement!;

    private static readonly Agreement Forfeit = Lushui("\"incidentForfeiture\": { \"level\": \"III\", \"party\": \"jiangxi\" }");

    private static PollutionIncidentRecord Incident(IncidentLevel level, int month = 5) =>
        new("jinyushi", level, new DateTimeOffset(2020, month, 3, 14, 0, 0, Beijing), "萍乡市生态环境局", "chemical spill upstream");

    private static Statement Settle(Agreement agreement, params PollutionIncidentRecord[] incidents) =>
        Statement.FromAccounts(agreement, 2020, CompensationEngine.Compute(agreement, 2020,
            CompensationData.Section("jinyushi", CompensationData.Year(2020, _ => WaterClass.II)), incidents: incidents));

    [Fact]
    public void IncidentOfLevelIIIOrGraver_ForfeitsThatMonthsReceipts_AndSaysWhich()
    {
        Statement statement = Settle(Forfeit, Incident(IncidentLevel.II));

        Transfer net = Assert.Single(statement.Net);
        Assert.Equal(("hunan", "jiangxi", 11_000_000m), (net.Payer, net.Payee, net.Amount));
        Transfer forfeited = statement.Accounts[4].Transfers[^1];
        Assert.Equal(new Transfer("jiangxi", "hunan", 1_000_000m, TransferBasis.IncidentForfeiture,
            "level Ⅱ incident at jinyushi on 2020-05-03 (confirmed by 萍乡市生态环境局)"), forfeited);
        Assert.Contains("\"incidentForfeiture\":{\"level\":\"III\",\"party\":\"jiangxi\",\"effect\":\"forfeit\"}", statement.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void IncidentLessGraveThanTheTerm_ChangesNothing()
    {
        Assert.Equal(12_000_000m, Assert.Single(Settle(Forfeit, Incident(IncidentLevel.IV)).Net).Amount);
        Assert.Equal(12_000_000m, Assert.Single(Settle(AgreementPresets.Load("lushui-2019"), Incident(IncidentLevel.I)).Net).Amount);
    }

    [Fact]
    public void DeductionTerm_CutsThePeriodsReceiptsByItsAmount()
    {
        Agreement deduct = Lushui("\"incidentForfeiture\": { \"level\": \"III\", \"party\": \"jiangxi\", \"deduction\": 300000 }");

        Statement statement = Settle(deduct, Incident(IncidentLevel.III, month: 8));

        Assert.Equal(11_700_000m, Assert.Single(statement.Net).Amount);
        Assert.Equal(TransferBasis.IncidentDeduction, statement.Accounts[7].Transfers[^1].Basis);
        Assert.Equal(AgreementFile.Write(deduct), AgreementFile.Write(AgreementFile.Parse(AgreementFile.Write(deduct)).Agreement!));
    }

    [Theory]
    [InlineData("\"level\": \"V\"", "$.incidentForfeiture.level")]
    [InlineData("\"party\": \"hubei\"", "$.incidentForfeiture.party")]
    [InlineData("\"party\": \"jiangxi\", \"deduction\": -1", "$.incidentForfeiture.deduction")]
    public void BadTerm_IsRefusedWithItsPath(string field, string path)
    {
        string term = "\"incidentForfeiture\": { \"level\": \"III\", \"party\": \"jiangxi\" }"
            .Replace(field.StartsWith("\"level", StringComparison.Ordinal) ? "\"level\": \"III\"" : "\"party\": \"jiangxi\"", field, StringComparison.Ordinal);

        AgreementFileResult result = AgreementFile.Parse(AgreementPresets.Text("lushui-2019")!.Replace("\"amount\": {", term + ",\n  \"amount\": {", StringComparison.Ordinal));

        Assert.Null(result.Agreement);
        Assert.Contains(result.Errors, e => e.Path == path);
    }

    [Fact]
    public void Register_KeepsIncidentsAsLedgerEvents_AndRefusesUnknownSectionsFutureOnesAndDuplicates()
    {
        var at = new DateTimeOffset(2020, 6, 1, 9, 0, 0, Beijing);
        Ledger ledger = Ledger.Replay(Forfeit, []);
        LedgerResult recorded = ledger.RecordIncident(Incident(IncidentLevel.II), "李华", at);
        Assert.Null(recorded.Error);
        ledger = Ledger.Replay(Forfeit, recorded.Events.Select(e => LedgerJson.Read(LedgerJson.Write(e), Forfeit.Id)));

        Assert.Equal(Incident(IncidentLevel.II), Assert.Single(ledger.Incidents));
        Assert.Contains("already registered", ledger.RecordIncident(Incident(IncidentLevel.II), "李华", at).Error!.Message, StringComparison.Ordinal);
        Assert.Contains("no section 'liuzhuang'", ledger.RecordIncident(Incident(IncidentLevel.II) with { Section = "liuzhuang" }, "李华", at).Error!.Message, StringComparison.Ordinal);
        Assert.Contains("once it has occurred", ledger.RecordIncident(Incident(IncidentLevel.II, month: 7), "李华", at).Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProposedIncident_CountsOnlyOnceEveryPartyConfirmedIt_AndReadsBackFromItsEvents()
    {
        // Given an alert-opened incident (number 7) a coordinator confirmed as level Ⅱ, proposed for the register
        var at = new DateTimeOffset(2020, 6, 1, 9, 0, 0, Beijing);
        var events = new List<LedgerEvent>();
        Ledger Books() => Ledger.Replay(Forfeit, events.Select(e => LedgerJson.Read(LedgerJson.Write(e), Forfeit.Id)));
        events.AddRange(Books().ProposeIncident(Incident(IncidentLevel.II), 7, "协调办", at).Events);

        // When one party confirms, it is still a proposal; when the other does, it is registered
        events.AddRange(Books().ConfirmIncident(7, "hunan", "王芳", at).Events);
        Ledger half = Books();
        events.AddRange(half.ConfirmIncident(7, "jiangxi", "李华", at).Events);
        Ledger agreed = Books();

        Assert.Empty(half.Incidents);
        Assert.Equal(("hunan", "王芳"), Assert.Single(Assert.Single(half.IncidentProposals).ConfirmedBy) is var c ? (c.Key, c.Value) : default);
        Assert.Equal(Incident(IncidentLevel.II), Assert.Single(agreed.Incidents));
        Assert.Empty(agreed.IncidentProposals);
        Assert.Contains("already proposed", agreed.ProposeIncident(Incident(IncidentLevel.III), 7, "协调办", at).Error!.Message, StringComparison.Ordinal);
        Assert.Contains("already registered", agreed.ProposeIncident(Incident(IncidentLevel.II), 8, "协调办", at).Error!.Message, StringComparison.Ordinal);
        Assert.Contains("already confirmed", half.ConfirmIncident(7, "hunan", "王芳", at).Error!.Message, StringComparison.Ordinal);
        Assert.Contains("no incident 9", agreed.ConfirmIncident(9, "hunan", "王芳", at).Error!.Message, StringComparison.Ordinal);
        Assert.Contains("not a party", half.ConfirmIncident(7, "hubei", "x", at).Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ProposedIncident_AfterSignOff_BecomesAnAdjustmentProposal_NeverAnEdit()
    {
        // Given May 2020 confirmed by both parties (Hunan pays Jiangxi 1,000,000)
        var at = new DateTimeOffset(2021, 1, 10, 9, 0, 0, Beijing);
        IReadOnlyList<PeriodAccount> Compute(Ledger l) => CompensationEngine.Compute(Forfeit, 2020,
            CompensationData.Section("jinyushi", CompensationData.Year(2020, _ => WaterClass.II)), l.Decisions, at, l.Incidents);
        var events = new List<LedgerEvent>();
        Ledger Books() => Ledger.Replay(Forfeit, events);
        events.AddRange(Books().Record(Compute(Books()), at).Events);
        Period may = Period.Containing(PeriodKind.Month, new DateOnly(2020, 5, 1));
        string mayHash = AccountHash.Of(Books().AccountOf(may)!);
        events.AddRange(Books().Confirm(may, "hunan", "王芳", at).Events);
        events.AddRange(Books().Confirm(may, "jiangxi", "李华", at).Events);

        // When a level Ⅱ incident in May is proposed, agreed by both, and the year recomputed
        events.AddRange(Books().ProposeIncident(Incident(IncidentLevel.II), 7, "协调办", at).Events);
        events.AddRange(Books().Record(Compute(Books()), at).Events);
        int beforeAgreement = events.Count;
        events.AddRange(Books().ConfirmIncident(7, "hunan", "王芳", at).Events);
        events.AddRange(Books().ConfirmIncident(7, "jiangxi", "李华", at).Events);
        events.AddRange(Books().Record(Compute(Books()), at).Events);

        // Then the proposal alone changed nothing; once agreed, May stays as signed and the forfeiture is a proposed adjustment
        Assert.DoesNotContain(events.Take(beforeAgreement), e => e is AdjustmentProposed);
        Assert.Equal(mayHash, AccountHash.Of(Books().AccountOf(may)!));
        Adjustment proposed = Assert.Single(events.OfType<AdjustmentProposed>()).Adjustment;
        Assert.Equal(may, proposed.Corrected);
        Assert.Contains(proposed.After.Transfers, t => t.Basis == TransferBasis.IncidentForfeiture);
    }
}
