using Qingshui.Server.Api.Csv;

namespace Qingshui.Server.Tests.Api.Csv;

public sealed class CsvCellsTests
{
    [Fact]
    public void Row_QuotesByRfc4180_AndNeutralisesFormulaText_ButNotNumbers()
    {
        var writer = new StringWriter();

        CsvCells.WriteRow(writer, ["plain", "a,b", "say \"hi\"", "two\nlines", "=SUM(A1:A9)", "+86 10", "-cmd", "@import", "\tx", CsvCell.Number("-1.5"), "水质"]);

        Assert.Equal("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",'=SUM(A1:A9),'+86 10,'-cmd,'@import,'\tx,-1.5,水质\r\n", writer.ToString());
    }

    [Fact]
    public void Neutralised_FormulaWithAQuote_IsStillQuotedWhole()
    {
        var writer = new StringWriter();

        CsvCells.WriteRow(writer, ["=HYPERLINK(\"http://x\",\"y\")"]);

        Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n", writer.ToString());
    }

    [Theory]
    [InlineData("text/csv", true)]
    [InlineData("text/csv, application/json;q=0.5", true)]
    [InlineData("application/json, text/csv", false)]
    [InlineData("text/csv;q=0.2, application/json", false)]
    [InlineData("*/*", false)]
    [InlineData("text/csv, */*", true)]
    [InlineData("", false)]
    public void Accept_AsksForCsv_OnlyWhenItRanksCsvAboveJson(string accept, bool csv) =>
        Assert.Equal(csv, CsvNegotiation.PrefersCsv(accept));
}
