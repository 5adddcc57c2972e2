using System.Globalization;
using System.Net;
using System.Text.Json;
using Qingshui.Domain.Presets;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Api;

/// <summary>Every listed resource can be fetched by its id from the list, and every resource fetched by id is listed.</summary>
public sealed partial class ListAndOneTests
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
    [Fact]
    public async Task UsersTokensAndAuditEntries_EachListedOne_IsServedByItsId_AndOneOutsideTheCallersScopeIs404()
    {
        // Given a Hunan admin who issued a token, and a Jiangxi admin who did too (an audit entry Hunan may not read)
        await using TestHost host = await Admins.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-admin");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-admin");
        Assert.Equal(HttpStatusCode.Created, (await hunan.IssueTokenAsync("bridge", "hunan", ["viewer"], 30)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await jiangxi.IssueTokenAsync("jx-bridge", "jiangxi", ["viewer"], 30)).StatusCode);
        long jiangxiEntry = (await Admins.AuditAsync(host)).Last(e => e.Record.Organisation == "jiangxi").Sequence;

        // When each listed user, token and audit entry is fetched by its id
        foreach ((string list, string key) in new[] { ("/api/v1/users", "name"), ("/api/v1/tokens", "id") })
        {
            JsonElement[] items = [.. (await hunan.GetJsonAsync(list)).EnumerateArray()];
            Assert.NotEmpty(items);
            foreach (JsonElement item in items)
            {
                string id = item.GetProperty(key).GetString()!;
                Assert.Equal(item.ToString(), (await hunan.GetJsonAsync($"{list}/{Uri.EscapeDataString(id)}")).ToString());
            }
        }

        JsonElement[] entries = [.. (await hunan.GetJsonAsync("/api/v1/audit")).GetProperty("entries").EnumerateArray()];
        Assert.NotEmpty(entries);
        foreach (JsonElement entry in entries)
        {
            long sequence = entry.GetProperty("sequence").GetInt64();
            Assert.Equal(entry.ToString(), (await hunan.GetJsonAsync(string.Create(CultureInfo.InvariantCulture, $"/api/v1/audit/{sequence}"))).ToString());
        }

        // Then what the list would not show is not served by id either, and a bad id is a 400 naming it
        Assert.Equal(404, (await hunan.GetProblemAsync("/api/v1/users/jx-viewer")).Status);
        Assert.Equal(404, (await hunan.GetProblemAsync(string.Create(CultureInfo.InvariantCulture, $"/api/v1/audit/{jiangxiEntry}"))).Status);
        Assert.Equal(200, (await jiangxi.GetProblemAsync(string.Create(CultureInfo.InvariantCulture, $"/api/v1/audit/{jiangxiEntry}"))).Status);
        (int badStatus, _, JsonElement bad) = await hunan.GetProblemAsync("/api/v1/audit/abc");
        Assert.Equal(400, badStatus);
        Assert.True(bad.GetProperty("errors").TryGetProperty("sequence", out _), bad.ToString());
    }

    [Fact]
    public async Task StationsOfASection_AreInMnOrder_AlsoWhenOneIsRegisteredWithALowerMn()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        using HttpClient operatorClient = await LedgerDesk.SignedInAsync(host, "hn-operator");
        const string LowMn = "430281A00000000000000001";
        Assert.Equal(HttpStatusCode.Created, (await StationRegisterApiTests.AddAsync(operatorClient, StationRegisterApiTests.NewStation(LowMn, "jinyushi"))).StatusCode);

        string[] ofSection = [.. (await operatorClient.GetJsonAsync("/api/v1/sections/jinyushi")).GetProperty("stations").EnumerateArray().Select(s => s.GetProperty("mn").GetString()!)];
        string[] listed = [.. (await operatorClient.GetJsonAsync("/api/v1/stations")).EnumerateArray().Select(s => s.GetProperty("mn").GetString()!)];

        Assert.Equal(3, ofSection.Length);
        Assert.Contains(LowMn, ofSection);
        Assert.Equal(ofSection.Order(StringComparer.Ordinal), ofSection);
        Assert.Equal(listed.Order(StringComparer.Ordinal), listed);
    }
}
