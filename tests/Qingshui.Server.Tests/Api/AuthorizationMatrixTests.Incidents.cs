using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Incidents;

namespace Qingshui.Server.Tests.Api;

// The incident writes: who may take a step or record an action on an incident at Jinyushi (Jiangxi and Hunan).
public sealed partial class AuthorizationMatrixTests
{
    private static readonly Dictionary<string, Func<HttpClient, long, Task<HttpResponseMessage>>> IncidentWrites = new()
    {
        ["acknowledge"] = (c, id) => c.StepAsync(id, "acknowledge"),
        ["respond"] = (c, id) => c.StepAsync(id, "respond"),
        ["close"] = (c, id) => c.StepAsync(id, "close"),
        ["action"] = (c, id) => c.ActAsync(id, "source-investigation", "outfalls walked"),
    };

    [Theory]
    [InlineData("acknowledge")]
    [InlineData("respond")]
    [InlineData("close")]
    [InlineData("action")]
    public async Task IncidentWrite_Anonymous401_Viewer403_NoAntiforgery403_JointOfficeOperator403_OwnOperatorAndCoordinator2xx(string write)
    {
        await using TestHost host = await IncidentBench.StartAsync();
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-operator");
        using HttpClient own = await LedgerDesk.SignedInAsync(host, "hn-operator");
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        using HttpClient noHeader = Members.Client(host);
        Assert.Equal(HttpStatusCode.OK, (await noHeader.SignInAsync("jx-operator", Members.Password)).StatusCode);
        long id = await PrepareIncidentAsync(host, own, write);

        HttpResponseMessage[] refused = [await IncidentWrites[write](anonymous, id), await IncidentWrites[write](viewer, id),
            await IncidentWrites[write](noHeader, id), await IncidentWrites[write](office, id)];
        HttpResponseMessage allowed = await IncidentWrites[write](write == "action" ? coordinator : own, id);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], refused.Select(r => r.StatusCode));
        Assert.Contains("needs the role operator or coordinator", (await refused[1].BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(allowed.IsSuccessStatusCode, $"{allowed.StatusCode}: {await allowed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        var entries = await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken);
        // The write without the antiforgery header is refused and audited too
        Assert.Equal(["hn-viewer", "jx-operator", "office-operator"], entries.Where(e => e.Record.Outcome == Domain.Audit.AuditOutcome.Refused).Select(e => e.Record.Actor));
    }

    // An incident opened by a real alert, taken to the state the write needs (notified to acknowledge, else acknowledged).
    private static async Task<long> PrepareIncidentAsync(TestHost host, HttpClient own, string write)
    {
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        await IncidentBench.SendHoursAsync(station, 0, IncidentBench.HunanJinyushi, 0.4m, 1.8m);
        JsonElement incident = Assert.Single(await IncidentBench.IncidentsWithinAsync(own, "", 1, TimeSpan.FromSeconds(5)));
        long id = incident.GetProperty("id").GetInt64();
        await IncidentBench.IncidentWhenAsync(own, id, i => i.GetProperty("status").GetString() == "notified", TimeSpan.FromSeconds(5));
        if (write != "acknowledge")
        {
            Assert.Equal(HttpStatusCode.OK, (await own.StepAsync(id, "acknowledge")).StatusCode);
        }

        return id;
    }
}
