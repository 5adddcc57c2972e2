using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Hj212;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Commands;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Tests.Api;

public sealed class StationCommandsApiTests
{
    internal const string Mn = ScriptedStation.Mn;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A host with operators and a viewer of both provinces, an operator of the joint office and a coordinator; commands wait 10 s at most.</summary>
    internal static async Task<TestHost> StartAsync(double timeoutSeconds = 10)
    {
        TestHost host = await TestHost.StartAsync(configure: o => o with { CommandTimeout = TimeSpan.FromSeconds(timeoutSeconds) });
        await Members.AddAsync(host, "hn-operator", "hunan", Role.Operator);
        await Members.AddAsync(host, "jx-operator", "jiangxi", Role.Operator);
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        await Members.AddAsync(host, "office-operator", "joint-office", Role.Operator);
        await Members.AddAsync(host, "office-coordinator", "joint-office", Role.Coordinator);
        return host;
    }

    internal static Task<HttpResponseMessage> SetIntervalAsync(HttpClient client, object body, string mn = Mn) =>
        client.PostAsJsonAsync($"/api/v1/stations/{mn}/realtime-interval", body, Ct);

    [Fact]
    public async Task Tighten_ByOwnOperator_StationAnswers_200_LoggedWithAnswers_AndAudited()
    {
        await using TestHost host = await StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        await using ScriptedStation station = await ScriptedStation.ConnectAsync(host);

        Task<HttpResponseMessage> call = SetIntervalAsync(hunan, new { action = "tighten", seconds = 60, reference = "drill/2026-11" });
        await station.AnswerAsync(await station.NextCommandAsync(), reportInterval: 600);
        Hj212Message set = await station.NextCommandAsync();
        await station.AnswerAsync(set);
        HttpResponseMessage response = await call;
        JsonElement log = await (await hunan.GetAsync($"/api/v1/stations/{Mn}/commands", Ct)).BodyAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement outcome = await response.BodyAsync();
        Assert.Equal(("Done", set.RequestId), (outcome.GetProperty("state").GetString(), outcome.GetProperty("qn").GetString()));
        JsonElement[] commands = [.. log.GetProperty("commands").EnumerateArray()];
        Assert.Equal(["1062", "1061"], commands.Select(c => c.GetProperty("cn").GetString()));
        Assert.Equal(["9011", "1061", "9012"], commands[1].GetProperty("answers").EnumerateArray().Select(a => a.GetProperty("cn").GetString()));
        Assert.Equal("drill/2026-11", commands[0].GetProperty("reference").GetString());
        AuditRecord last = (await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct))[^1].Record;
        Assert.Equal(("hn-operator", "station.realtime-interval", Mn, AuditOutcome.Done), (last.Actor, last.Action, last.Target, last.Outcome));
        Assert.Contains("\"previousSeconds\":600", last.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tighten_StationNotConnected_Is409ProblemWithTheOutcome()
    {
        await using TestHost host = await StartAsync();
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");

        HttpResponseMessage response = await SetIntervalAsync(office, new { action = "tighten", seconds = 60 });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("NotConnected", (await response.BodyAsync()).GetProperty("outcome").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Tighten_StationSilent_Is504Problem()
    {
        await using TestHost host = await StartAsync(timeoutSeconds: 0.3);
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        await using ScriptedStation station = await ScriptedStation.ConnectAsync(host);

        HttpResponseMessage response = await SetIntervalAsync(hunan, new { action = "tighten", seconds = 60 });

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("TimedOut", (await response.BodyAsync()).GetProperty("outcome").GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("{\"action\":\"tighten\",\"seconds\":29}", "seconds", "outside HJ 212")]
    [InlineData("{\"action\":\"tighten\",\"seconds\":3601}", "seconds", "outside HJ 212")]
    [InlineData("{\"action\":\"tighten\"}", "seconds", "is needed")]
    [InlineData("{\"action\":\"restore\",\"seconds\":60}", "seconds", "not taken")]
    [InlineData("{\"action\":\"loosen\"}", "action", "tighten' or 'restore")]
    [InlineData("{\"seconds\":60}", "action", "tighten' or 'restore")]
    [InlineData("{\"action\":\"restore\",\"reference\":\"\"}", "reference", "1–64")]
    [InlineData("{\"action\":\"restore\",\"reference\":\"a b\"}", "reference", "1–64")]
    public async Task SetInterval_BadBody_Is400NamingTheField_AndSendsNothing(string body, string field, string why)
    {
        await using TestHost host = await StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");

        HttpResponseMessage response = await hunan.PostAsync($"/api/v1/stations/{Mn}/realtime-interval",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string message = (await response.BodyAsync()).GetProperty("errors").GetProperty(field)[0].GetString()!;
        Assert.Contains(why, message, StringComparison.Ordinal);
        Assert.Empty((await (await hunan.GetAsync($"/api/v1/stations/{Mn}/commands", Ct)).BodyAsync()).GetProperty("commands").EnumerateArray());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    [InlineData("before=0", "before")]
    [InlineData("before=x", "before")]
    public async Task Commands_BadQuery_Is400NamingTheField(string query, string field)
    {
        await using TestHost host = await StartAsync();
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        HttpResponseMessage response = await viewer.GetAsync($"/api/v1/stations/{Mn}/commands?{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.BodyAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task UnknownStation_Is404_ForBoth()
    {
        await using TestHost host = await StartAsync();
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");

        HttpResponseMessage set = await SetIntervalAsync(office, new { action = "restore" }, mn: "NOSUCHSTATION");
        HttpResponseMessage read = await office.GetAsync("/api/v1/stations/NOSUCHSTATION/commands", Ct);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (set.StatusCode, read.StatusCode));
    }
}
