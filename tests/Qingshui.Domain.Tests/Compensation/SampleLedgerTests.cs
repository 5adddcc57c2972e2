using System.Security.Cryptography;
using System.Text;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Compensation;

/// <summary>
/// A committed ledger: Lushui round 1, 2020, every month confirmed by both parties (November decided by the joint
/// meeting), the year settled. Its statement and content hash are what both provinces signed: replay must give them
/// byte for byte now and after any change of presets, rules or code. Never regenerate these files.
/// </summary>
public sealed class SampleLedgerTests
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "Compensation", "TestData");
    private static readonly DateTimeOffset Later = new(2021, 6, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static string[] StoredEvents() => File.ReadAllLines(Path.Combine(Data, "lushui-2020.events.jsonl"), Encoding.UTF8);

    /// <summary>The sample's events as read back, and the agreement they recorded (no preset involved).</summary>
    private static (LedgerEvent[] Events, Agreement Recorded) Sample()
    {
        LedgerEvent[] events = StoredEvents().Select(line => LedgerJson.Read(line, "lushui-2019")).ToArray();
        Agreement recorded = AgreementFile.Parse(((AgreementRecorded)events[0]).Text).Agreement!;
        return (events, recorded);
    }

    [Fact]
    public void Replay_ReproducesTheSignedStatementAndContentHash_ByteForByte()
    {
        (LedgerEvent[] events, Agreement recorded) = Sample();

        Statement statement = Statement.FromLedger(Ledger.Replay(recorded, events), 2020, Later);

        Assert.Equal(File.ReadAllText(Path.Combine(Data, "lushui-2020.statement.json"), Encoding.UTF8), statement.Json + "\n");
        Assert.Equal(File.ReadAllText(Path.Combine(Data, "lushui-2020.statement.sha256")).Trim(), statement.ContentHash);
        Assert.Equal(((YearSettled)events[^1]).StatementHash, statement.ContentHash);
        Assert.False(statement.Provisional);
        Assert.Equal(StoredEvents(), events.Select(LedgerJson.Write));
    }

    [Fact]
    public void Replay_UnderTodaysPresetWithAnotherRuleAndAmounts_GivesTheSameStatement_AndSaysTheAgreementChanged()
    {
        (LedgerEvent[] events, _) = Sample();
        Agreement edited = AgreementPresets.Load("lushui-2019") with
        {
            Rule = EvaluationRule.Custom([Gb3838Table1.AmmoniaNitrogen, Gb3838Table1.ChemicalOxygenDemand]),
            Amount = new ClassBasedRule("jinyushi", new Payment("hunan", "jiangxi", 3m), new Payment("jiangxi", "hunan", 3m)),
            PaymentDue = (1, 1),
        };

        Ledger ledger = Ledger.Replay(edited, events);
        Statement statement = Statement.FromLedger(ledger, 2020, Later);

        Assert.True(ledger.AgreementChanged);
        string signed = File.ReadAllText(Path.Combine(Data, "lushui-2020.statement.json"), Encoding.UTF8);
        Assert.Equal(signed.Replace("\"agreementChanged\":false", "\"agreementChanged\":true", StringComparison.Ordinal), statement.Json + "\n");
        Assert.All(ledger.Agreement.PeriodsOf(2020), p => Assert.Equal(PeriodState.Settled, ledger.StateOf(p)));
    }

    [Fact]
    public void Recompute_WithChangedDataAfterSignOff_GivesProposalsForTheNextYear_NotAChangeOfTheSignedYear()
    {
        (LedgerEvent[] events, Agreement recorded) = Sample();
        Ledger ledger = Ledger.Replay(recorded, events);
        IReadOnlyList<PeriodAccount> recomputed = CompensationEngine.Compute(recorded, 2020,
            CompensationData.Section("jinyushi", CompensationData.Year(2020, _ => WaterClass.V)), ledger.Decisions, Later);

        LedgerResult result = ledger.Record(recomputed, Later);
        Ledger after = Ledger.Replay(recorded, [.. events, .. result.Events]);

        Assert.NotEmpty(result.Events);
        Assert.All(result.Events, e => Assert.Equal(2021, Assert.IsType<AdjustmentProposed>(e).Adjustment.AppliedIn.Start.Year));
        Statement statement = Statement.FromLedger(after, 2020, Later);
        Assert.Equal(File.ReadAllText(Path.Combine(Data, "lushui-2020.statement.sha256")).Trim(), statement.ContentHash);
        Assert.False(statement.Provisional);
        Assert.Equal(8_000_000m, statement.Net.Single().Amount);
        Assert.True(Statement.FromLedger(after, 2021, Later).Provisional);
    }

    [Fact]
    public void Recompute_WithTheSameData_ProposesNothingMerelyBecauseAccountsNowCarryMoreEvidence()
    {
        // The data the sample was computed from: March and August Ⅳ, June Ⅲ, November without data, the rest Ⅱ.
        (LedgerEvent[] events, Agreement recorded) = Sample();
        Ledger ledger = Ledger.Replay(recorded, events);
        IEnumerable<Observation> data = CompensationData.Year(2020, m => m switch { 3 or 8 => WaterClass.IV, 6 => WaterClass.III, 11 => null, _ => WaterClass.II });

        IReadOnlyList<PeriodAccount> recomputed = CompensationEngine.Compute(recorded, 2020, CompensationData.Section("jinyushi", data), ledger.Decisions, Later);

        Assert.NotNull(recomputed[0].Evidence[0].Coverage);
        LedgerResult result = ledger.Record(recomputed, Later);

        // Only November, without data, is proposed again: TP is now among its missing items (a rule fix, which after
        // sign-off is only ever a proposal), with nothing to pay.
        Adjustment november = Assert.IsType<AdjustmentProposed>(Assert.Single(result.Events)).Adjustment;
        Assert.Equal("2020-11", november.Corrected.ToString());
        Assert.Empty(november.Transfers);
        Assert.Contains(Gb3838Table1.TotalPhosphorus, november.After.Evidence[0].Assessment.Missing);
    }

    [Fact]
    public void ContentHash_IsTheSha256OfTheStatementWithoutItsStanding()
    {
        string json = File.ReadAllText(Path.Combine(Data, "lushui-2020.statement.json"), Encoding.UTF8).TrimEnd('\n');
        string body = json[..json.IndexOf(",\"contentHash\":", StringComparison.Ordinal)] + "}";

        Assert.Equal(File.ReadAllText(Path.Combine(Data, "lushui-2020.statement.sha256")).Trim(),
            Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(body))).ToLowerInvariant());
    }
}
