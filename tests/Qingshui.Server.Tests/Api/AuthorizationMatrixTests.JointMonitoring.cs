using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Joint;

namespace Qingshui.Server.Tests.Api;

// The joint-monitoring writes: closing a Jinyushi discrepancy, recording a sampling event sampled by Jiangxi and Hunan,
// importing Jiangxi's laboratory results.
public sealed partial class AuthorizationMatrixTests
{
    private const string JiangxiResults = "sample,laboratory,side,item,value\nJYS-1,Pingxiang centre,jiangxi,NH3N,0.62\n";

    [Fact]
    public async Task DiscrepancyClose_Anonymous401_Viewer403_NoAntiforgery403_JointOfficeOperator403_EitherSidesReviewerOrCoordinator2xx()
    {
        await using TestHost host = await JointBench.StartAsync();
        long[] ids = [.. (await JointBench.ScanAsync(host)).Select(d => d.Id)];
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "jx-viewer");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-operator");
        using HttpClient reviewer = await LedgerDesk.SignedInAsync(host, "hn-reviewer");
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        using HttpClient noHeader = Members.Client(host);
        Assert.Equal(HttpStatusCode.OK, (await noHeader.SignInAsync("jx-operator", Members.Password)).StatusCode);

        HttpStatusCode[] refused = [(await anonymous.CloseAsync(ids[0])).StatusCode, (await viewer.CloseAsync(ids[0])).StatusCode,
            (await noHeader.CloseAsync(ids[0])).StatusCode, (await office.CloseAsync(ids[0])).StatusCode];
        HttpStatusCode[] allowed = [(await reviewer.CloseAsync(ids[0])).StatusCode, (await coordinator.CloseAsync(ids[1])).StatusCode];

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], refused);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], allowed);
        var entries = await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken);
        // The write without the antiforgery header is refused and audited too
        Assert.Equal(["jx-viewer", "jx-operator", "office-operator"], entries.Where(e => e.Record.Action == "joint.discrepancy.close"
            && e.Record.Outcome == Domain.Audit.AuditOutcome.Refused).Select(e => e.Record.Actor));
    }

    [Theory]
    [InlineData("record")]
    [InlineData("results")]
    public async Task SamplingWrite_Anonymous401_Viewer403_NoAntiforgery403_JointOfficeOperator403_OwnSide2xx(string write)
    {
        await using TestHost host = await JointBench.StartAsync();
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "jx-viewer");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-operator");
        using HttpClient own = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient noHeader = Members.Client(host);
        Assert.Equal(HttpStatusCode.OK, (await noHeader.SignInAsync("jx-operator", Members.Password)).StatusCode);
        long id = (await (await SamplingApiTests.RecordAsync(own)).BodyAsync()).GetProperty("id").GetInt64();
        Func<HttpClient, Task<HttpResponseMessage>> send = write == "record"
            ? c => SamplingApiTests.RecordAsync(c)
            : c => SamplingApiTests.ImportAsync(c, id, JiangxiResults);

        HttpStatusCode[] refused = [(await send(anonymous)).StatusCode, (await send(viewer)).StatusCode, (await send(noHeader)).StatusCode,
            (await send(office)).StatusCode];
        HttpResponseMessage allowed = await send(own);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], refused);
        Assert.True(allowed.IsSuccessStatusCode, $"{allowed.StatusCode}: {await allowed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        var entries = await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken);
        Assert.Equal(["jx-viewer", "jx-operator", "office-operator"], entries.Where(e => e.Record.Action == "joint.sampling." + write
            && e.Record.Outcome == Domain.Audit.AuditOutcome.Refused).Select(e => e.Record.Actor));
    }
}
