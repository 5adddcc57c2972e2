using System.Text.Json;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;

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
}
