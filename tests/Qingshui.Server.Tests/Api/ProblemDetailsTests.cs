using System.Text.Json;
using Qingshui.Domain.Presets;

namespace Qingshui.Server.Tests.Api;

/// <summary>Every error is RFC 9457 problem details: a 400 names the query parameter, a 404 names what was not found.</summary>
public sealed class ProblemDetailsTests
{
    [Theory]
    [InlineData("/api/v1/basins/yangtze", 404, "yangtze")]
    [InlineData("/api/v1/basins/pingshui-lushui/assessment?month=June", 400, "month")]
    [InlineData("/api/v1/nothing-here", 404, "nothing-here")]
    [InlineData("/api/v1/sections/atlantis/series?parameter=w21003", 404, "atlantis")]
    [InlineData("/api/v1/sections/jinyushi/series?parameter=w99999", 400, "parameter")]
    [InlineData("/api/v1/sections/jinyushi/series?parameter=w21003&from=yesterday", 400, "from")]
    [InlineData("/api/v1/sections/jinyushi/series?parameter=w21003&interval=fortnight", 400, "interval")]
    [InlineData("/api/v1/sections/jinyushi/series?parameter=w21003&from=2025-02-01&to=2025-01-01", 400, "from")]
    [InlineData("/api/v1/sections/jinyushi/months?year=99999", 400, "year")]
    [InlineData("/api/v1/stations/360300A00000000000000201/readings?kind=weekly", 400, "kind")]
    [InlineData("/api/v1/stations/360300A00000000000000201/packets?limit=0", 400, "limit")]
    [InlineData("/api/v1/stations/360300A00000000000000201/readings?from=yesterday", 400, "from")]
    [InlineData("/api/v1/stations/00000000000000/packets", 404, "00000000000000")]
    [InlineData("/api/v1/agreements/lushui-2019/statements/2020?format=pdf", 400, "format")]
    [InlineData("/api/v1/agreements/lushui-2019/statements/2020?lang=fr", 400, "lang")]
    [InlineData("/api/v1/agreements/danube/statements/2020", 404, "danube")]
    public async Task BadRequest_IsProblemDetailsNamingWhatWasWrong(string path, int status, string named)
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { Agreements = [AgreementPresets.Load("lushui-2019")] });
        using HttpClient client = ApiClient.For(host);

        (int actual, string? type, JsonElement body) = await client.GetProblemAsync(path);

        Assert.Equal((status, "application/problem+json"), (actual, type));
        Assert.Equal(status, body.GetProperty("status").GetInt32());
        if (status == 400)
        {
            Assert.True(body.GetProperty("errors").TryGetProperty(named, out _), body.ToString());
        }
        else
        {
            Assert.Contains(named, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }
}
