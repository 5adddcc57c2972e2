using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Compensation;

public sealed class CompensationEngineTests
{
    private static readonly Agreement Lushui = AgreementPresets.Load("lushui-2019");

    private static Statement Settle(Agreement agreement, int year, IEnumerable<Observation> observations, string section) =>
        Statement.FromAccounts(agreement, year, CompensationEngine.Compute(agreement, year, CompensationData.Section(section, observations)));

    [Fact]
    public void Lushui_TwelveCompliantMonths_HunanPaysJiangxi12Million()
    {
        Statement statement = Settle(Lushui, 2020, CompensationData.Year(2020, _ => WaterClass.II), "jinyushi");

        Assert.Equal(12, statement.Accounts.Count);
        Assert.All(statement.Accounts, a => Assert.Equal(new Transfer("hunan", "jiangxi", 1_000_000m, TransferBasis.TargetMet, "Ⅱ ≤ Ⅲ"), Assert.Single(a.Transfers)));
        Transfer net = Assert.Single(statement.Net);
        Assert.Equal(("hunan", "jiangxi", 12_000_000m), (net.Payer, net.Payee, net.Amount));
        Assert.Equal(new DateOnly(2021, 4, 30), statement.DueDate);
        Assert.Equal("1200万元", Money.ToChinese(net.Amount));
    }

    [Fact]
    public void Lushui_RoundOnesThirtyCompliantMonths_Total30Million()
    {
        // July 2019 to December 2021: the 3,000万 Pingxiang reported receiving for round 1.
        IEnumerable<Observation> all = new[] { 2019, 2020, 2021 }.SelectMany(y => CompensationData.Year(y, m => y == 2019 && m < 7 ? null : WaterClass.III));

        decimal total = new[] { 2019, 2020, 2021 }
            .Select(y => Settle(Lushui, y, all, "jinyushi"))
            .Sum(s => s.Net.Where(n => n.Payer == "hunan").Sum(n => n.Amount));

        Assert.Equal(30_000_000m, total);
        Assert.Equal(6, Lushui.PeriodsOf(2019).Count);
        Assert.Equal(6, Lushui.PeriodsOf(2022).Count);
    }

    [Fact]
    public void Lushui_TwoFailingMonths_Net8MillionToJiangxi()
    {
        Statement statement = Settle(Lushui, 2020, CompensationData.Year(2020, m => m is 3 or 8 ? WaterClass.IV : WaterClass.II), "jinyushi");

        Assert.Equal(["jiangxi→hunan", "jiangxi→hunan"], statement.Accounts.Where(a => a.Class == WaterClass.IV).Select(a => $"{a.Transfers[0].Payer}→{a.Transfers[0].Payee}"));
        Transfer net = Assert.Single(statement.Net);
        Assert.Equal(("hunan", "jiangxi", 8_000_000m), (net.Payer, net.Payee, net.Amount));
    }

    [Fact]
    public void Lushui_MonthWithoutEnoughData_IsUndetermined()
    {
        IEnumerable<Observation> data = CompensationData.Year(2020, _ => WaterClass.II)
            .Where(o => !(o.Time.Month == 5 && o.Item == Gb3838Table1.DissolvedOxygen));

        PeriodAccount may = CompensationEngine.Compute(Lushui, 2020, CompensationData.Section("jinyushi", data))[4];

        Assert.Equal(AccountStatus.Undetermined, may.Status);
        Assert.Empty(may.Transfers);
    }

    [Fact]
    public void Lushui_MonthWithoutAnyData_IsNoData_NotNoPayment_UntilADecisionIsRecorded()
    {
        IEnumerable<Observation> data = CompensationData.Year(2020, m => m == 5 ? null : WaterClass.II);

        IReadOnlyList<PeriodAccount> accounts = CompensationEngine.Compute(Lushui, 2020, CompensationData.Section("jinyushi", data));
        PeriodAccount may = accounts[4];
        Assert.Equal(AccountStatus.NoData, may.Status);
        Assert.Empty(may.Transfers);
        Assert.Null(may.Class);

        var decision = new Decision(may.Period, DecisionOutcome.TreatAsMissed, "joint meeting", new DateTimeOffset(2021, 1, 10, 9, 0, 0, TimeSpan.FromHours(8)), "station flooded");
        PeriodAccount decided = CompensationEngine.Compute(Lushui, 2020, CompensationData.Section("jinyushi", data), [decision])[4];
        Assert.Equal(AccountStatus.Decided, decided.Status);
        Assert.Equal(("jiangxi", "hunan"), (decided.Transfers[0].Payer, decided.Transfers[0].Payee));
        Assert.Same(decision, decided.Decision);
    }

