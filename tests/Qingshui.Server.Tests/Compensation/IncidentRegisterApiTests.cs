using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Audit;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Tests.Compensation;

/// <summary>An incident the alerts opened, confirmed by a coordinator as a pollution incident, becomes a register entry the parties confirm.</summary>
public sealed class IncidentRegisterApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AlertIncident_ConfirmedByACoordinator_IsProposed_AndForfeitsMayOnlyOnceBothPartiesConfirmed()
    {
        (TestHost host, long incident) = await IncidentRegisterDesk.StartAsync();
        await using (host)
        {
            using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");
            using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
            using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-finance");

            // Given the coordinator's confirmation of incident N as level Ⅱ: a proposal, awaiting both parties, that changes nothing yet
            HttpResponseMessage proposed = await office.ProposeAsync(incident);
            Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
            JsonElement entry = (await proposed.BodyAsync()).GetProperty("proposed")[0];
            Assert.Equal((incident, "jinyushi", "II", "萍乡市生态环境局"), (entry.GetProperty("incident").GetInt64(), entry.GetProperty("section").GetString(),
                entry.GetProperty("level").GetString(), entry.GetProperty("confirmedBy").GetString()));
            Assert.Equal(["jiangxi", "hunan"], entry.GetProperty("awaiting").EnumerateArray().Select(p => p.GetString()));
            Assert.Equal(12_000_000m, (await hunan.StatementAsync(2024)).GetProperty("net").GetProperty("amount").GetDecimal());

            // When Hunan confirms, it is still a proposal; when Jiangxi does, it is registered and 2024 recomputed
            JsonElement half = await (await hunan.ConfirmIncidentAsync(incident)).BodyAsync();
            HttpResponseMessage agreed = await jiangxi.ConfirmIncidentAsync(incident);

            // Then May's receipts are forfeited: net 11,000,000; the register lists it; every step is audited
            Assert.Equal(1, half.GetProperty("proposed").GetArrayLength());
            Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
            JsonElement register = await agreed.BodyAsync();
            Assert.Equal((0, 1), (register.GetProperty("proposed").GetArrayLength(), register.GetProperty("registered").GetArrayLength()));
            Assert.Equal(11_000_000m, (await hunan.StatementAsync(2024)).GetProperty("net").GetProperty("amount").GetDecimal());
            AuditEntry[] audit = [.. await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct)];
            Assert.Equal(["office-coordinator", "hn-finance", "jx-finance"], audit.Where(e => e.Record.Action.StartsWith("ledger.incident-", StringComparison.Ordinal))
                .Select(e => e.Record.Actor));
            Assert.Contains(audit, e => e.Record.Action == "ledger.recompute" && e.Record.Actor == "jx-finance");
        }
    }

    [Fact]
    public async Task AgreedIncident_InASignedMonth_LeavesTheAccountAsSigned_AndProposesAnAdjustment()
    {
        (TestHost host, long incident) = await IncidentRegisterDesk.StartAsync();
        await using (host)
        {
            using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");
            using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
            using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-finance");
            Assert.Equal(HttpStatusCode.OK, (await hunan.ConfirmAsync("2024-05")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await jiangxi.ConfirmAsync("2024-05")).StatusCode);

            await office.ProposeAsync(incident);
            await hunan.ConfirmIncidentAsync(incident);
            await jiangxi.ConfirmIncidentAsync(incident);

            JsonElement statement = await hunan.StatementAsync(2024);
            JsonElement may = statement.GetProperty("accounts")[4];
            Assert.Equal(1_000_000m, may.GetProperty("amount").GetDecimal());
            Assert.DoesNotContain(may.GetProperty("transfers").EnumerateArray(), t => t.GetProperty("basis").GetString() == "IncidentForfeiture");
            Assert.Equal("2024-05", Assert.Single(statement.GetProperty("proposedAdjustments").EnumerateArray()).GetProperty("corrected").GetString());
            Assert.Equal(12_000_000m, statement.GetProperty("net").GetProperty("amount").GetDecimal());
        }
    }

    [Fact]
    public async Task Proposal_BadFields_Are400NamingEachField_AndTheSameIncidentTwiceIs409()
    {
        (TestHost host, long incident) = await IncidentRegisterDesk.StartAsync();
        await using (host)
        {
            using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");

            HttpResponseMessage unknown = await office.ProposeAsync(incident + 100, level: "V");
            Assert.Equal(HttpStatusCode.OK, (await office.ProposeAsync(incident)).StatusCode);
            HttpResponseMessage again = await office.ProposeAsync(incident, level: "III");
            HttpResponseMessage unproposed = await office.ConfirmIncidentAsync(incident + 100, "hunan");

            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            JsonElement errors = (await unknown.BodyAsync()).GetProperty("errors");
            Assert.Equal(["incident", "level"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
            Assert.Equal($"no incident {incident + 100}", errors.GetProperty("incident")[0].GetString());
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Contains("already proposed", (await again.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, unproposed.StatusCode);
        }
    }
}
