using MiniExcelLibs;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;

namespace Qingshui.Reporting.Tests;

/// <summary>Names in agreement files are outside input: every export renders them as text, never as markup or a formula.</summary>
public sealed class StatementEscapingTests
{
    private const string Script = "<script>alert(1)</script>";
    private const string Formula = "=HYPERLINK(\"x\")";

    private static Statement Hostile()
    {
        Agreement lushui = AgreementPresets.Load("lushui-2019");
        Agreement hostile = lushui with
        {
            Name = new LocalizedText(Script + " [link](javascript:x) | *bold*", Formula),
            Parties = [new Party("jiangxi", new LocalizedText(Script, "+SUM(1,2)")), new Party("hunan", new LocalizedText("@cmd", "-2+3"))],
            Sections = [lushui.Sections[0] with { Name = new LocalizedText("<img src=x onerror=alert(1)>", Formula) }],
            Notes = [Formula, "\t=1+1", Script],
        };
        var observations = new List<Observation>();
        for (var day = new DateOnly(2020, 1, 1); day.Year == 2020; day = day.AddDays(1))
        {
            var time = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(8));
            observations.AddRange([new Observation(Gb3838Table1.PH, time, 7.6m, true), new Observation(Gb3838Table1.DissolvedOxygen, time, 8.2m, true),
                new Observation(Gb3838Table1.PermanganateIndex, time, 1.8m, true), new Observation(Gb3838Table1.AmmoniaNitrogen, time, 0.4m, true),
                new Observation(Gb3838Table1.TotalPhosphorus, time, 0.015m, true)]);
        }

        return Statement.FromAccounts(hostile, 2020, CompensationEngine.Compute(hostile, 2020, new Dictionary<string, IReadOnlyList<Observation>> { ["jinyushi"] = observations }));
    }

    [Fact]
    public void Html_EncodesEveryName()
    {
        string html = StatementRenderer.Html(Hostile());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_EscapesHtmlAndMarkup()
    {
        string markdown = StatementRenderer.Markdown(Hostile());

        Assert.DoesNotContain("<script", markdown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", markdown, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("# &lt;script&gt;alert(1)&lt;/script&gt; \\[link\\](javascript:x) \\| \\*bold\\*", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("x](javascript", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_TextCellsCannotStartAFormula()
    {
        string csv = StatementRenderer.Csv(Hostile(), Language.English);

        string[] cells = csv.Split('\n').SelectMany(line => line.Split(',')).Select(c => c.TrimStart('"')).ToArray();
        Assert.DoesNotContain(cells, c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t');
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", csv, StringComparison.Ordinal);
        Assert.Contains("'+SUM(1", csv, StringComparison.Ordinal);
        Assert.Contains("'\t=1+1", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Xlsx_TextCellsCannotStartAFormula()
    {
        using var stream = new MemoryStream(StatementRenderer.Xlsx(Hostile(), Language.English));

        string[] cells = MiniExcel.GetSheetNames(stream)
            .SelectMany(sheet => stream.Query(sheetName: sheet).Cast<IDictionary<string, object>>())
            .SelectMany(row => row.Values).Select(v => v?.ToString() ?? "").ToArray();
        Assert.DoesNotContain(cells, c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t');
        Assert.Contains("'=HYPERLINK(\"x\")", cells);
        Assert.Contains("'-2+3", cells);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+1", "+1")]
    [InlineData("-12.50", "-12.50")]
    [InlineData("-x", "'-x")]
    [InlineData("@a", "'@a")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("1,000.00", "1,000.00")]
    public void Cell_NeutralisesFormulasButLeavesNumbers(string text, string expected) => Assert.Equal(expected, StatementRenderer.Cell(text));
}
