using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Audit;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Tests.Joint;

public sealed class FindingsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Finding_PastItsDeadline_IsFlaggedOverdueForBothSides_ClosingRecordsWhoAndWhen()
    {
        // Given a joint patrol's finding that Hunan owns, due 2025-02-12
        (TestHost host, ManualClock clock) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        using HttpClient jiangxiViewer = await LedgerDesk.SignedInAsync(host, "jx-viewer");
        using HttpClient hunanViewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        long patrol = await jiangxi.PatrolAsync("jiangxi", "hunan");
        long finding = await jiangxi.FindingAsync(patrol);
        Assert.False((await hunanViewer.GetJsonAsync($"/api/v1/joint/findings/{finding}")).GetProperty("overdue").GetBoolean());

        // When the deadline day ends (00:00 on the 13th, China time)
        clock.Advance(new DateTimeOffset(2025, 2, 13, 0, 0, 0, TimeSpan.FromHours(8)) - PatrolBench.Start);

        // Then both sides' lists flag it, and the patrol counts it
        foreach (HttpClient reader in new[] { jiangxiViewer, hunanViewer })
        {
            JsonElement page = await reader.GetJsonAsync("/api/v1/joint/findings?overdue=true");
            JsonElement listed = Assert.Single(page.GetProperty("findings").EnumerateArray());
            Assert.Equal((finding, true, "open"), (listed.GetProperty("id").GetInt64(), listed.GetProperty("overdue").GetBoolean(), listed.GetProperty("state").GetString()));
            Assert.Equal(1, page.GetProperty("overdue").GetInt32());
            Assert.Equal(1, (await reader.GetJsonAsync("/api/v1/joint/patrols")).GetProperty("patrols")[0].GetProperty("overdueFindings").GetInt32());
        }

        // And Jiangxi, who does not own it, cannot close it; Hunan closes it and who and when are recorded
        HttpResponseMessage refused = await jiangxi.CloseFindingAsync(finding);
        clock.Advance(TimeSpan.FromHours(3));
        HttpResponseMessage closed = await hunan.CloseFindingAsync(finding);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        JsonElement closing = (await jiangxiViewer.GetJsonAsync($"/api/v1/joint/findings/{finding}")).GetProperty("closing");
        Assert.Equal(("hn-operator", "hunan", "已封堵排污口，水样复测达标"),
            (closing.GetProperty("by").GetProperty("name").GetString(), closing.GetProperty("by").GetProperty("organisation").GetString(), closing.GetProperty("how").GetString()));
        Assert.Equal(new DateTimeOffset(2025, 2, 13, 3, 0, 0, TimeSpan.FromHours(8)), closing.GetProperty("at").GetDateTimeOffset());
        Assert.Empty((await hunanViewer.GetJsonAsync("/api/v1/joint/findings?overdue=true")).GetProperty("findings").EnumerateArray());
        Assert.Equal(HttpStatusCode.Conflict, (await hunan.CloseFindingAsync(finding)).StatusCode);
        IReadOnlyList<AuditEntry> audit = await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct);
        Assert.Equal(["jx-operator/Refused", "hn-operator/Done", "hn-operator/Refused"],
            audit.Where(e => e.Record.Action == "joint.finding.close").Select(e => $"{e.Record.Actor}/{e.Record.Outcome}"));
    }

    [Fact]
    public async Task AddFinding_BadFields_Is400NamingEachField()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        long patrol = await jiangxi.PatrolAsync("jiangxi");

        HttpResponseMessage response = await jiangxi.AddFindingAsync(patrol, owner: "nobody", deadline: "2025-02-30");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement errors = (await response.BodyAsync()).GetProperty("errors");
        Assert.Equal(["deadline", "owner"], errors.EnumerateObject().Select(p => p.Name).Order());
    }

    [Fact]
    public async Task AddFinding_ByOperatorOfASideNotOnThePatrol_Is403()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        long patrol = await jiangxi.PatrolAsync("jiangxi");

        HttpResponseMessage response = await hunan.AddFindingAsync(patrol);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("recorded by their operators or a coordinator", await response.ProblemAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?state=late", "state")]
    [InlineData("?overdue=yes", "overdue")]
    [InlineData("?basin=yangtze", "basin")]
    [InlineData("?side=hubei", "side")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?cursor=x", "cursor")]
    public async Task ListFindings_BadFilter_Is400NamingIt(string query, string field)
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        HttpResponseMessage response = await viewer.GetAsync("/api/v1/joint/findings" + query, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.BodyAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
