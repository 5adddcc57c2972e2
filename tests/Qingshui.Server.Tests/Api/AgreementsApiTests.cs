using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;
using Qingshui.Server.Accounts;
using Qingshui.Storage.Compensation;

namespace Qingshui.Server.Tests.Api;

public sealed class AgreementsApiTests
{
    private static readonly Agreement Lushui = AgreementPresets.Load("lushui-2019");

    [Fact]
    public async Task Statement_IsServedAsJsonAndAsEveryDownloadFormat()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { Agreements = [Lushui] });
        using HttpClient client = ApiClient.For(host);

        JsonElement list = await client.GetJsonAsync("/api/v1/agreements/");
        JsonElement statement = await client.GetJsonAsync("/api/v1/agreements/lushui-2019/statements/2020");
        HttpResponseMessage xlsx = await client.GetAsync("/api/v1/agreements/lushui-2019/statements/2020?format=xlsx&lang=en", ct);
        string markdown = await client.GetStringAsync("/api/v1/agreements/lushui-2019/statements/2020?format=md", ct);

        Assert.Equal(("lushui-2019", "2019-07", "2022-06"), (list[0].GetProperty("id").GetString(), list[0].GetProperty("termStart").GetString(), list[0].GetProperty("termEnd").GetString()));
        Assert.Equal(2020, statement.GetProperty("year").GetInt32());
        Assert.Equal("2021-04-30", statement.GetProperty("dueDate").GetString());
        Assert.Equal("lushui-2019-2020.xlsx", xlsx.Content.Headers.ContentDisposition?.FileNameStar ?? xlsx.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString((await xlsx.Content.ReadAsByteArrayAsync(ct))[..2]));
        Assert.Contains(statement.GetProperty("contentHash").GetString()!, markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statement_Csv_IsUtf8WithABom_OrGbkOnRequest_AndAnUnknownEncodingIsAProblem()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { Agreements = [Lushui] });
        using HttpClient client = ApiClient.For(host);

        byte[] utf8 = await client.GetByteArrayAsync("/api/v1/agreements/lushui-2019/statements/2020?format=csv", ct);
        byte[] gbk = await client.GetByteArrayAsync("/api/v1/agreements/lushui-2019/statements/2020?format=csv&encoding=gbk", ct);
        (int status, _, JsonElement body) = await client.GetProblemAsync("/api/v1/agreements/lushui-2019/statements/2020?format=csv&encoding=latin1");
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

        Assert.Equal([0xEF, 0xBB, 0xBF], utf8[..3]);
        Assert.Contains("年度清算（按双方轧差）", System.Text.Encoding.GetEncoding("GBK").GetString(gbk), StringComparison.Ordinal);
        Assert.Equal(400, status);
        Assert.Contains("'latin1' is not utf-8 or gbk", body.GetProperty("errors").GetProperty("encoding")[0].GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("99999")]
    [InlineData("2030")]
    public async Task Statement_YearOutsideTheTerm_IsAProblemNamingTheYear(string year)
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { Agreements = [Lushui] });
        using HttpClient client = ApiClient.For(host);

        (int status, _, JsonElement body) = await client.GetProblemAsync($"/api/v1/agreements/lushui-2019/statements/{year}");

        Assert.Equal(400, status);
        Assert.Contains(year == "2030" ? "outside the agreement's term (2019-07 to 2022-06)" : $"'{year}' is outside the years", body.GetProperty("errors").GetProperty("year")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statement_DuringTheYear_IsProvisionalWithReasons_AndEachPeriodHasItsOwnState()
    {
        // Given the server's clock in mid-May 2021 and no readings at all
        CancellationToken ct = TestContext.Current.CancellationToken;
        string directory = Directory.CreateTempSubdirectory("qingshui-agreements-").FullName;
        var options = new ServerOptions
        {
            Basin = TestHost.Preset, DatabasePath = Path.Combine(directory, "q.db"), Hj212Port = 0, HttpPort = 0, FullSync = false, Agreements = [Lushui],
            PublicRead = PublicReads.All,
        };
        QingshuiServer server = await QingshuiServer.StartAsync(options, clock: new FixedClock(new DateTimeOffset(2021, 5, 15, 12, 0, 0, TimeSpan.FromHours(8))), cancellationToken: ct);
        try
        {
            await server.Services.GetRequiredService<SettlementService>().RecomputeAsync(Lushui, 2021, ct);
            using var client = new HttpClient { BaseAddress = new Uri($"http://{server.HttpEndPoint}") };

            JsonElement statement = await client.GetJsonAsync("/api/v1/agreements/lushui-2019/statements/2021");

            // Then it is provisional, says why, and no month reads as "no payment"
            Assert.True(statement.GetProperty("provisional").GetBoolean());
            string[] reasons = statement.GetProperty("reasons").EnumerateArray().Select(r => $"{r.GetProperty("period").GetString()} {r.GetProperty("reason").GetString()}").ToArray();
            Assert.Equal([" year-not-over", "2021-01 no-data", "2021-02 no-data", "2021-03 no-data", "2021-04 no-data", "2021-05 in-progress"], reasons);
            Dictionary<string, string> states = statement.GetProperty("states").EnumerateArray()
                .ToDictionary(s => s.GetProperty("period").GetString()!, s => s.GetProperty("state").GetString()!);
            Assert.Equal(("Draft", "InProgress", "NotStarted", "NotStarted"), (states["2021-04"], states["2021-05"], states["2021-06"], states["2021-12"]));
            Assert.Equal("NoData", statement.GetProperty("accounts")[0].GetProperty("status").GetString());
            Assert.False(statement.GetProperty("agreementChanged").GetBoolean());
            Assert.Empty(statement.GetProperty("proposedAdjustments").EnumerateArray());
        }
        finally
        {
            await server.StopAsync(CancellationToken.None);
            await server.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
