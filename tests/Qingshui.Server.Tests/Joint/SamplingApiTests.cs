using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Tests.Joint;

public sealed class SamplingApiTests
{
    private const string GoodResults = "sample,laboratory,side,item,value\nJYS-1,Pingxiang centre,jiangxi,NH3N,0.62\nJYS-1,Pingxiang centre,jiangxi,TP,0.02L\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Sampled at 01:20 on 1 June 2024, the second hour the stations sent (Jiangxi 0.5, Hunan 0.9 mg/L NH3-N).
    internal static Task<HttpResponseMessage> RecordAsync(HttpClient client, string side = "jiangxi") => client.PostAsJsonAsync("/api/v1/joint/sampling", new
    {
        section = "jinyushi",
        sampledAt = "2024-06-01T01:20:00+08:00",
        place = "left bank, 20 m above the Jiangxi intake",
        samplers = new[] { new { side, name = "Li Wei" }, new { side = "hunan", name = "Wang Fang" } },
        samples = new[] { "JYS-1", "JYS-2" },
        attachments = Array.Empty<string>(),
    }, Ct);

    internal static Task<HttpResponseMessage> ImportAsync(HttpClient client, long id, string csv) =>
        client.PostAsync($"/api/v1/joint/sampling/{id}/results", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);

    private static async Task<long> RecordedAsync(HttpClient client)
    {
        HttpResponseMessage created = await RecordAsync(client);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.BodyAsync()).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task ResultsCsvWithABadLine_AppliesNothing_AndNamesTheLineAndWhy()
    {
        await using TestHost host = await JointBench.StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        long id = await RecordedAsync(jiangxi);

        HttpResponseMessage response = await ImportAsync(jiangxi, id, GoodResults + "JYS-1,Pingxiang centre,jiangxi,TN,ND\nJYS-9,Pingxiang centre,jiangxi,TN,1.1\n");
        JsonElement stored = await jiangxi.GetJsonAsync($"/api/v1/joint/sampling/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement problem = await response.BodyAsync();
        Assert.Equal("Nothing was applied: correct the lines named and send the whole file again.", problem.GetProperty("detail").GetString());
        Assert.Equal("column 5 (value): 'ND' (not detected) needs its detection limit: write it like 0.02L, or give the detectionLimit column",
            problem.GetProperty("errors").GetProperty("line 4")[0].GetString());
        Assert.Equal("column 1 (sample): 'JYS-9' is not a split sample of this event (JYS-1, JYS-2)", problem.GetProperty("errors").GetProperty("line 5")[0].GetString());
        Assert.Equal(0, stored.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Results_FromBothLaboratories_AreComparedWithEachOtherAndWithTheStationsAtThatHour()
    {
        await using TestHost host = await JointBench.StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-reviewer");
        long id = await RecordedAsync(jiangxi);

        Assert.Equal(HttpStatusCode.OK, (await ImportAsync(jiangxi, id, GoodResults)).StatusCode);
        HttpResponseMessage second = await ImportAsync(hunan, id, "sample,laboratory,side,item,value,detectionLimit\nJYS-1,Zhuzhou centre,hunan,w21003,0.78,\nJYS-1,Zhuzhou centre,hunan,TP,ND,0.01\n");
        JsonElement body = await second.BodyAsync();

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        JsonElement[] comparison = [.. body.GetProperty("comparison").EnumerateArray()];
        JsonElement ammonia = comparison.Single(c => c.GetProperty("item").GetString() == "NH3N");
        Assert.Equal((-0.16m, true, 0.70m), (ammonia.GetProperty("laboratoryDifference").GetDecimal(), ammonia.GetProperty("laboratoriesExceed").GetBoolean(),
            ammonia.GetProperty("laboratoryMean").GetDecimal()));
        Assert.Equal([("360300A00000000000000201", 0.5m, -0.20m, true), ("430281A00000000000000202", 0.9m, 0.20m, true)],
            ammonia.GetProperty("stations").EnumerateArray().Select(s => (s.GetProperty("mn").GetString(), s.GetProperty("hourValue").GetDecimal(),
                s.GetProperty("difference").GetDecimal(), s.GetProperty("exceeds").GetBoolean())));
        JsonElement phosphorus = comparison.Single(c => c.GetProperty("item").GetString() == "TP");
        Assert.Equal(["0.02L", "0.01L"], phosphorus.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("text").GetString()));
        Assert.False(phosphorus.GetProperty("laboratoriesExceed").GetBoolean());
    }

    [Fact]
    public async Task Import_OfTheOtherSidesResults_Is403AndAudited()
    {
        await using TestHost host = await JointBench.StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        long id = await RecordedAsync(jiangxi);

        HttpResponseMessage refused = await ImportAsync(hunan, id, GoodResults);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("Organisation 'hunan' may import only its own side's results; the file has results of jiangxi.",
            (await refused.BodyAsync()).GetProperty("detail").GetString());
        var entries = await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 100, Ct);
        Assert.Contains(entries, e => e.Record.Action == "joint.sampling.results" && e.Record.Actor == "hn-operator" && e.Record.Outcome == Domain.Audit.AuditOutcome.Refused);
    }

    [Fact]
    public async Task Record_BadFields_Is400NamingEach()
    {
        await using TestHost host = await JointBench.StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");

        HttpResponseMessage response = await jiangxi.PostAsJsonAsync("/api/v1/joint/sampling", new
        {
            section = "nowhere", sampledAt = "yesterday", place = "", samplers = new[] { new { side = "guangdong", name = "" } },
            samples = new[] { "A", "A", "bad label!" }, attachments = new[] { "abc" },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string[] fields = [.. (await response.BodyAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
        Assert.Equal(["attachments[0]", "place", "sampledAt", "samplers[0].name", "samplers[0].side", "samples[1]", "samples[2]", "section"], fields);
    }
}
