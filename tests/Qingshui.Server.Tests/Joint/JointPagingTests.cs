using System.Text.Json;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;
using Qingshui.Server.Tests.Api.Paging;

namespace Qingshui.Server.Tests.Joint;

/// <summary>The joint lists page as every list of the API: a sealed cursor bound to the list and its filters, the next page in the Link header.</summary>
public sealed class JointPagingTests
{
    [Fact]
    public async Task PatrolsFindingsCasesAndRiverChiefs_WalkedTwoAtATime_AreEachOnce_NewestFirst()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        var patrols = new List<long>();
        var findings = new List<long>();
        var cases = new List<long>();
        for (int i = 0; i < 5; i++)
        {
            patrols.Add(await coordinator.PatrolAsync("jiangxi", "hunan"));
            findings.Add(await coordinator.FindingAsync(patrols[^1]));
            cases.Add(await jiangxi.CaseAsync());
        }

        string roster = "reach,bank,side,level,name,organisation,contact,term-from,term-to\n"
            + string.Concat(Enumerable.Range(1, 5).Select(i => $"jinyushi,left,jiangxi,village,河长{i},湘东区{i}村,,2024-01-01,\n"));
        Assert.True((await jiangxi.ImportChiefsAsync(roster)).IsSuccessStatusCode);

        (List<JsonElement> walkedPatrols, int patrolPages) = await PageWalk.AllAsync(coordinator, "/api/v1/joint/patrols?limit=2", r => r.GetProperty("patrols"));
        (List<JsonElement> walkedFindings, _) = await PageWalk.AllAsync(coordinator, "/api/v1/joint/findings?limit=2&state=open", r => r.GetProperty("findings"));
        (List<JsonElement> walkedCases, _) = await PageWalk.AllAsync(jiangxi, "/api/v1/joint/cases?limit=2", r => r.GetProperty("cases"));
        (List<JsonElement> walkedChiefs, int chiefPages) = await PageWalk.AllAsync(jiangxi, "/api/v1/joint/river-chiefs?limit=2&side=jiangxi", r => r.GetProperty("chiefs"));

        Assert.Equal(patrols.AsEnumerable().Reverse(), walkedPatrols.Select(Id));
        Assert.Equal(3, patrolPages);
        Assert.Equal(findings.AsEnumerable().Reverse(), walkedFindings.Select(Id));
        Assert.Equal(cases.AsEnumerable().Reverse(), walkedCases.Select(Id));
        Assert.Equal(5, walkedChiefs.Select(Id).Distinct().Count());
        Assert.Equal(3, chiefPages);
    }

    [Fact]
    public async Task MeetingsAndDecisions_Walked_AreEachOnce_InDateAndDeadlineOrder_EvenWithDeadlinesShared()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        long march = await JointDesk.CreateMeetingAsync(coordinator, "2025-03-12");
        long january = await JointDesk.CreateMeetingAsync(coordinator, "2025-01-20");
        long june = await JointDesk.CreateMeetingAsync(coordinator, "2025-06-02");
        long[] decisions =
        [
            await JointDesk.DecisionAsync(coordinator, march, deadline: "2025-05-31"),
            await JointDesk.DecisionAsync(coordinator, march, deadline: "2025-04-30"),
            await JointDesk.DecisionAsync(coordinator, january, deadline: "2025-04-30"),
            await JointDesk.DecisionAsync(coordinator, june, deadline: "2025-04-30"),
            await JointDesk.DecisionAsync(coordinator, june, deadline: "2025-03-01"),
        ];

        (List<JsonElement> meetings, int meetingPages) = await PageWalk.AllAsync(coordinator, "/api/v1/joint/meetings?year=2025&limit=1", r => r);
        (List<JsonElement> walked, int decisionPages) = await PageWalk.AllAsync(coordinator, "/api/v1/joint/decisions?limit=2&owner=jiangxi", r => r.GetProperty("decisions"));

        Assert.Equal([january, march, june], meetings.Select(Id));
        Assert.Equal(3, meetingPages);
        Assert.Equal([decisions[4], decisions[1], decisions[2], decisions[3], decisions[0]], walked.Select(Id));
        Assert.Equal(3, decisionPages);
    }

    [Theory]
    [InlineData("/api/v1/joint/meetings?cursor=x")]
    [InlineData("/api/v1/joint/decisions?cursor=x")]
    [InlineData("/api/v1/joint/patrols?cursor=x")]
    [InlineData("/api/v1/joint/findings?cursor=x")]
    [InlineData("/api/v1/joint/cases?cursor=x")]
    [InlineData("/api/v1/joint/river-chiefs?cursor=x")]
    [InlineData("/api/v1/joint/discrepancies?cursor=x")]
    [InlineData("/api/v1/joint/sampling?cursor=x")]
    public async Task List_NotACursor_IsA400NamingCursor(string path)
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "jx-coordinator");

        (int status, string? type, JsonElement body) = await coordinator.GetProblemAsync(path);

        Assert.Equal((400, "application/problem+json"), (status, type));
        Assert.Equal("is not a cursor: pass the cursor of a previous answer unchanged", body.GetProperty("errors").GetProperty("cursor")[0].GetString());
    }

    [Fact]
    public async Task Cursor_OfAnotherJointList_OrOtherFilters_IsRefused()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        for (int i = 0; i < 3; i++)
        {
            await coordinator.FindingAsync(await coordinator.PatrolAsync("jiangxi"));
        }

        string cursor = (await coordinator.GetJsonAsync("/api/v1/joint/patrols?limit=1")).GetProperty("nextCursor").GetString()!;

        (int otherList, _, JsonElement listBody) = await coordinator.GetProblemAsync($"/api/v1/joint/findings?limit=1&cursor={cursor}");
        (int otherFilter, _, JsonElement filterBody) = await coordinator.GetProblemAsync($"/api/v1/joint/patrols?limit=1&side=hunan&cursor={cursor}");
        JsonElement same = await coordinator.GetJsonAsync($"/api/v1/joint/patrols?limit=1&cursor={cursor}");

        Assert.Equal((400, 400), (otherList, otherFilter));
        Assert.Contains("another list", listBody.GetProperty("errors").GetProperty("cursor")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("other query parameters", filterBody.GetProperty("errors").GetProperty("cursor")[0].GetString(), StringComparison.Ordinal);
        Assert.Single(same.GetProperty("patrols").EnumerateArray());
    }

    private static long Id(JsonElement e) => e.GetProperty("id").GetInt64();
}
