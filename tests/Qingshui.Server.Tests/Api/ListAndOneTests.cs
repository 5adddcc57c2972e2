using System.Text.Json;
using Qingshui.Domain.Presets;

namespace Qingshui.Server.Tests.Api;

/// <summary>Every listed resource can be fetched by its id from the list, and every resource fetched by id is listed.</summary>
public sealed class ListAndOneTests
{
    [Theory]
    [InlineData("/api/v1/sections", "id", "/api/v1/sections/{0}", "section.id")]
    [InlineData("/api/v1/stations", "mn", "/api/v1/stations/{0}", "mn")]
    [InlineData("/api/v1/agreements", "id", "/api/v1/agreements/{0}", "id")]
    [InlineData("/api/v1/basins", "id", "/api/v1/basins/{0}", "id")]
    public async Task EachListedItem_IsServedByItsId_WithTheSameId(string list, string key, string one, string oneKey)
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { Agreements = [AgreementPresets.Load("lushui-2019")] });
        using HttpClient client = ApiClient.For(host);

        JsonElement[] items = [.. (await client.GetJsonAsync(list)).EnumerateArray()];
        var fetched = new List<string?>();
        foreach (JsonElement item in items)
        {
            string id = item.GetProperty(key).GetString()!;
            JsonElement answer = await client.GetJsonAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, one, Uri.EscapeDataString(id)));
            fetched.Add(oneKey.Split('.').Aggregate(answer, (element, name) => element.GetProperty(name)).GetString());
        }

        Assert.NotEmpty(items);
        Assert.Equal(items.Select(i => i.GetProperty(key).GetString()), fetched);
    }

    [Fact]
    public async Task Sections_AreListedSourceToMouth_AndUnknownIdsAre404Problems()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);

        string?[] sections = [.. (await client.GetJsonAsync("/api/v1/sections")).EnumerateArray().Select(s => s.GetProperty("id").GetString())];
        var (station, stationType, _) = await client.GetProblemAsync("/api/v1/stations/000000000000");
        var (agreement, _, _) = await client.GetProblemAsync("/api/v1/agreements/no-such");

        Assert.Equal(TestHost.Preset.Sections.OrderBy(s => s.Order).Select(s => s.Id), sections);
        Assert.Equal((404, "application/problem+json", 404), (station, stationType, agreement));
    }
}
