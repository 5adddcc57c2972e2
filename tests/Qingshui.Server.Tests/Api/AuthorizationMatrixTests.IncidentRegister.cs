using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Compensation;

namespace Qingshui.Server.Tests.Api;

// Alert incidents into an agreement's register: a coordinator proposes, each party's finance confirms its own side.
public sealed partial class AuthorizationMatrixTests
{
    [Fact]
    public async Task IncidentProposal_Anonymous401_Finance403NamingCoordinator_AndAudited_Coordinator200()
    {
        (TestHost host, long incident) = await IncidentRegisterDesk.StartAsync();
        await using (host)
        {
            using HttpClient anonymous = Members.Client(host);
            using HttpClient finance = await LedgerDesk.SignedInAsync(host, "hn-finance");
            using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");

            HttpResponseMessage nobody = await anonymous.ProposeAsync(incident);
            HttpResponseMessage refused = await finance.ProposeAsync(incident);
            var last = (await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken))[^1].Record;
            HttpResponseMessage proposed = await office.ProposeAsync(incident);

            Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.OK), (nobody.StatusCode, refused.StatusCode, proposed.StatusCode));
            Assert.Contains("needs the role coordinator", (await refused.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(("hn-finance", "ledger.incident-propose", Domain.Audit.AuditOutcome.Refused), (last.Actor, last.Action, last.Outcome));
        }
    }

    [Fact]
    public async Task IncidentConfirmation_Anonymous401_Viewer403_OtherPartysFinance403Audited_OwnFinance200()
    {
        (TestHost host, long incident) = await IncidentRegisterDesk.StartAsync();
        await using (host)
        {
            using HttpClient anonymous = Members.Client(host);
            using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
            using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-finance");
            using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
            using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");
            Assert.Equal(HttpStatusCode.OK, (await office.ProposeAsync(incident)).StatusCode);

            HttpStatusCode[] refused = [(await anonymous.ConfirmIncidentAsync(incident, "hunan")).StatusCode,
                (await viewer.ConfirmIncidentAsync(incident, "hunan")).StatusCode, (await jiangxi.ConfirmIncidentAsync(incident, "hunan")).StatusCode];
            var last = (await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken))[^1].Record;
            HttpResponseMessage own = await hunan.ConfirmIncidentAsync(incident);

            Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], refused);
            Assert.Equal(("jx-finance", "ledger.incident-confirm", Domain.Audit.AuditOutcome.Refused), (last.Actor, last.Action, last.Outcome));
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        }
    }
}
