using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Audit;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Live;
using Qingshui.Server.Notices;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;
using Qingshui.Storage.Audit;
using static Qingshui.Server.Tests.Incidents.IncidentBench;

namespace Qingshui.Server.Tests.Incidents;

/// <summary>Incidents opened by real stations' alerts over TCP, read and acted on over HTTP by both provinces.</summary>
public sealed class IncidentsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<long> OpenOneAsync(TestHost host, HttpClient reader)
    {
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        await SendHoursAsync(station, 0, JiangxiJinyushi, 0.4m, 1.8m);
        return Assert.Single(await IncidentsWithinAsync(reader, "", 1, TimeSpan.FromSeconds(5))).GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Pulse_AtJinyushiFromBothStations_OpensOneIncident_BothProvincesSeeIt_WithTheDownstreamEstimate()
    {
        // Given both provinces' viewers and a listener on the live feed
        await using TestHost host = await StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-viewer");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using LiveFeed.Subscription live = host.Server.Services.GetRequiredService<LiveFeed>().Subscribe();
        await using RawStation jx = await RawStation.ConnectAsync(host.Port);
        await using RawStation hn = await RawStation.ConnectAsync(host.Port);

        // When Jiangxi's station sees the pulse, then Hunan's station at the same section
        await SendHoursAsync(jx, 0, JiangxiJinyushi, 0.4m, 1.8m, 2.4m);
        long id = Assert.Single(await IncidentsWithinAsync(jiangxi, "", 1, TimeSpan.FromSeconds(5))).GetProperty("id").GetInt64();
        await SendHoursAsync(hn, 1, HunanJinyushi, 1.9m, 2.2m);
        JsonElement incident = await IncidentWhenAsync(hunan, id, i => i.GetProperty("alertIds").GetArrayLength() == 2, TimeSpan.FromSeconds(5));
        JsonElement[] seenByJiangxi = await IncidentsWithinAsync(jiangxi, "?status=open", 2, TimeSpan.Zero);

        // Then one incident, notified, with both alerts as evidence and the downstream warning
        Assert.Equal(id, Assert.Single(seenByJiangxi).GetProperty("id").GetInt64());
        Assert.Equal(("notified", "jinyushi", "critical"), (incident.GetProperty("status").GetString(), incident.GetProperty("section").GetString(),
            incident.GetProperty("severity").GetString()));
        Assert.Equal(["raised", "notified", "alert-joined"], Kinds(incident));
        Assert.Equal(["jiangxi", "hunan"], incident.GetProperty("jurisdictions").EnumerateArray().Select(j => j.GetString()));
        Assert.Equal(2, incident.GetProperty("evidence").GetArrayLength());
        Assert.Equal(Start.AddHours(1), incident.GetProperty("openedAt").GetDateTimeOffset());
        JsonElement liling = incident.GetProperty("downstream")[0];
        Assert.Equal(("liling-wangfang", 833, Start.AddHours(1).AddMinutes(833)), (liling.GetProperty("section").GetString(),
            liling.GetProperty("travelMinutes").GetInt32(), liling.GetProperty("arrivalAt").GetDateTimeOffset()));
        Assert.Contains("no reachKmToNext for the reach from 'liling-wangfang' to 'lushui-mouth'",
            incident.GetProperty("downstream")[1].GetProperty("noEstimate").GetString(), StringComparison.Ordinal);

        // And the opening notice names both provinces' organisations and the joint office, with the arrival estimate
        NoticeDto opened = await NoticeAsync(live, "incident.opened");
        Assert.Equal($"incident/{id}", opened.Reference);
        Assert.Equal(["hunan", "jiangxi", "joint-office"], opened.Organisations.Order(StringComparer.Ordinal));
        Assert.Contains("Downstream Liling Wangfang: about 30 km, expected 2024-06-01 14:53", opened.Body.En, StringComparison.Ordinal);
    }

    private static async Task<NoticeDto> NoticeAsync(LiveFeed.Subscription live, string kind)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        while (true)
        {
            LiveEvent e = await live.Events.ReadAsync(timeout.Token);
            if (e.Data is NoticeDto notice && notice.Kind == kind)
            {
                return notice;
            }
        }
    }

    [Fact]
    public async Task Lifecycle_OverHttp_AcknowledgeRespondActClose_EachAuditedAndShownToTheOtherProvince()
    {
        await using TestHost host = await StartAsync();
        using HttpClient hnOperator = await LedgerDesk.SignedInAsync(host, "hn-operator");
        using HttpClient jxOperator = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-operator");
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        using HttpClient jxViewer = await LedgerDesk.SignedInAsync(host, "jx-viewer");
        long id = await OpenOneAsync(host, jxViewer);
        await IncidentWhenAsync(jxViewer, id, i => i.GetProperty("status").GetString() == "notified", TimeSpan.FromSeconds(5));

        HttpResponseMessage closeTooEarly = await jxOperator.StepAsync(id, "close");
        HttpResponseMessage acknowledged = await hnOperator.StepAsync(id, "acknowledge", "Liling duty officer informed");
        HttpResponseMessage again = await jxOperator.StepAsync(id, "acknowledge");
        JsonElement seenInJiangxi = await jxViewer.GetJsonAsync($"/api/v1/incidents/{id}");
        HttpResponseMessage refused = await office.StepAsync(id, "respond");
        HttpResponseMessage responding = await jxOperator.StepAsync(id, "respond", "Pingxiang team to the Pingshui outfalls");
        HttpResponseMessage tightened = await coordinator.ActAsync(id, "tightened-monitoring", "both Jinyushi stations every 5 minutes", 300);
        HttpResponseMessage sampled = await hnOperator.ActAsync(id, "joint-sampling", "split samples at 14:00, both laboratories");
        HttpResponseMessage closed = await jxOperator.StepAsync(id, "close", "source found and stopped; values back under class III");
        HttpResponseMessage afterClose = await hnOperator.ActAsync(id, "source-investigation", "too late");

        Assert.Equal(HttpStatusCode.Conflict, closeTooEarly.StatusCode);
        Assert.Equal("an incident that is notified cannot be closed (acknowledge it first)", (await closeTooEarly.BodyAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(("acknowledged", "hn-operator", "hunan"), (seenInJiangxi.GetProperty("status").GetString(),
            seenInJiangxi.GetProperty("steps")[2].GetProperty("actor").GetString(), seenInJiangxi.GetProperty("steps")[2].GetProperty("organisation").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("only their operators or a coordinator", (await refused.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK],
            new[] { responding.StatusCode, tightened.StatusCode, sampled.StatusCode, closed.StatusCode });
        Assert.Equal(HttpStatusCode.Conflict, afterClose.StatusCode);

        // The stations are not connected: tightened monitoring is recorded as not reached, per station, and nothing is restored
        JsonElement final = await jxViewer.GetJsonAsync($"/api/v1/incidents/{id}");
        Assert.Equal(["raised", "notified", "acknowledged", "responding", "closed"], Kinds(final));
        JsonElement tightening = final.GetProperty("actions")[0];
        Assert.Equal([(JiangxiJinyushi, "not-connected", "the station has no open connection to this server"),
            (HunanJinyushi, "not-connected", "the station has no open connection to this server")],
            tightening.GetProperty("commands").EnumerateArray().Select(c => (c.GetProperty("station").GetString(), c.GetProperty("state").GetString(), c.GetProperty("detail").GetString())));
        Assert.Equal("joint-sampling", final.GetProperty("actions")[1].GetProperty("kind").GetString());

        // Every write is in the audit log, refusals included
        IReadOnlyList<AuditEntry> audit = await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct);
        Assert.Equal(
            [("jx-operator", "incident.close", AuditOutcome.Refused), ("hn-operator", "incident.acknowledge", AuditOutcome.Done),
             ("jx-operator", "incident.acknowledge", AuditOutcome.Refused), ("office-operator", "incident.respond", AuditOutcome.Refused),
             ("jx-operator", "incident.respond", AuditOutcome.Done), ("office-coordinator", "incident.action", AuditOutcome.Done),
             ("hn-operator", "incident.action", AuditOutcome.Done), ("jx-operator", "incident.close", AuditOutcome.Done),
             ("hn-operator", "incident.action", AuditOutcome.Refused)],
            audit.Where(e => e.Record.Action.StartsWith("incident.", StringComparison.Ordinal)).Select(e => (e.Record.Actor, e.Record.Action, e.Record.Outcome)));
        Assert.All(audit.Where(e => e.Record.Action.StartsWith("incident.", StringComparison.Ordinal)), e => Assert.Equal($"incident/{id}", e.Record.Target));
    }

    [Theory]
    [InlineData("?status=nearly", "status")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?before=x", "before")]
    [InlineData("?section=nowhere", "section")]
    [InlineData("?from=2024-13-01", "from")]
    public async Task List_BadQuery_Is400NamingTheField(string query, string field)
    {
        await using TestHost host = await StartAsync();
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        (int status, string? type, JsonElement body) = await viewer.GetProblemAsync("/api/v1/incidents" + query);

        Assert.Equal((400, "application/problem+json"), (status, type));
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), body.ToString());
    }

    [Fact]
    public async Task Action_BadBody_Is400NamingEachField_UnknownIncident404()
    {
        await using TestHost host = await StartAsync();
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "office-coordinator");

        HttpResponseMessage bad = await coordinator.ActAsync(1, "prayer", "", 5);
        HttpResponseMessage missing = await coordinator.ActAsync(99, "joint-sampling", "samples taken");
        HttpResponseMessage tooLong = await coordinator.StepAsync(99, "acknowledge", new string('x', 2001));

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        JsonElement errors = (await bad.BodyAsync()).GetProperty("errors");
        Assert.Equal(["intervalSeconds", "kind", "note"], errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task Escalation_NotAcknowledgedWithinTheLimit_IsEscalatedAndTold_AcknowledgedNoMore()
    {
        var clock = new ManualClock(new DateTimeOffset(2024, 6, 1, 0, 0, 0, TimeSpan.Zero));
        await using TestHost host = await StartAsync(o => o with { IncidentEscalationCheck = TimeSpan.FromMilliseconds(50) }, clock);
        using HttpClient hnOperator = await LedgerDesk.SignedInAsync(host, "hn-operator");
        long id = await OpenOneAsync(host, hnOperator);
        await IncidentWhenAsync(hnOperator, id, i => i.GetProperty("status").GetString() == "notified", TimeSpan.FromSeconds(5));

        await Task.Delay(300, Ct);
        string[] beforeLimit = Kinds(await hnOperator.GetJsonAsync($"/api/v1/incidents/{id}"));
        clock.Advance(TimeSpan.FromMinutes(30));
        JsonElement escalated = await IncidentWhenAsync(hnOperator, id, i => Kinds(i).Contains("escalated"), TimeSpan.FromSeconds(5));
        await hnOperator.StepAsync(id, "acknowledge");
        clock.Advance(TimeSpan.FromMinutes(60));
        await Task.Delay(300, Ct);
        JsonElement after = await hnOperator.GetJsonAsync($"/api/v1/incidents/{id}");

        Assert.Equal(["raised", "notified"], beforeLimit);
        Assert.Equal(["raised", "notified", "escalated"], Kinds(escalated));
        Assert.Equal("notified", escalated.GetProperty("status").GetString());
        Assert.Equal(["raised", "notified", "escalated", "acknowledged"], Kinds(after));
    }

    [Fact]
    public async Task OpenIncident_SurvivesARestart_AndTheSameSectionsNextAlertJoinsIt()
    {
        await using TestHost host = await StartAsync();
        using (HttpClient before = await LedgerDesk.SignedInAsync(host, "jx-operator"))
        {
            long opened = await OpenOneAsync(host, before);
            Assert.Equal(HttpStatusCode.OK, (await before.StepAsync(opened, "acknowledge")).StatusCode);
        }

        await host.RestartAsync();
        using HttpClient after = await LedgerDesk.SignedInAsync(host, "jx-operator");
        JsonElement survived = Assert.Single(await IncidentsWithinAsync(after, "?status=open", 1, TimeSpan.Zero));
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        await SendHoursAsync(station, 0, HunanJinyushi, 2.0m);
        JsonElement joined = await IncidentWhenAsync(after, survived.GetProperty("id").GetInt64(), i => i.GetProperty("alertIds").GetArrayLength() == 2, TimeSpan.FromSeconds(5));

        Assert.Equal("acknowledged", survived.GetProperty("status").GetString());
        Assert.Equal(2, joined.GetProperty("alertIds").GetArrayLength());
        Assert.Single(await IncidentsWithinAsync(after, "", 2, TimeSpan.Zero));
    }

    [Fact]
    public async Task Report_MarkdownAndHtml_InBothLanguages_WithTimelineEvidenceAndActions_NotesEscaped()
    {
        await using TestHost host = await StartAsync();
        using HttpClient hnOperator = await LedgerDesk.SignedInAsync(host, "hn-operator");
        long id = await OpenOneAsync(host, hnOperator);
        await IncidentWhenAsync(hnOperator, id, i => i.GetProperty("status").GetString() == "notified", TimeSpan.FromSeconds(5));
        await hnOperator.StepAsync(id, "acknowledge", "<script>alert(1)</script> | seen");
        await hnOperator.ActAsync(id, "joint-sampling", "split samples at Jinyushi");

        string md = await hnOperator.GetStringAsync($"/api/v1/incidents/{id}/report?format=md&lang=en", Ct);
        string zh = await hnOperator.GetStringAsync($"/api/v1/incidents/{id}/report", Ct);
        string html = await hnOperator.GetStringAsync($"/api/v1/incidents/{id}/report?format=html&lang=en", Ct);
        (int status, _, JsonElement problem) = await hnOperator.GetProblemAsync($"/api/v1/incidents/{id}/report?format=pdf&lang=fr");

        Assert.Contains($"# Cross-boundary incident report #{id}", md, StringComparison.Ordinal);
        Assert.Contains("| 2024-06-01 01:00 | 1.8 | yes |", md, StringComparison.Ordinal);
        Assert.Contains("Liling Wangfang (liling-wangfang) | 30 | 13 h 53 min | 2024-06-01 14:53 |", md, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| seen", md, StringComparison.Ordinal);
        Assert.Contains("joint sampling", md, StringComparison.Ordinal);
        Assert.Contains("# 跨界水质事件报告", zh, StringComparison.Ordinal);
        Assert.Contains("联合采样", zh, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; | seen", html, StringComparison.Ordinal);
        Assert.Equal(400, status);
        Assert.Equal(["format", "lang"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }
}
