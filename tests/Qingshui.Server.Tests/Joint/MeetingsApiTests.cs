using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Audit;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Tests.Joint;

public sealed class MeetingsApiTests
{
    [Fact]
    public async Task ChangeDecision_ByAHunanMember_OfAJiangxiOwnedDecision_Is403_Audited_AndUnchanged()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        long meeting = await JointDesk.CreateMeetingAsync(coordinator);
        long decision = await JointDesk.DecisionAsync(coordinator, meeting, owner: "jiangxi");

        HttpResponseMessage refused = await JointDesk.ChangeDecisionAsync(hunan, decision);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("owned by 'jiangxi'", (await refused.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        AuditRecord last = (await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken))[^1].Record;
        Assert.Equal(("hn-operator", "hunan", "joint.decision.state", $"decision/{decision}", AuditOutcome.Refused),
            (last.Actor, last.Organisation, last.Action, last.Target, last.Outcome));
        Assert.Equal("open", (await JointDesk.GetJsonAsync(hunan, $"/api/v1/joint/decisions/{decision}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task ChangeDecision_ByTheOwner_IsDone_WithNote_AuditedBeforeAndAfter_AndOnlyOnce()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        using HttpClient owner = await LedgerDesk.SignedInAsync(host, "jx-operator");
        long decision = await JointDesk.DecisionAsync(coordinator, await JointDesk.CreateMeetingAsync(coordinator));

        HttpResponseMessage done = await JointDesk.ChangeDecisionAsync(owner, decision);
        HttpResponseMessage again = await JointDesk.ChangeDecisionAsync(owner, decision, "dropped", "不再需要");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Conflict), (done.StatusCode, again.StatusCode));
        JsonElement body = await done.BodyAsync();
        Assert.Equal(("done", "已于4月15日完成联合采样", "jx-operator"),
            (body.GetProperty("state").GetString(), body.GetProperty("followUp").GetString(), body.GetProperty("changedBy").GetString()));
        AuditRecord entry = (await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken))
            .Single(e => e.Record.Action == "joint.decision.state").Record;
        Assert.Contains("\"state\":\"open\"", entry.Before, StringComparison.Ordinal);
        Assert.Contains("\"state\":\"done\"", entry.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Decisions_PastTheirDeadline_AreFlaggedOverdue_OnTheOwnersList()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        using HttpClient owner = await LedgerDesk.SignedInAsync(host, "jx-operator");
        long meeting = await JointDesk.CreateMeetingAsync(coordinator, date: "2025-01-08");

        // The clock stands at 2025-02-10: one deadline has passed, one has not; Hunan's decision is not Jiangxi's.
        long late = await JointDesk.DecisionAsync(coordinator, meeting, deadline: "2025-02-01");
        long due = await JointDesk.DecisionAsync(coordinator, meeting, deadline: "2025-03-01");
        await JointDesk.DecisionAsync(coordinator, meeting, owner: "hunan", deadline: "2025-01-31");
        JsonElement mine = await JointDesk.GetJsonAsync(owner, "/api/v1/joint/decisions?owner=mine");
        JsonElement overdue = await JointDesk.GetJsonAsync(owner, "/api/v1/joint/decisions?owner=jiangxi&overdue=true");

        Assert.Equal([(late, true), (due, false)], mine.GetProperty("decisions").EnumerateArray().Select(d => (d.GetProperty("id").GetInt64(), d.GetProperty("overdue").GetBoolean())));
        Assert.Equal([late], overdue.GetProperty("decisions").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task CreateMeeting_WithBadFields_Is400NamingEachField_ByAViewer403()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        var bad = new { date = "2025-13-01", place = "", convenor = "guangdong", title = "t", attendees = new[] { new { organisation = "hunan", name = "", role = "" } },
            attachments = new[] { "not-a-hash" } };

        HttpResponseMessage invalid = await coordinator.PostAsJsonAsync("/api/v1/joint/meetings", bad, TestContext.Current.CancellationToken);
        HttpResponseMessage refused = await viewer.PostAsJsonAsync("/api/v1/joint/meetings", JointDesk.Meeting(), TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.Forbidden), (invalid.StatusCode, refused.StatusCode));
        JsonElement errors = (await invalid.BodyAsync()).GetProperty("errors");
        Assert.Equal(["attachments[0]", "attendees[0].name", "convenor", "date", "place"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Contains("'guangdong' is not an organisation of the basin", errors.GetProperty("convenor")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LedgerDecision_TakenAtAMeeting_IsListedWithTheMeeting()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        using HttpClient finance = await LedgerDesk.SignedInAsync(host, "hn-finance");
        long meeting = await JointDesk.CreateMeetingAsync(coordinator);

        HttpResponseMessage unknown = await finance.PostAsJsonAsync($"/api/v1/agreements/{LedgerDesk.Agreement}/periods/2024-03/decisions",
            new { outcome = "met", reason = "联席会议纪要", meeting = meeting + 99 }, TestContext.Current.CancellationToken);
        HttpResponseMessage decided = await finance.PostAsJsonAsync($"/api/v1/agreements/{LedgerDesk.Agreement}/periods/2024-03/decisions",
            new { outcome = "met", reason = "联席会议纪要第3条", meeting }, TestContext.Current.CancellationToken);
        JsonElement shown = await JointDesk.GetJsonAsync(coordinator, $"/api/v1/joint/meetings/{meeting}");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.OK), (unknown.StatusCode, decided.StatusCode));
        Assert.True((await unknown.BodyAsync()).GetProperty("errors").TryGetProperty("meeting", out _));
        JsonElement link = Assert.Single(shown.GetProperty("ledgerDecisions").EnumerateArray());
        Assert.Equal(("lushui-2019", "2024-03", "met", "联席会议纪要第3条", "hunan"), (link.GetProperty("agreement").GetString(), link.GetProperty("period").GetString(),
            link.GetProperty("outcome").GetString(), link.GetProperty("reason").GetString(), link.GetProperty("organisation").GetString()));
    }

    [Fact]
    public async Task Calendar_ListsTheYearsMeetingsAndDeadlines_AndSuggestsTheNextConvenorInTurn()
    {
        await using TestHost host = await JointDesk.StartAsync(o => o with { JointMeetings = o.JointMeetings with { MinimumMeetingsPerYear = 2 } });
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        JsonElement before = await JointDesk.GetJsonAsync(coordinator, "/api/v1/joint/calendar?year=2025");
        long meeting = await JointDesk.CreateMeetingAsync(coordinator);
        await JointDesk.DecisionAsync(coordinator, meeting, deadline: "2025-06-30");

        JsonElement after = await JointDesk.GetJsonAsync(coordinator, "/api/v1/joint/calendar?year=2025");

        Assert.Equal("jiangxi", before.GetProperty("nextConvenor").GetString());
        Assert.Equal(("hunan", 1, 2, "2025-06-30"), (after.GetProperty("nextConvenor").GetString(), after.GetProperty("scheduled").GetInt32(),
            after.GetProperty("minimum").GetInt32(), after.GetProperty("deadlines")[0].GetProperty("deadline").GetString()));
    }
}
