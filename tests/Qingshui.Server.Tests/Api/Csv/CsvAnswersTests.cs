using System.Net;
using System.Text;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Server.Tests.Api.Paging;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Api.Csv;

/// <summary>Tables answer CSV on <c>Accept: text/csv</c> or <c>?format=csv</c>; other answers refuse it with 406.</summary>
public sealed class CsvAnswersTests
{
    private const string Mn = "360300A00000000000000201";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Stations_FormatCsv_IsUtf8WithBom_HeaderThenOneRowPerStation()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);

        using HttpResponseMessage response = await client.GetAsync("/api/v1/stations?format=csv", Ct);
        byte[] body = await response.Content.ReadAsByteArrayAsync(Ct);
        string[] lines = Encoding.UTF8.GetString(body, 3, body.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], body[..3]);
        Assert.StartsWith("mn,name.zh,name.en,section,", lines[0], StringComparison.Ordinal);
        Assert.Equal(TestHost.Preset.Stations.Count + 1, lines.Length);
        Assert.Contains(lines, l => l.StartsWith(Mn + ",", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AcceptCsv_OnSections_IsCsv_OnABasinAssessmentOrASection_Is406_AndAnUnknownFormatIs400()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);

        HttpStatusCode sections = await StatusAsync(client, "/api/v1/sections", "text/csv");
        HttpStatusCode assessment = await StatusAsync(client, $"/api/v1/basins/{TestHost.Preset.Id}/assessment", "text/csv");
        (int one, string? oneType, _) = await client.GetProblemAsync("/api/v1/sections/jinyushi?format=csv");
        (int xml, _, System.Text.Json.JsonElement xmlBody) = await client.GetProblemAsync("/api/v1/sections?format=xml");
        HttpStatusCode json = await StatusAsync(client, "/api/v1/sections?format=json", "text/csv");

        Assert.Equal(HttpStatusCode.OK, sections);
        Assert.Equal(HttpStatusCode.NotAcceptable, assessment);
        Assert.Equal((406, "application/problem+json"), (one, oneType));
        Assert.Equal(400, xml);
        Assert.True(xmlBody.GetProperty("errors").TryGetProperty("format", out _));
        Assert.Equal(HttpStatusCode.OK, json);
    }

    [Fact]
    public async Task PacketLog_AsCsv_NeutralisesAStationsFormulaText_AndKeepsTheNextLink()
    {
        await using TestHost host = await TestHost.StartAsync();
        RawPacket Reject(string reason) => new(DateTimeOffset.UtcNow, "127.0.0.1:9", Mn, null, PacketVerdict.Rejected, reason, Encoding.ASCII.GetBytes("=cmd|' /C calc'!A0"));
        await host.Store.WriteAsync([new IngestRecord(Reject("=HYPERLINK(\"http://evil\",\"x\")"), []), new IngestRecord(Reject("@SUM(1)"), [])], Ct);
        using HttpClient client = ApiClient.For(host);

        using HttpResponseMessage response = await client.GetAsync($"/api/v1/stations/{Mn}/packets?format=csv&limit=1", Ct);
        string csv = await response.Content.ReadAsStringAsync(Ct);

        Assert.Contains(",'@SUM(1),", csv, StringComparison.Ordinal);
        Assert.Contains(",'=cmd|' /C calc'!A0,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", csv, StringComparison.Ordinal);
        Assert.Contains("format=csv", PageWalk.NextOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readings_AcceptCsv_GiveNumbersAsNumbers_WithTheirFlags()
    {
        await using TestHost host = await TestHost.StartAsync();
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        await host.Store.WriteAsync([new IngestRecord(new RawPacket(start, "127.0.0.1:9", Mn, "2061", PacketVerdict.Accepted, null, [0x23]),
            [new Reading(Mn, "w21003", ReadingKind.Hour, start, 0.415m, Unit.MilligramPerLitre, "N", true),
             new Reading(Mn, "w21003", ReadingKind.Hour, start.AddHours(1), -0.02m, Unit.MilligramPerLitre, "D", false)])], Ct);
        using HttpClient client = ApiClient.For(host);
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/api/v1/stations/{Mn}/readings?kind=hour&from={Uri.EscapeDataString(start.ToString("O"))}&to={Uri.EscapeDataString(start.AddDays(1).ToString("O"))}");
        request.Headers.Accept.ParseAdd("text/csv");

        using HttpResponseMessage response = await client.SendAsync(request, Ct);
        string[] lines = (await response.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("parameter,kind,time,value,unit,flag,valid,revision,screenRule", lines[0].TrimStart('\uFEFF'));
        Assert.Equal("w21003,Hour,2024-01-01T00:00:00+08:00,0.415,mg/L,N,true,0,", lines[1]);
        Assert.Equal("w21003,Hour,2024-01-01T01:00:00+08:00,-0.02,mg/L,D,false,0,", lines[2]);
    }

    [Fact]
    public async Task SectionMonths_AsCsv_AreOneRowPerMonthWithData()
    {
        await using TestHost host = await Review.ReviewDeskHost.StartAsync();
        await Review.ReviewDeskHost.WriteMarchAsync(host);
        using HttpClient client = ApiClient.For(host);

        string csv = await client.GetStringAsync("/api/v1/sections/jinyushi/months?year=2024&format=csv", Ct);
        string[] lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("period,assessment.class,", lines[0], StringComparison.Ordinal);
        Assert.Single(lines[1..]);
        Assert.StartsWith("2024-03,", lines[1], StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd(accept);
        using HttpResponseMessage response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
