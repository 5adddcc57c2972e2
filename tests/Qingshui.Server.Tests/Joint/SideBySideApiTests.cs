using System.Net;
using System.Text.Json;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;

namespace Qingshui.Server.Tests.Joint;

public sealed class SideBySideApiTests
{
    [Fact]
    public async Task Jinyushi_GivesBothStationsHoursAndMonths_TheirDifference_AndTheSectionsValue()
    {
        await using TestHost host = await JointBench.StartAsync();
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        JsonElement answer = await viewer.GetJsonAsync("/api/v1/joint/side-by-side?section=jinyushi&parameter=w21003&from=2024-06-01&to=2024-07-01");

        Assert.Equal((JointBench.JiangxiMn, "jiangxi", JointBench.HunanMn, "hunan"),
            (answer.GetProperty("a").GetProperty("mn").GetString(), answer.GetProperty("a").GetProperty("jurisdiction").GetString(),
             answer.GetProperty("b").GetProperty("mn").GetString(), answer.GetProperty("b").GetProperty("jurisdiction").GetString()));
        JsonElement[] hours = [.. answer.GetProperty("hours").EnumerateArray()];
        Assert.Equal(3, hours.Length);
        Assert.All(hours, h => Assert.Equal((0.5m, 0.9m, -0.4m, 0.7m),
            (h.GetProperty("a").GetDecimal(), h.GetProperty("b").GetDecimal(), h.GetProperty("difference").GetDecimal(), h.GetProperty("section").GetDecimal())));
        JsonElement month = Assert.Single(answer.GetProperty("months").EnumerateArray());
        Assert.Equal(("2024-06", 0.5m, 0.9m, -0.4m, true, 0.7m), (month.GetProperty("period").GetString(), month.GetProperty("a").GetDecimal(),
            month.GetProperty("b").GetDecimal(), month.GetProperty("difference").GetDecimal(), month.GetProperty("exceeds").GetBoolean(), month.GetProperty("section").GetDecimal()));
        Assert.Equal(("±0.1 or ±20 %", 3), (answer.GetProperty("tolerance").GetProperty("text").GetString(), answer.GetProperty("decimals").GetInt32()));
    }

    [Fact]
    public async Task OneStationSection_Is404SayingItNeedsTwo_AndBadParameters400()
    {
        await using TestHost host = await JointBench.StartAsync();
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        (int status, _, JsonElement body) = await viewer.GetProblemAsync("/api/v1/joint/side-by-side?section=lushui-mouth&parameter=NH3N");
        (int badStatus, _, JsonElement bad) = await viewer.GetProblemAsync("/api/v1/joint/side-by-side?section=x&parameter=w99999&from=2024-01-01&to=2026-01-01");

        Assert.Equal((404, "Section 'lushui-mouth' has 1 station(s); side by side needs two."), (status, body.GetProperty("detail").GetString()));
        Assert.Equal(400, badStatus);
        Assert.Equal(["from", "parameter", "section"], bad.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