    [Fact]
    public void Lushui_Evidence_CarriesMeansCountsClassAndDataFingerprint()
    {
        PeriodAccount march = CompensationEngine.Compute(Lushui, 2020, CompensationData.Section("jinyushi", CompensationData.Year(2020, _ => WaterClass.II)))[2];

        SectionEvidence evidence = Assert.Single(march.Evidence);
        PeriodMean ammonia = evidence.Means.Single(m => m.Item.Id == "NH3N");
        Assert.Equal((0.4m, 31, 20), (ammonia.Mean, ammonia.ValidUnits, ammonia.RequiredUnits));
        Assert.Equal(["NH3N"], evidence.Assessment.Deciding.Select(i => i.Id));
        Assert.Matches("^[0-9A-F]{16}$", evidence.DataFingerprint);
    }

    [Fact]
    public void YellowRiver_ClassIIBothYears_Base120Million()
    {
        Agreement yellow = AgreementPresets.Load("yellow-river-2021");
        // 2019 too: 2020's change component compares with it (here: no change).
        IEnumerable<Observation> data = new[] { 2019, 2020, 2021 }.SelectMany(y => Enumerable.Range(1, 12).SelectMany(m => CompensationData.Month(y, m, WaterClass.II, cod: 12m)));

        Statement[] years = [Settle(yellow, 2020, data, "liuzhuang"), Settle(yellow, 2021, data, "liuzhuang")];

        Assert.All(years, s => Assert.Equal(new Transfer("shandong", "henan", 60_000_000m, TransferBasis.ClassSteps, "Ⅱ vs Ⅲ: +1 steps"), Assert.Single(s.Accounts[0].Transfers)));
        Assert.Equal(120_000_000m, years.Sum(s => s.Net.Single().Amount));
        Assert.Equal("1.2亿元", Money.ToChinese(years.Sum(s => s.Net.Single().Amount)));
    }

    [Fact]
    public void YellowRiver_KeyPollutantIndexFalls_PaysPerPointUpToTheCap()
    {
        Agreement yellow = AgreementPresets.Load("yellow-river-2021");
        IEnumerable<Observation> data =
        [
            .. Enumerable.Range(1, 12).SelectMany(m => CompensationData.Month(2020, m, WaterClass.III, cod: 18m, tp: 0.15m)),
            .. Enumerable.Range(1, 12).SelectMany(m => CompensationData.Month(2021, m, WaterClass.III, cod: 17m, tp: 0.14m)),
        ];

        PeriodAccount year2021 = CompensationEngine.Compute(yellow, 2021, CompensationData.Section("liuzhuang", data))[0];

        // Index = mean of C/C(Ⅲ) over COD, NH3-N, TP: (0.9 + 0.9 + 0.75) / 3 = 0.85 → (0.85 + 0.9 + 0.7) / 3 ≈ 0.8167: −3.92 % → 3 points.
        Transfer change = Assert.Single(year2021.Transfers, t => t.Basis == TransferBasis.IndexChange);
        Assert.Equal(("shandong", "henan", 3_000_000m), (change.Payer, change.Payee, change.Amount));

        IEnumerable<Observation> collapse =
        [
            .. Enumerable.Range(1, 12).SelectMany(m => CompensationData.Month(2020, m, WaterClass.III, cod: 19m, tp: 0.19m)),
            .. Enumerable.Range(1, 12).SelectMany(m => CompensationData.Month(2021, m, WaterClass.I, cod: 5m, tp: 0.02m)),
        ];
        Transfer capped = CompensationEngine.Compute(yellow, 2021, CompensationData.Section("liuzhuang", collapse))[0].Transfers.Single(t => t.Basis == TransferBasis.IndexChange);
        Assert.Equal(40_000_000m, capped.Amount);
    }

