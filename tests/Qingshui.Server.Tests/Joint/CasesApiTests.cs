using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Audit;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Tests.Joint;

public sealed class CasesApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Case_ReferredByJiangxi_AcceptedByHunan_JiangxiCannotThenChangeItsStatus()
    {
        // Given a case Jiangxi found and referred to Hunan
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        long id = await jiangxi.CaseAsync();
        Assert.Equal(HttpStatusCode.OK, (await jiangxi.CaseStepAsync(id, "refer", new { to = "hunan", note = "采砂点在右岸，属醴陵管辖" })).StatusCode);

        // When Jiangxi tries to accept its own referral, Hunan accepts, and then Jiangxi tries to change the status
        HttpResponseMessage ownAccept = await jiangxi.CaseStepAsync(id, "accept", new { });
        HttpResponseMessage accepted = await hunan.CaseStepAsync(id, "accept", new { reason = "已派执法队" });
        HttpResponseMessage jiangxiStatus = await jiangxi.CaseStepAsync(id, "status", new { status = "investigating", note = "我方调查" });
        HttpResponseMessage hunanStatus = await hunan.CaseStepAsync(id, "status", new { status = "investigating", note = "现场取证" });

        // Then jurisdiction moved to Hunan, Jiangxi was refused (403, audited) and Hunan's change stands
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.OK],
            new[] { ownAccept, accepted, jiangxiStatus, hunanStatus }.Select(r => r.StatusCode));
        Assert.Contains("only hunan may change the status", await jiangxiStatus.ProblemAsync(), StringComparison.Ordinal);
        JsonElement seenByJiangxi = await jiangxi.GetJsonAsync($"/api/v1/joint/cases/{id}");
        Assert.Equal(("jiangxi", "hunan", "investigating", "accepted"), (seenByJiangxi.GetProperty("foundBy").GetString(), seenByJiangxi.GetProperty("jurisdiction").GetString(),
            seenByJiangxi.GetProperty("status").GetString(), seenByJiangxi.GetProperty("referrals")[0].GetProperty("answer").GetString()));
        IReadOnlyList<AuditEntry> audit = await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct);
        Assert.Equal(["joint.case.open jx-operator Done", "joint.case.refer jx-operator Done", "joint.case.accept jx-operator Refused", "joint.case.accept hn-operator Done",
            "joint.case.status jx-operator Refused", "joint.case.status hn-operator Done"],
            audit.Where(e => e.Record.Action.StartsWith("joint.case.", StringComparison.Ordinal)).Select(e => $"{e.Record.Action} {e.Record.Actor} {e.Record.Outcome}"));
    }

    [Fact]
    public async Task Case_SeenByItsPartiesAndTheJointOffice_TheOtherSideSeesItOnceReferred()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunanViewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        long id = await jiangxi.CaseAsync();

        Assert.Empty((await hunanViewer.GetJsonAsync("/api/v1/joint/cases")).GetProperty("cases").EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await hunanViewer.GetAsync($"/api/v1/joint/cases/{id}", Ct)).StatusCode);
        Assert.Single((await office.GetJsonAsync("/api/v1/joint/cases")).GetProperty("cases").EnumerateArray());

        await jiangxi.CaseStepAsync(id, "refer", new { to = "hunan", note = "右岸" });

        JsonElement referred = Assert.Single((await hunanViewer.GetJsonAsync("/api/v1/joint/cases?state=referred")).GetProperty("cases").EnumerateArray());
        Assert.Equal(("hunan", true), (referred.GetProperty("referredTo").GetString(), referred.GetProperty("referred").GetBoolean()));
    }

    [Fact]
    public async Task Decline_WithoutReason_Is400_WithReasonKeepsJurisdiction_AndCloseNeedsAnOutcome()
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        long id = await jiangxi.CaseAsync();
        await jiangxi.CaseStepAsync(id, "refer", new { to = "hunan", note = "右岸" });

        HttpResponseMessage noReason = await hunan.CaseStepAsync(id, "decline", new { });
        HttpResponseMessage declined = await hunan.CaseStepAsync(id, "decline", new { reason = "经核实位于江西一侧" });
        HttpResponseMessage noOutcome = await jiangxi.CaseStepAsync(id, "status", new { status = "closed", note = "结案" });
        HttpResponseMessage closed = await jiangxi.CaseStepAsync(id, "status", new { status = "closed", note = "结案", outcome = "责令停止采砂，罚款 5 万元" });
        HttpResponseMessage after = await jiangxi.CaseStepAsync(id, "actions", new { text = "回访" });

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.Conflict],
            new[] { noReason, declined, noOutcome, closed, after }.Select(r => r.StatusCode));
        Assert.True((await noReason.BodyAsync()).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.True((await noOutcome.BodyAsync()).GetProperty("errors").TryGetProperty("outcome", out _));
        JsonElement final = await hunan.GetJsonAsync($"/api/v1/joint/cases/{id}");
        Assert.Equal(("jiangxi", "closed", "责令停止采砂，罚款 5 万元"), (final.GetProperty("jurisdiction").GetString(), final.GetProperty("status").GetString(), final.GetProperty("outcome").GetString()));
    }
}
