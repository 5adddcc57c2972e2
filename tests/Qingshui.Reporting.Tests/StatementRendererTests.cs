using MiniExcelLibs;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;
using Qingshui.Testing;

namespace Qingshui.Reporting.Tests;

public sealed class StatementRendererTests
{
    private static Statement Lushui2020()
    {
        Agreement lushui = AgreementPresets.Load("lushui-2019");
        var observations = new List<Observation>();
        for (var day = new DateOnly(2020, 1, 1); day.Year == 2020; day = day.AddDays(1))
        {
            var time = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(8));
            observations.AddRange(
            [
                new Observation(Gb3838Table1.PH, time, 7.6m, true), new Observation(Gb3838Table1.DissolvedOxygen, time, 8.2m, true),
                new Observation(Gb3838Table1.PermanganateIndex, time, 1.8m, true),
                new Observation(Gb3838Table1.AmmoniaNitrogen, time, day.Month is 3 or 8 ? 1.3m : 0.4m, true),
                new Observation(Gb3838Table1.TotalPhosphorus, time, 0.015m, true),
            ]);
        }

        return Statement.FromAccounts(lushui, 2020, CompensationEngine.Compute(lushui, 2020, new Dictionary<string, IReadOnlyList<Observation>> { ["jinyushi"] = observations }));
    }

    [Fact]
    public void Markdown_LedgerWithAPayment_ShowsOwedPaidEachInstalmentAndOutstanding()
    {
        Statement computed = Lushui2020();
        var at = new DateTimeOffset(2021, 5, 10, 9, 0, 0, TimeSpan.FromHours(8));
        Ledger ledger = Ledger.Replay(computed.Agreement, []);
        ledger = Ledger.Replay(ledger.Agreement, ledger.Record(computed.Accounts, at).Events);
        ledger = Ledger.Replay(ledger.Agreement, [.. ledger.Events, .. ledger.Pay(new Instalment(2020, "hunan", "jiangxi", 5_000_000m, new DateOnly(2021, 4, 20), "湘财预〔2021〕12号"), "王芳", at).Events]);

        string text = StatementRenderer.Markdown(Statement.FromLedger(ledger, 2020, at), Language.English);

        Assert.Contains("## Payments", text, StringComparison.Ordinal);
        Assert.Contains("| Hunan | Jiangxi | 8,000,000.00 | 5,000,000.00 | 2021-04-20 5,000,000.00 (湘财预〔2021〕12号) | 3,000,000.00 | 2021-04-30 | overdue |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_Chinese_MatchesGoldenFile() =>
        GoldenFile.AssertMatches("tests/Qingshui.Reporting.Tests/Lushui2020.golden.md", StatementRenderer.Markdown(Lushui2020()));

    [Fact]
    public void Markdown_English_UsesEnglishNamesAndHeadings()
    {
        string text = StatementRenderer.Markdown(Lushui2020(), Language.English);

        Assert.Contains("# Lushui basin horizontal eco-compensation agreement, round 1", text, StringComparison.Ordinal);
        Assert.Contains("| Hunan | Jiangxi | 8,000,000.00 |", text, StringComparison.Ordinal);
        Assert.DoesNotContain("付款方", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_IsAStandalonePrintablePage_WithEscapedText()
    {
        string html = StatementRenderer.Html(Lushui2020());

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Contains("Ⅳ &gt; Ⅲ", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_OpensWithTheStatementAndItsNet()
    {
        Statement statement = Lushui2020();
        using var stream = new MemoryStream(StatementRenderer.Xlsx(statement));

        List<string> sheets = MiniExcel.GetSheetNames(stream);
        Assert.Equal(["结算单（草稿）", "月度（期）核算", "调整（确认后数据更正）", "待确认的调整建议（未计入）", "年度清算（按双方轧差）", "协议说明", "协议条款（本结算所依据）", "读表说明", "各方签章"], sheets);
        var summary = stream.Query(sheetName: "结算单（草稿）").Cast<IDictionary<string, object>>().Select(r => string.Join("|", r.Values)).ToList();
        Assert.Contains(summary, r => r.Contains(statement.ContentHash, StringComparison.Ordinal));
        var net = stream.Query(useHeaderRow: true, sheetName: "年度清算（按双方轧差）").Cast<IDictionary<string, object>>().Single();
        Assert.Equal("湖南省", net["付款方"]);
        Assert.Equal(8_000_000d, net["金额（元）"]);
        Assert.Equal(12, stream.Query(useHeaderRow: true, sheetName: "月度（期）核算").Count());
    }

    [Fact]
    public void Markdown_ShowsTheTermsFollowed_UnsourcedOnesMarked_AndEachItemsValidDays()
    {
        Agreement yellow = AgreementPresets.Load("yellow-river-2021");
        Statement statement = Statement.FromAccounts(yellow, 2021, CompensationEngine.Compute(yellow, 2021, new Dictionary<string, IReadOnlyList<Observation>>()));

        string english = StatementRenderer.Markdown(statement, Language.English);
        string lushui = StatementRenderer.Markdown(Lushui2020(), Language.English);

        Assert.Contains("Payment due: 2022-06-30 (unconfirmed: no source gives it)", english, StringComparison.Ordinal);
        Assert.Contains("| Payment due | 06-30 | (unconfirmed: no source gives it) |", english, StringComparison.Ordinal);
        Assert.Contains("| Time zone days are cut in | UTC+08:00 | sourced |", english, StringComparison.Ordinal);
        Assert.Contains("COD+NH3N+TP: MeanOfRatios, WholePointsDown", english, StringComparison.Ordinal);
        Assert.Contains("| Completeness (valid values a day / valid days a month) | 1 / 20 | (unconfirmed: no source gives it) |", lushui, StringComparison.Ordinal);
        Assert.Contains("valid days / days, valid values: pH 31/31, 31", lushui, StringComparison.Ordinal);
        Assert.DoesNotContain("Payment due: 2021-04-30 (unconfirmed", lushui, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_UnderADataSourceTerm_ShowsEveryStationsMeanSideBySideWithTheDifference()
    {
        Agreement lushui = AgreementPresets.Load("lushui-2019");
        Agreement agreement = lushui with { Sections = [lushui.Sections[0] with { Source = new SectionDataSource(DataSourceKind.Station, ["360300A00000000000000201"]) }] };
        var observations = new Dictionary<string, IReadOnlyList<Observation>>();
        foreach ((string station, decimal ammonia) in new[] { ("360300A00000000000000201", 0.4m), ("430281A00000000000000202", 0.9m) })
        {
            var list = new List<Observation>();
            for (var day = new DateOnly(2020, 1, 1); day.Year == 2020; day = day.AddDays(1))
            {
                var time = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(8));
                list.AddRange([new Observation(Gb3838Table1.PH, time, 7.6m, true), new Observation(Gb3838Table1.DissolvedOxygen, time, 8.2m, true),
                    new Observation(Gb3838Table1.PermanganateIndex, time, 1.8m, true), new Observation(Gb3838Table1.AmmoniaNitrogen, time, ammonia, true),
                    new Observation(Gb3838Table1.TotalPhosphorus, time, 0.015m, true)]);
            }

            observations[station] = list;
        }

        string text = StatementRenderer.Markdown(Statement.FromAccounts(agreement, 2020, CompensationEngine.Compute(agreement, 2020, observations)), Language.English);

        Assert.Contains("## Stations side by side", text, StringComparison.Ordinal);
        string march = text.Split('\n').Single(line => line.StartsWith("| 2020-03 | NH3N |", StringComparison.Ordinal));
        Assert.Contains("360300A00000000000000201 0.40 (Ⅱ)", march, StringComparison.Ordinal);
        Assert.Contains("430281A00000000000000202 0.90 (Ⅲ)", march, StringComparison.Ordinal);
        Assert.EndsWith("| 0.50 | 360300A00000000000000201 |", march, StringComparison.Ordinal);
    }
}
