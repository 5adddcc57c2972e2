using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;

namespace Qingshui.Server.Tests.Api;

public sealed class DataTableApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Table_EverySection_HasItsTimeClassStatus_AndEachValueColouredByItsOwnClass()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);
        await ApiClient.SendRecentHoursAsync(host, 2);

        JsonElement table = await client.GetJsonAsync("/api/v1/table");

        JsonElement[] rows = [.. table.GetProperty("rows").EnumerateArray()];
        Assert.Equal(TestHost.Preset.Sections.OrderBy(s => s.Order).Select(s => s.Id), rows.Select(r => r.GetProperty("section").GetString()));
        JsonElement jinyushi = rows.Single(r => r.GetProperty("section").GetString() == "jinyushi");
        Assert.Equal((2, 2, "normal"), (jinyushi.GetProperty("stationsOnline").GetInt32(), jinyushi.GetProperty("stations").GetInt32(), jinyushi.GetProperty("status").GetString()));
        Assert.NotNull(jinyushi.GetProperty("class").GetString());
        Assert.Equal(JsonValueKind.String, jinyushi.GetProperty("time").ValueKind);
        string[] columns = [.. table.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("item").GetString()!)];
        Assert.Contains("NH3N", columns);
        foreach (JsonElement value in jinyushi.GetProperty("values").EnumerateArray().Where(v => v.GetProperty("value").ValueKind == JsonValueKind.Number))
        {
            StandardItem item = Gb3838Table1.Items.Single(i => i.Id == value.GetProperty("item").GetString());
            WaterClass? own = ItemClassifier.Assess(item, value.GetProperty("value").GetDecimal(), WaterbodyKind.River).Class;
            Assert.Equal(own is WaterClass c ? WaterClassText.ToRoman(c) : null, value.GetProperty("class").GetString());
        }
    }

    [Fact]
    public async Task Table_FiltersAndSort_AndTheExcelFileHoldsExactlyTheRowsAndColumnsShown()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);
        await ApiClient.SendRecentHoursAsync(host, 2);
        const string Query = "province=hunan&parameter=NH3N,TP&sort=-NH3N";

        JsonElement table = await client.GetJsonAsync("/api/v1/table?" + Query);
        byte[] xlsx = await client.GetByteArrayAsync("/api/v1/table?format=xlsx&" + Query, Ct);

        JsonElement[] rows = [.. table.GetProperty("rows").EnumerateArray()];
        Assert.All(rows, r => Assert.Equal("hunan", r.GetProperty("province").GetString()));
        Assert.Equal(TestHost.Preset.Sections.Count(s => s.Jurisdiction == "hunan"), rows.Length);
        Assert.Equal(["NH3N", "TP"], table.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("item").GetString()));
        string?[] available = [.. table.GetProperty("available").EnumerateArray().Select(i => i.GetString())];
        Assert.Contains("NH3N", available);
        Assert.Contains("TP", available);
        Assert.Contains("pH", available);
        decimal?[] ammonia = [.. rows.Select(r => r.GetProperty("values")[0]).Select(v => v.GetProperty("value").ValueKind == JsonValueKind.Number ? v.GetProperty("value").GetDecimal() : (decimal?)null)];
        Assert.Equal(ammonia.Where(a => a is not null).OrderDescending(), ammonia.Where(a => a is not null));

        using SpreadsheetDocument document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        Row[] sheetRows = [.. document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>()];
        Assert.Equal(rows.Length + 1, sheetRows.Length);
        Assert.Equal(6 + 2, sheetRows[0].Elements<Cell>().Count());
        Assert.Equal(rows.Select(r => r.GetProperty("name").GetProperty("zh").GetString()), sheetRows.Skip(1).Select(r => r.Elements<Cell>().First().InnerText));
        Cell ammoniaCell = sheetRows[1].Elements<Cell>().ElementAt(6);
        Assert.Equal(CellValues.Number, ammoniaCell.DataType?.Value);
    }

    [Fact]
    public async Task Table_AsCsv_ByFormatOrAccept_HoldsTheRowsAndColumnsShown_WithABomAndNumbersAsNumbers()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);
        await ApiClient.SendRecentHoursAsync(host, 2);
        const string Query = "province=hunan&parameter=NH3N,TP&sort=-NH3N";
        JsonElement[] rows = [.. (await client.GetJsonAsync("/api/v1/table?" + Query)).GetProperty("rows").EnumerateArray()];

        using HttpResponseMessage byFormat = await client.GetAsync("/api/v1/table?format=csv&" + Query, Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/table?lang=en&" + Query);
        request.Headers.Accept.ParseAdd("text/csv");
        using HttpResponseMessage byAccept = await client.SendAsync(request, Ct);
        byte[] body = await byFormat.Content.ReadAsByteArrayAsync(Ct);
        string[] lines = System.Text.Encoding.UTF8.GetString(body, 3, body.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] english = (await byAccept.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(("text/csv", "text/csv"), (byFormat.Content.Headers.ContentType?.MediaType, byAccept.Content.Headers.ContentType?.MediaType));
        Assert.Equal([0xEF, 0xBB, 0xBF], body[..3]);
        Assert.StartsWith("断面名称,省份,监测时间,水质类别,目标类别,站点情况,", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Section,Province,Time,Class,Target,Station status,", english[0], StringComparison.Ordinal);
        Assert.Equal(rows.Length + 1, lines.Length);
        Assert.Equal(rows.Select(r => r.GetProperty("name").GetProperty("zh").GetString()), lines.Skip(1).Select(l => l.Split(',')[0]));
        JsonElement ammonia = rows[0].GetProperty("values")[0].GetProperty("value");
        string cell = lines[1].Split(',')[6];
        Assert.Equal(ammonia.ValueKind == JsonValueKind.Number, decimal.TryParse(cell, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _));
    }

    [Theory]
    [InlineData("province=guangdong", "province")]
    [InlineData("class=VII", "class")]
    [InlineData("parameter=XYZ", "parameter")]
    [InlineData("sort=colour", "sort")]
    [InlineData("basin=yangtze", "basin")]
    [InlineData("format=pdf", "format")]
    public async Task Table_BadFilter_IsAProblemNamingIt(string query, string field)
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);

        (int status, string? type, JsonElement body) = await client.GetProblemAsync("/api/v1/table?" + query);

        Assert.Equal((400, "application/problem+json"), (status, type));
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }
}
