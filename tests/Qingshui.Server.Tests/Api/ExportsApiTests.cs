using System.Net;
using System.Text;
using System.Text.Json;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Server.Accounts;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Api;

/// <summary>Readings and monthly results exported as CSV over a chosen range, every row, with the reader's rights.</summary>
public sealed class ExportsApiTests
{
    private const string Jiangxi = "360300A00000000000000201";
    private const string Hunan = "430281A00000000000000202";
    private static readonly DateTimeOffset January = new(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task HourlyExport_OfASection_OverFortyDays_IsEveryReadingOnce_StationByStation()
    {
        await using TestHost host = await TestHost.StartAsync();
        await WriteHoursAsync(host, Jiangxi, 40 * 24);
        await WriteHoursAsync(host, Hunan, 40 * 24);
        using HttpClient client = ApiClient.For(host);

        string[] lines = await CsvLinesAsync(client, $"/api/v1/exports/readings?section=jinyushi&interval=hour&{Range(40)}");

        Assert.Equal("station,section,parameter,kind,time,value,unit,flag,valid", lines[0]);
        Assert.Equal(2 * 2 * 40 * 24, lines.Length - 1);
        Assert.Equal(lines.Length - 1, lines[1..].Distinct().Count());
        Assert.Equal($"{Jiangxi},jinyushi,w01001,hour,2024-01-01T00:00:00+08:00,0,mg/L,N,true", lines[1]);
        Assert.StartsWith($"{Hunan},", lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RawExport_IsTheRealTimeValuesOnly_PagedThroughMoreThanOneQuery()
    {
        // Given a station with 6,000 real-time values (more than one 5,000-reading query) and a day of hourly values
        await using TestHost host = await TestHost.StartAsync();
        Reading[] realTime = [.. Enumerable.Range(0, 6000).Select(m =>
            new Reading(Jiangxi, "w21003", ReadingKind.RealTime, January.AddMinutes(m), m / 1000m, Unit.MilligramPerLitre, "N", true))];
        await host.Store.WriteAsync([new IngestRecord(new RawPacket(January, "127.0.0.1:9", Jiangxi, "2011", PacketVerdict.Accepted, null, [0x23]), realTime)], Ct);
        await WriteHoursAsync(host, Jiangxi, 24);
        using HttpClient client = ApiClient.For(host);

        string[] lines = await CsvLinesAsync(client, $"/api/v1/exports/readings?station={Jiangxi}&interval=raw&{Range(5)}");

        Assert.Equal("station,section,parameter,kind,time,value,unit,flag,valid", lines[0]);
        Assert.Equal(6000, lines.Length - 1);
        Assert.All(lines[1..], line => Assert.Equal("realtime", line.Split(',')[3]));
        Assert.Equal(6000, lines[1..].Select(l => l.Split(',')[4]).Distinct().Count());
        Assert.Equal($"{Jiangxi},jinyushi,w21003,realtime,2024-01-05T03:59:00+08:00,5.999,mg/L,N,true", lines[^1]);
    }

    [Fact]
    public async Task DailyExport_IsTheMeanOfEachDaysValidHours()
    {
        await using TestHost host = await TestHost.StartAsync();
        await WriteHoursAsync(host, Jiangxi, 3 * 24);
        using HttpClient client = ApiClient.For(host);

        string[] lines = await CsvLinesAsync(client, $"/api/v1/exports/readings?station={Jiangxi}&interval=day&parameter=w21003&{Range(3)}");

        // Each day: 0.0, 0.1 … 2.3 (hour of day / 10), the hour at 23:00 invalid and left out: 25.3 / 23 = 1.1.
        Assert.Equal(["station,section,parameter,day,mean,unit,validHours",
            $"{Jiangxi},jinyushi,w21003,2024-01-01,1.1,mg/L,23", $"{Jiangxi},jinyushi,w21003,2024-01-02,1.1,mg/L,23", $"{Jiangxi},jinyushi,w21003,2024-01-03,1.1,mg/L,23"], lines);
    }

    [Fact]
    public async Task MonthExport_IsOneRowPerSectionMonthWithData_WithEachItemsMean()
    {
        await using TestHost host = await Review.ReviewDeskHost.StartAsync();
        await Review.ReviewDeskHost.WriteMarchAsync(host);
        using HttpClient client = ApiClient.For(host);

        string[] lines = await CsvLinesAsync(client, "/api/v1/exports/months?from=2024-01&to=2024-06");

        Assert.StartsWith("section,name,month,targetClass,class,grade,deciding,mainPollutants,missing,", lines[0], StringComparison.Ordinal);
        Assert.Single(lines[1..]);
        Assert.StartsWith("jinyushi,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",2024-03,", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/v1/exports/readings?to=2024-02-01", "from")]
    [InlineData("/api/v1/exports/readings?from=2024-01-01&to=2024-02-01&interval=week", "interval")]
    [InlineData("/api/v1/exports/readings?from=2024-01-01&to=2024-02-01&station=360300A00000000000000201&section=jinyushi", "station")]
    [InlineData("/api/v1/exports/readings?from=2024-01-01&to=2024-02-01&station=000", "station")]
    [InlineData("/api/v1/exports/readings?from=2000-01-01&to=2024-02-01", "from")]
    [InlineData("/api/v1/exports/readings?from=2024-01-01&to=2024-02-01&format=xlsx", "format")]
    [InlineData("/api/v1/exports/months?from=2024-06&to=2024-01", "from")]
    [InlineData("/api/v1/exports/months?from=2024-01&to=2024-06&section=nowhere", "section")]
    [InlineData("/api/v1/exports/months?from=2024-01", "to")]
    public async Task BadExportParameter_IsA400NamingIt(string path, string named)
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);

        (int status, string? type, JsonElement body) = await client.GetProblemAsync(path);

        Assert.Equal((400, "application/problem+json"), (status, type));
        Assert.True(body.GetProperty("errors").TryGetProperty(named, out _), body.ToString());
    }

    [Fact]
    public async Task Exports_FollowTheReadSetting_ReadingsForMembers_MonthsForTheBasinPublic()
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { PublicRead = PublicReads.Basin });
        using HttpClient anonymous = Members.Client(host);

