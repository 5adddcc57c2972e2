using System.Text;
using Qingshui.Domain.Compensation;
using Qingshui.Testing;

namespace Qingshui.Reporting.Tests;

/// <summary>The committed sample ledger (tests/Qingshui.Domain.Tests/Compensation/TestData) rendered: a final statement, no draft mark.</summary>
public sealed class SampleLedgerExportTests
{
    private const string Data = "tests/Qingshui.Domain.Tests/Compensation/TestData";

    private static Statement Sample()
    {
        LedgerEvent[] events = File.ReadAllLines(Path.Combine(SharedData.RepositoryRoot, Data, "lushui-2020.events.jsonl"), Encoding.UTF8)
            .Select(line => LedgerJson.Read(line, "lushui-2019")).ToArray();
        Agreement recorded = AgreementFile.Parse(((AgreementRecorded)events[0]).Text).Agreement!;
        return Statement.FromLedger(Ledger.Replay(recorded, events), 2020, new DateTimeOffset(2021, 6, 1, 0, 0, 0, TimeSpan.FromHours(8)));
    }

    [Fact]
    public void Markdown_OfTheSampleLedger_MatchesItsCommittedExport() =>
        GoldenFile.AssertMatches($"{Data}/lushui-2020.statement.md", StatementRenderer.Markdown(Sample()));

    [Fact]
    public void Exports_OfAFinalStatement_CarryNoDraftMark_AndSayFinalNextToTheNet()
    {
        Statement statement = Sample();

        Assert.DoesNotContain("<div class=\"watermark\"", StatementRenderer.Html(statement), StringComparison.Ordinal);
        Assert.DoesNotContain("DRAFT", StatementRenderer.Csv(statement, Language.English), StringComparison.Ordinal);
        Assert.Contains("| Hunan | Jiangxi | 8,000,000.00 | final: every period confirmed by every party |", StatementRenderer.Markdown(statement, Language.English), StringComparison.Ordinal);
    }

    [Fact]
    public void Exports_OfAProvisionalStatement_CarryTheDraftMarkInEveryFormat()
    {
        Statement draft = Statement.FromLedger(Ledger.Replay(Sample().Agreement, []), 2020, new DateTimeOffset(2020, 6, 1, 0, 0, 0, TimeSpan.FromHours(8)));

        Assert.Contains("<div class=\"watermark\" aria-hidden=\"true\">草稿 DRAFT", StatementRenderer.Html(draft), StringComparison.Ordinal);
        Assert.StartsWith("> **草稿 DRAFT", StatementRenderer.Markdown(draft), StringComparison.Ordinal);
        Assert.StartsWith("\"DRAFT 草稿", StatementRenderer.Csv(draft, Language.English), StringComparison.Ordinal);
        Assert.Contains("provisional (draft): the amount may still change: the year is not over; 2020-01 not computed yet", StatementRenderer.Csv(draft, Language.English), StringComparison.Ordinal);
        using var stream = new MemoryStream(StatementRenderer.Xlsx(draft, Language.English));
        Assert.Equal("Statement (DRAFT)", MiniExcelLibs.MiniExcel.GetSheetNames(stream)[0]);
    }
}
