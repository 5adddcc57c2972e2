using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Joint;

public sealed class RiverChiefsApiTests
{
    private const string Header = "reach,bank,side,level,name,organisation,contact,term-from,term-to";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Import_WithABadLine_AppliesNothing_AndNamesTheLine_ThenTheGoodRosterIsImported()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        string good = "jinyushi,left,jiangxi,county,张三,萍乡市湘东区人民政府,0799-1234567,2023-01-01,\npingshui-source,right,jiangxi,village,李四,湘东区某村,,2024-03-01,2026-12-31\n";

        HttpResponseMessage bad = await jiangxi.ImportChiefsAsync(Header + "\n" + good + "jinyushi,left,jiangxi,mayor,王五,湘东区,,2023-01-01,\n");
        JsonElement before = await jiangxi.GetJsonAsync("/api/v1/joint/river-chiefs");
        HttpResponseMessage imported = await jiangxi.ImportChiefsAsync("\uFEFF" + Header + "\r\n" + good.Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["line 4: level"], (await bad.BodyAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Empty(before.GetProperty("chiefs").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(2, (await imported.BodyAsync()).GetProperty("imported").GetInt32());
        JsonElement listed = (await jiangxi.GetJsonAsync("/api/v1/joint/river-chiefs?side=jiangxi")).GetProperty("chiefs");
        Assert.Equal(["李四", "张三"], listed.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Import_OfTheOtherSidesChiefs_Is403AndAppliesNothing()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");

        HttpResponseMessage response = await hunan.ImportChiefsAsync(Header + "\njinyushi,left,jiangxi,county,张三,湘东区,,2023-01-01,\n");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty((await hunan.GetJsonAsync("/api/v1/joint/river-chiefs")).GetProperty("chiefs").EnumerateArray());
    }

    [Fact]
    public async Task Change_OwnSidesChief_EndsTheTerm_OtherSideIs403()
    {
        (TestHost host, ManualClock clock) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        var chief = new { reach = "jinyushi", bank = "left", side = "jiangxi", level = "county", name = "张三", organisation = "湘东区", contact = "", termFrom = "2023-01-01", termTo = (string?)null };
        HttpResponseMessage added = await jiangxi.PostAsJsonAsync("/api/v1/joint/river-chiefs", chief, Ct);
        long id = (await added.BodyAsync()).GetProperty("id").GetInt64();

        HttpResponseMessage refused = await hunan.PutAsJsonAsync($"/api/v1/joint/river-chiefs/{id}", chief with { termTo = "2025-02-12" }, Ct);
        HttpResponseMessage changed = await jiangxi.PutAsJsonAsync($"/api/v1/joint/river-chiefs/{id}", chief with { termTo = "2025-02-12" }, Ct);
        clock.Advance(TimeSpan.FromHours(5));

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Forbidden, HttpStatusCode.OK], new[] { added, refused, changed }.Select(r => r.StatusCode));
        JsonElement read = await hunan.GetJsonAsync($"/api/v1/joint/river-chiefs/{id}");
        Assert.Equal(("2025-02-12", false), (read.GetProperty("termTo").GetString(), read.GetProperty("inOffice").GetBoolean()));
    }
}
