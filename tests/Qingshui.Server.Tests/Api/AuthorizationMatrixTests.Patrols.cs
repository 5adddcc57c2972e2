using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Joint;

namespace Qingshui.Server.Tests.Api;

// The joint patrol writes: river chiefs, patrols and their routes, findings, cases. Each is tried by someone anonymous,
// a viewer, an operator without the antiforgery header, the other side's operator, and the side whose write it is.
public sealed partial class AuthorizationMatrixTests
{
    private const string ChiefCsv = "reach,bank,side,level,name,organisation,term-from\njinyushi,left,jiangxi,county,张三,湘东区,2023-01-01\n";

    // (write, prepare as Jiangxi → the id it acts on, the write itself, the action audited)
    private static readonly Dictionary<string, (Func<HttpClient, Task<long>> Prepare, Func<HttpClient, long, Task<HttpResponseMessage>> Write, string Action)> PatrolWrites = new()
    {
        ["add-chief"] = (_ => Task.FromResult(0L), (c, _) => c.PostAsJsonAsync("/api/v1/joint/river-chiefs",
            new { reach = "jinyushi", bank = "left", side = "jiangxi", level = "county", name = "张三", organisation = "湘东区", termFrom = "2023-01-01" }, TestContext.Current.CancellationToken),
            "joint.river-chief.add"),
        ["change-chief"] = (async c => (await (await c.ImportChiefsAsync(ChiefCsv)).BodyAsync()).GetProperty("chiefs")[0].GetProperty("id").GetInt64(),
            (c, id) => c.PutAsJsonAsync($"/api/v1/joint/river-chiefs/{id}",
                new { reach = "jinyushi", bank = "left", side = "jiangxi", level = "county", name = "张三", organisation = "湘东区", termFrom = "2023-01-01", termTo = "2025-12-31" },
                TestContext.Current.CancellationToken), "joint.river-chief.change"),
        ["import-chiefs"] = (_ => Task.FromResult(0L), (c, _) => c.ImportChiefsAsync(ChiefCsv), "joint.river-chief.import"),
        ["add-patrol"] = (_ => Task.FromResult(0L), (c, _) => c.AddPatrolAsync("jiangxi"), "joint.patrol.add"),
        ["route"] = (c => c.PatrolAsync("jiangxi"), (c, id) => c.UploadRouteAsync(id, PatrolBench.Gpx(3)), "joint.patrol.route"),
        ["add-finding"] = (c => c.PatrolAsync("jiangxi"), (c, id) => c.AddFindingAsync(id, owner: "jiangxi"), "joint.finding.add"),
        ["close-finding"] = (async c => await c.FindingAsync(await c.PatrolAsync("jiangxi"), owner: "jiangxi"), (c, id) => c.CloseFindingAsync(id), "joint.finding.close"),
        ["open-case"] = (_ => Task.FromResult(0L), (c, _) => c.OpenCaseAsync(), "joint.case.open"),
        ["refer-case"] = (c => c.CaseAsync(), (c, id) => c.CaseStepAsync(id, "refer", new { to = "hunan", note = "右岸" }), "joint.case.refer"),
        ["case-status"] = (c => c.CaseAsync(), (c, id) => c.CaseStepAsync(id, "status", new { status = "investigating", note = "现场取证" }), "joint.case.status"),
        ["case-action"] = (c => c.CaseAsync(), (c, id) => c.CaseStepAsync(id, "actions", new { text = "现场取证" }), "joint.case.action"),
    };

    public static TheoryData<string> PatrolWriteNames => [.. PatrolWrites.Keys];

    [Theory]
    [MemberData(nameof(PatrolWriteNames))]
    public async Task PatrolWrite_Anonymous401_Viewer403_NoAntiforgery403_OtherSidesOperator403_OwnOperator2xx(string write)
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "jx-viewer");
        // Either side opens the cases it found: for opening, the one without a side is the joint office's operator.
        string otherName = write == "open-case" ? "office-operator" : "hn-operator";
        using HttpClient other = await LedgerDesk.SignedInAsync(host, otherName);
        using HttpClient own = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient noHeader = Members.Client(host);
        Assert.Equal(HttpStatusCode.OK, (await noHeader.SignInAsync("jx-operator", Members.Password)).StatusCode);
        (Func<HttpClient, Task<long>> prepare, Func<HttpClient, long, Task<HttpResponseMessage>> send, string action) = PatrolWrites[write];
        long id = await prepare(own);

        HttpResponseMessage[] refused = [await send(anonymous, id), await send(viewer, id), await send(noHeader, id), await send(other, id)];
        HttpResponseMessage allowed = await send(own, id);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], refused.Select(r => r.StatusCode));
        Assert.True(allowed.IsSuccessStatusCode, $"{allowed.StatusCode}: {await allowed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        var entries = await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken);
        // The write without the antiforgery header is refused and audited too
        Assert.Equal(["jx-viewer", "jx-operator", otherName], entries.Where(e => e.Record.Outcome == Domain.Audit.AuditOutcome.Refused && e.Record.Action == action).Select(e => e.Record.Actor));
        Assert.Equal(("jx-operator", Domain.Audit.AuditOutcome.Done), (entries[^1].Record.Actor, entries[^1].Record.Outcome));
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("decline")]
    public async Task CaseAnswer_ByTheReferringSide403_ByTheReferredSide2xx(string answer)
    {
        (TestHost host, _) = await PatrolBench.StartAsync();
        await using TestHost running = host;
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        long id = await jiangxi.CaseAsync();
        await jiangxi.CaseStepAsync(id, "refer", new { to = "hunan", note = "右岸" });

        HttpStatusCode[] refused = [(await viewer.CaseStepAsync(id, answer, new { reason = "r" })).StatusCode, (await jiangxi.CaseStepAsync(id, answer, new { reason = "r" })).StatusCode];
        HttpResponseMessage allowed = await hunan.CaseStepAsync(id, answer, new { reason = "r" });

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], refused);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }
}