    [Fact]
    public void YellowRiver_PreviousYearsIndexCannotBeComputed_AccountIsUndeterminedWithTheReason_UntilADecision()
    {
        Agreement yellow = AgreementPresets.Load("yellow-river-2021");
        IEnumerable<Observation> data =
        [
            .. Enumerable.Range(1, 12).SelectMany(m => CompensationData.Month(2020, m, WaterClass.II)),
            .. Enumerable.Range(1, 12).SelectMany(m => CompensationData.Month(2021, m, WaterClass.II, cod: 12m)),
        ];

        PeriodAccount year2021 = CompensationEngine.Compute(yellow, 2021, CompensationData.Section("liuzhuang", data))[0];

        // 2020 has no COD: the change component (up to 40,000,000) cannot be computed, so nothing is paid yet.
        Assert.Equal(AccountStatus.Undetermined, year2021.Status);
        Assert.Empty(year2021.Transfers);
        Assert.Contains("2020", Assert.Single(year2021.Gaps), StringComparison.Ordinal);
        Assert.Contains("COD", year2021.Gaps[0], StringComparison.Ordinal);
        Assert.Contains("\"gaps\":[", CanonicalJson.Write(json => CanonicalJson.WriteAccount(json, year2021)), StringComparison.Ordinal);

        var decision = new Decision(year2021.Period, DecisionOutcome.NoPayment, "joint meeting", new DateTimeOffset(2022, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)), "no 2020 COD");
        PeriodAccount decided = CompensationEngine.Compute(yellow, 2021, CompensationData.Section("liuzhuang", data), [decision])[0];
        Assert.Equal(AccountStatus.Decided, decided.Status);
        Assert.Equal(new Transfer("shandong", "henan", 60_000_000m, TransferBasis.ClassSteps, "Ⅱ vs Ⅲ: +1 steps"), Assert.Single(decided.Transfers));
    }

    [Fact]
    public void Chishui_EverySectionMet_YunnanPlus40MillionOthersMinus20Million()
    {
        Agreement chishui = AgreementPresets.Load("chishui-2018");
        IEnumerable<Observation> clean = CompensationData.Year(2019, _ => WaterClass.II);
        var observations = new Dictionary<string, IReadOnlyList<Observation>>
        {
            ["qingshuipu"] = clean.ToList(), ["lianyuxi"] = clean.ToList(), ["maotai-upstream"] = clean.ToList(),
        };

        Statement statement = Statement.FromAccounts(chishui, 2019, CompensationEngine.Compute(chishui, 2019, observations));

        Dictionary<string, decimal> position = chishui.Parties.ToDictionary(p => p.Id, p =>
            statement.Net.Where(n => n.Payee == p.Id).Sum(n => n.Amount) - statement.Net.Where(n => n.Payer == p.Id).Sum(n => n.Amount));
        Assert.Equal(40_000_000m, position["yunnan"]);
        Assert.Equal(-20_000_000m, position["guizhou"]);
        Assert.Equal(-20_000_000m, position["sichuan"]);
        Assert.Equal(2, statement.Net.Count);
    }

    [Fact]
    public void Chishui_QingshuipuMissed_CutsYunnansAllocationToTheOthers()
    {
        Agreement chishui = AgreementPresets.Load("chishui-2018");
        var observations = new Dictionary<string, IReadOnlyList<Observation>>
        {
            ["qingshuipu"] = CompensationData.Year(2019, _ => WaterClass.III).ToList(),
            ["lianyuxi"] = CompensationData.Year(2019, _ => WaterClass.II).ToList(),
            ["maotai-upstream"] = CompensationData.Year(2019, _ => WaterClass.II).ToList(),
        };

        PeriodAccount account = CompensationEngine.Compute(chishui, 2019, observations)[0];

        // Allocations 60/80/60 M; Yunnan's 60 M goes 30/30 to Guizhou and Sichuan; contributions 20/100/80 M.
        decimal Position(string party) => account.Transfers.Where(t => t.Payee == party).Sum(t => t.Amount) - account.Transfers.Where(t => t.Payer == party).Sum(t => t.Amount);
        Assert.Equal(-20_000_000m, Position("yunnan"));
        Assert.Equal(10_000_000m, Position("guizhou"));
        Assert.Equal(10_000_000m, Position("sichuan"));
    }

    [Fact]
    public void Chishui_MaotaiSectionMissed_GuizhouAndSichuanEachBearHalfTheCut()
    {
        Agreement chishui = AgreementPresets.Load("chishui-2018");
        var observations = new Dictionary<string, IReadOnlyList<Observation>>
        {
            ["qingshuipu"] = CompensationData.Year(2019, _ => WaterClass.II).ToList(),
            ["lianyuxi"] = CompensationData.Year(2019, _ => WaterClass.II).ToList(),
            ["maotai-upstream"] = CompensationData.Year(2019, _ => WaterClass.III).ToList(),
        };

        PeriodAccount account = CompensationEngine.Compute(chishui, 2019, observations)[0];

        // Against every section met (+40/−20/−20 M), Guizhou and Sichuan each lose 20 M to Yunnan.
        decimal Position(string party) => account.Transfers.Where(t => t.Payee == party).Sum(t => t.Amount) - account.Transfers.Where(t => t.Payer == party).Sum(t => t.Amount);
        Assert.Equal(80_000_000m, Position("yunnan"));
        Assert.Equal(-40_000_000m, Position("guizhou"));
        Assert.Equal(-40_000_000m, Position("sichuan"));
    }

    [Fact]
    public void XinanExample_IndexAtOrBelowOne_ZhejiangPaysAnhui()
    {
        Agreement xinan = AgreementPresets.Load("xinan-example");
        var time = new DateTimeOffset(2013, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));
        Observation[] year = Enumerable.Range(0, 12).SelectMany(m => new[]
        {
            new Observation(Gb3838Table1.PH, time.AddMonths(m - 5), 7.5m, true),
            new Observation(Gb3838Table1.DissolvedOxygen, time.AddMonths(m - 5), 8m, true),
            new Observation(Gb3838Table1.PermanganateIndex, time.AddMonths(m - 5), 2.0m, true),
            new Observation(Gb3838Table1.AmmoniaNitrogen, time.AddMonths(m - 5), 0.12m, true),
            new Observation(Gb3838Table1.TotalNitrogen, time.AddMonths(m - 5), 1.2m, true),
            new Observation(Gb3838Table1.TotalPhosphorus, time.AddMonths(m - 5), 0.025m, true),
        }).ToArray();

        PeriodAccount account = CompensationEngine.Compute(xinan, 2013, CompensationData.Section("jiekou", year))[0];

        Transfer transfer = Assert.Single(account.Transfers);
        Assert.Equal(("zhejiang", "anhui", 100_000_000m, "P = 0.85 ≤ 1"), (transfer.Payer, transfer.Payee, transfer.Amount, transfer.Detail));
    }

    [Theory]
    [InlineData("1234.565", "1234.57")]
    [InlineData("1234.575", "1234.58")]
    [InlineData("-0.005", "-0.01")]
    [InlineData("1000000", "1000000")]
    public void Money_RoundsToTheFen_HalfAwayFromZero(string yuan, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Money.RoundToFen(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Money_ProportionalSplits_AreRoundedToTheFen()
    {
        IReadOnlyList<Transfer> transfers = Netting.FromPositions(new Dictionary<string, decimal> { ["a"] = -100m, ["b"] = 33.333m, ["c"] = 66.667m }, TransferBasis.PooledFund, "");

        Assert.Equal([33.33m, 66.67m], transfers.Select(t => t.Amount));
    }

    [Fact]
    public void Statement_RecomputedFromTheSameData_IsByteIdentical()
    {
        IEnumerable<Observation> data = CompensationData.Year(2020, m => m == 3 ? WaterClass.IV : WaterClass.II);

        Statement first = Settle(Lushui, 2020, data, "jinyushi");
        Statement second = Settle(Lushui, 2020, data.Reverse(), "jinyushi");

        Assert.Equal(first.Json, second.Json);
        Assert.Equal(first.ContentHash, second.ContentHash);
        Assert.Matches("^[0-9a-f]{64}$", first.ContentHash);
        Assert.Contains($"\"contentHash\":\"{first.ContentHash}\"", first.Json, StringComparison.Ordinal);
    }
}
