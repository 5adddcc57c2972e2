using System.IO.Compression;
using System.Text;
using MiniExcelLibs;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;

namespace Qingshui.Reporting.Tests;

/// <summary>Statements a finance office can file: summable Excel, CSV that Excel opens, capitals, notes, signatures.</summary>
public sealed class StatementFilingTests
{
    private static readonly DateTimeOffset SignedAt = new(2021, 3, 2, 10, 0, 0, TimeSpan.FromHours(8));

    // Lushui 2020: ten months met (Hunan pays Jiangxi), March and August missed (Jiangxi pays Hunan); net 8,000,000.
    private static Ledger Lushui2020Ledger(bool confirmed)
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

        IReadOnlyList<PeriodAccount> accounts = CompensationEngine.Compute(lushui, 2020, new Dictionary<string, IReadOnlyList<Observation>> { ["jinyushi"] = observations });
        Ledger ledger = Ledger.Replay(lushui, []);
        ledger = Ledger.Replay(ledger.Agreement, ledger.Record(accounts, SignedAt.AddDays(-10)).Events);
        if (!confirmed)
        {
            return ledger;
        }

        foreach (Period period in lushui.PeriodsOf(2020))
        {
            ledger = Ledger.Replay(ledger.Agreement, [.. ledger.Events, .. ledger.Confirm(period, "jiangxi", "李明", SignedAt).Events]);
            ledger = Ledger.Replay(ledger.Agreement, [.. ledger.Events, .. ledger.Confirm(period, "hunan", "王芳", SignedAt.AddDays(1)).Events]);
        }

        return ledger;
    }

    private static Statement Lushui2020(bool confirmed = false) => Statement.FromLedger(Lushui2020Ledger(confirmed), 2020, SignedAt.AddDays(5));

    [Fact]
    public void Xlsx_OpenedWithAReader_AmountsAreNumbers_WhoseSumIsTheNet()
    {
        Statement statement = Lushui2020();
        using var stream = new MemoryStream(StatementRenderer.Xlsx(statement));

        var accounts = stream.Query(useHeaderRow: true, sheetName: "月度（期）核算").Cast<IDictionary<string, object>>().ToList();
        Transfer net = statement.Net.Single();
        decimal sum = accounts.Sum(row => Number(row["金额（元）"]) * (row["付款方"] as string == "湖南省" ? 1 : -1));
        var netRow = stream.Query(useHeaderRow: true, sheetName: "年度清算（按双方轧差）").Cast<IDictionary<string, object>>().Single();

        Assert.Equal(12, accounts.Count);
        Assert.All(accounts, row => Assert.IsNotType<string>(row["金额（元）"]));
        Assert.Equal(8_000_000m, net.Amount);
        Assert.Equal(net.Amount, sum);
        Assert.Equal(net.Amount, Number(netRow["金额（元）"]));
        Assert.Equal("捌佰万元整", netRow["大写金额"]);
    }

    [Fact]
    public void Xlsx_HasAmountFormat_HeaderRowsRepeatedOnPrint_AndAnA4PageSetup()
    {
        using var zip = new ZipArchive(new MemoryStream(StatementRenderer.Xlsx(Lushui2020())));
        string Read(string name)
        {
            using var reader = new StreamReader(zip.GetEntry(name)!.Open());
            return reader.ReadToEnd();
        }

        string styles = Read("xl/styles.xml"), workbook = Read("xl/workbook.xml");
        string[] sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Select(e => Read(e.FullName)).ToArray();

        Assert.Contains("formatCode=\"#,##0.00\"", styles, StringComparison.Ordinal);
        Assert.Equal(sheets.Length, workbook.Split("_xlnm.Print_Titles").Length - 1);
        Assert.All(sheets, sheet => Assert.Contains("paperSize=\"9\"", sheet, StringComparison.Ordinal));
        Assert.All(sheets, sheet => Assert.Contains("fitToWidth=\"1\"", sheet, StringComparison.Ordinal));
        Assert.All(sheets, sheet => Assert.Contains("&amp;P / &amp;N", sheet, StringComparison.Ordinal));
    }

    [Fact]
    public void CsvBytes_StartWithABom_AndHoldAmountsAsPlainNumbers()
    {
        byte[] csv = StatementRenderer.CsvBytes(Lushui2020());
        string text = Encoding.UTF8.GetString(csv, 3, csv.Length - 3);

        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]);
        Assert.Contains("湖南省,江西省,8000000.00,捌佰万元整", text, StringComparison.Ordinal);
    }

    [Fact]
    public void CsvBytes_Gbk_HaveNoBom_AndReadBackAsGbk()
    {
        byte[] csv = StatementRenderer.CsvBytes(Lushui2020(), Language.Chinese, CsvEncoding.Gbk);
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        Assert.NotEqual(0xEF, csv[0]);
        Assert.Contains("湖南省,江西省,8000000.00,捌佰万元整", Encoding.GetEncoding("GBK").GetString(csv), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_Chinese_PrintsTheAgreementsNotesInChinese_EnglishInEnglish()
    {
        string chinese = StatementRenderer.Markdown(Lushui2020()), english = StatementRenderer.Markdown(Lushui2020(), Language.English);

        Assert.Contains("| 按月核算，按年清算；次年4月底前付清（有来源）。 |", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("Computed monthly, settled yearly", chinese, StringComparison.Ordinal);
        Assert.Contains("| Computed monthly, settled yearly; paid by the end of April of the following year (stated). |", english, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_ExplainsValidOverRequired_AndPrintsPHMeansWithTwoDecimals()
    {
        string text = StatementRenderer.Markdown(Lushui2020(), Language.English);

        Assert.Contains("| The brackets after a mean (valid/required) | valid: the units of the period", text, StringComparison.Ordinal);
        Assert.Contains("Jinyushi: pH 7.60 (31/20), DO 8.2 (31/20)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_ConfirmedLedger_HasASignatureAndSealBlockPerParty_WithTheConfirmingNamesAndDates()
    {
        string text = StatementRenderer.Markdown(Lushui2020(confirmed: true));

        Assert.Contains("## 各方签章", text, StringComparison.Ordinal);
        Assert.Contains("| 江西省 | 李明 | 12/12 | 2021-03-02 | — |  |  |", text, StringComparison.Ordinal);
        Assert.Contains("| 湖南省 | 王芳 | 12/12 | 2021-03-03 | — |  |  |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_Unconfirmed_SignatureBlocksSayNobodyConfirmedYet()
    {
        string text = StatementRenderer.Markdown(Lushui2020(), Language.English);

        Assert.Contains("| Jiangxi | — | 0/12 | — | — |  |  |", text, StringComparison.Ordinal);
    }

    private static decimal Number(object value) => value switch
    {
        double d => (decimal)d,
        decimal m => m,
        _ => throw new InvalidOperationException($"not a number: {value} ({value?.GetType().Name})"),
    };
}
