using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Audit;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Joint;

namespace Qingshui.Server.Tests.Api;

// Joint meetings' rows: meetings and their decisions by a coordinator or an admin; a decision's state by its owner's
// members (not viewers); uploads by any member but a viewer; reads by members.
public sealed partial class AuthorizationMatrixTests
{
    [Fact]
    public async Task JointMeetingWrites_Anonymous401_Viewer403_Operator403_Coordinator201_Audited()
    {
        await using TestHost host = await JointDesk.StartAsync();
        await Members.AddAsync(host, "hn-admin", "hunan", Domain.Access.Role.Admin);
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using HttpClient operatorOfHunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");
        long meeting = await JointDesk.CreateMeetingAsync(coordinator);

        HttpStatusCode[] create = [.. await Task.WhenAll(new[] { anonymous, viewer, operatorOfHunan, coordinator, admin }.Select(async c =>
            (await c.PostAsync("/api/v1/joint/meetings", System.Net.Http.Json.JsonContent.Create(JointDesk.Meeting()), TestContext.Current.CancellationToken)).StatusCode))];
        HttpStatusCode[] decide = [.. await Task.WhenAll(new[] { anonymous, viewer, operatorOfHunan, coordinator, admin }.Select(async c =>
            (await JointDesk.AddDecisionAsync(c, meeting)).StatusCode))];

        HttpStatusCode[] expected = [HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Created, HttpStatusCode.Created];
        Assert.Equal(expected, create);
        Assert.Equal(expected, decide);
        var entries = await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken);
        Assert.Equal(["hn-operator", "hn-viewer"], entries.Where(e => e.Record.Action == "joint.meeting.create" && e.Record.Outcome == AuditOutcome.Refused)
            .Select(e => e.Record.Actor).Order(StringComparer.Ordinal));
        Assert.Equal(3, entries.Count(e => e.Record.Action == "joint.meeting.create" && e.Record.Outcome == AuditOutcome.Done));
        Assert.Equal(2, entries.Count(e => e.Record.Action == "joint.decision.create" && e.Record.Outcome == AuditOutcome.Refused));
    }

    [Fact]
    public async Task DecisionStateWrite_Anonymous401_OwnViewer403_OtherSide403_JointOffice403_OwnOperator200()
    {
        await using TestHost host = await JointDesk.StartAsync();
        await Members.AddAsync(host, "jx-viewer", "jiangxi", Domain.Access.Role.Viewer);
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        long decision = await JointDesk.DecisionAsync(coordinator, await JointDesk.CreateMeetingAsync(coordinator), owner: "jiangxi");
        using HttpClient anonymous = Members.Client(host);
        using HttpClient ownViewer = await LedgerDesk.SignedInAsync(host, "jx-viewer");
        using HttpClient otherSide = await LedgerDesk.SignedInAsync(host, "hn-operator");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        using HttpClient own = await LedgerDesk.SignedInAsync(host, "jx-operator");

        HttpStatusCode[] refused = [(await JointDesk.ChangeDecisionAsync(anonymous, decision)).StatusCode, (await JointDesk.ChangeDecisionAsync(ownViewer, decision)).StatusCode,
            (await JointDesk.ChangeDecisionAsync(otherSide, decision)).StatusCode, (await JointDesk.ChangeDecisionAsync(office, decision)).StatusCode];
        HttpStatusCode allowed = (await JointDesk.ChangeDecisionAsync(own, decision)).StatusCode;

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], refused);
        Assert.Equal(HttpStatusCode.OK, allowed);
        var entries = await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken);
        Assert.Equal(["jx-viewer/Refused", "hn-operator/Refused", "office-coordinator/Refused", "jx-operator/Done"],
            entries.Where(e => e.Record.Action == "joint.decision.state").Select(e => $"{e.Record.Actor}/{e.Record.Outcome}"));
    }

    [Fact]
    public async Task MeetingAmendment_Anonymous401_Viewer403_Operator403_OtherSidesCoordinator403_ConvenorsCoordinator200_Audited()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using HttpClient operatorOfJiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient otherSide = await LedgerDesk.SignedInAsync(host, "hn-coordinator");
        using HttpClient convenor = await LedgerDesk.SignedInAsync(host, "jx-coordinator");
        long meeting = await JointDesk.CreateMeetingAsync(convenor);

        HttpStatusCode[] statuses = [.. await Task.WhenAll(new[] { anonymous, viewer, operatorOfJiangxi, otherSide, convenor }.Select(async c =>
            (await JointDesk.AmendAsync(c, meeting, new { minutes = "会后补记：双方同意四月联合采样。" })).StatusCode))];

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.OK], statuses);
        var entries = await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken);
        Assert.Equal(["hn-coordinator/Refused", "hn-viewer/Refused", "jx-coordinator/Done", "jx-operator/Refused"], entries
            .Where(e => e.Record.Action == "joint.meeting.amend").Select(e => $"{e.Record.Actor}/{e.Record.Outcome}").Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("/api/v1/joint/meetings")]
    [InlineData("/api/v1/joint/decisions?owner=mine")]
    [InlineData("/api/v1/joint/calendar")]
    [InlineData("/api/v1/joint/receipts?kind=meeting&id=1")]
    [InlineData("/api/v1/joint/report?year=2025")]
    public async Task JointMeetingRead_Anonymous401_Viewer200(string path)
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        HttpResponseMessage open = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);
        HttpResponseMessage signedIn = await viewer.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (open.StatusCode, signedIn.StatusCode));
    }
}