        using HttpResponseMessage readings = await anonymous.GetAsync($"/api/v1/exports/readings?{Range(1)}", Ct);
        using HttpResponseMessage months = await anonymous.GetAsync("/api/v1/exports/months?from=2024-01&to=2024-02", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, readings.StatusCode);
        Assert.Equal(HttpStatusCode.OK, months.StatusCode);
    }

    private static string Range(int days) =>
        $"from={Uri.EscapeDataString(January.ToString("O"))}&to={Uri.EscapeDataString(January.AddDays(days).ToString("O"))}";

    private static async Task<string[]> CsvLinesAsync(HttpClient client, string path)
    {
        using HttpResponseMessage response = await client.GetAsync(path, Ct);
        byte[] body = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body)}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], body[..3]);
        return Encoding.UTF8.GetString(body, 3, body.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Two parameters each hour: w01001 (hour index) and w21003 (hour of day / 10, the hour at 23:00 invalid).</summary>
    private static async Task WriteHoursAsync(TestHost host, string mn, int hours)
    {
        Reading[] readings = [.. Enumerable.Range(0, hours).SelectMany(h => new[]
        {
            new Reading(mn, "w01001", ReadingKind.Hour, January.AddHours(h), h, Unit.MilligramPerLitre, "N", true),
            new Reading(mn, "w21003", ReadingKind.Hour, January.AddHours(h), h % 24 / 10m, Unit.MilligramPerLitre, h % 24 == 23 ? "D" : "N", h % 24 != 23),
        })];
        await host.Store.WriteAsync([new IngestRecord(new RawPacket(January, "127.0.0.1:9", mn, "2061", PacketVerdict.Accepted, null, [0x23]), readings)], Ct);
    }
}
