using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Audit;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Tests.Api;

public sealed class PaymentsApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Every month of 2024 decided as met: Hunan owes Jiangxi 12,000,000, due 2025-04-30 (the host's clock reads 2025-02-10).
    private static async Task<(TestHost Host, HttpClient Hunan)> BooksAsync()
    {
        TestHost host = await LedgerDesk.StartAsync();
        HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        for (int month = 1; month <= 12; month++)
        {
            Assert.Equal(HttpStatusCode.OK, (await hunan.DecideAsync($"2024-{month:00}")).StatusCode);
        }

        return (host, hunan);
    }

    [Fact]
    public async Task Payment_ByThePayersFinance_IsRecordedAudited_AndTheStatementShowsPaidAndOutstanding()
    {
        (TestHost host, HttpClient hunan) = await BooksAsync();
        await using (host)
        using (hunan)
        {
            HttpResponseMessage first = await hunan.PayAsync(2024, 5_000_000m, "湘财预〔2025〕3号");
            HttpResponseMessage second = await hunan.PayAsync(2024, 4_000_000m, "湘财预〔2025〕9号");

            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            JsonElement pair = (await second.BodyAsync()).GetProperty("payments").GetProperty("pairs")[0];
            Assert.Equal(("hunan", "jiangxi", 12_000_000m, 9_000_000m, 3_000_000m, "outstanding"), (pair.GetProperty("payer").GetString(), pair.GetProperty("payee").GetString(),
                pair.GetProperty("owed").GetDecimal(), pair.GetProperty("paid").GetDecimal(), pair.GetProperty("outstanding").GetDecimal(), pair.GetProperty("state").GetString()));
            AuditRecord entry = (await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct))[^1].Record;
            Assert.Equal(("hn-finance", "hunan", "ledger.pay", "lushui-2019/2024", AuditOutcome.Done), (entry.Actor, entry.Organisation, entry.Action, entry.Target, entry.Outcome));
            Assert.Contains("\"amount\":5000000", entry.Before, StringComparison.Ordinal);
            Assert.Contains("\"reference\":\"湘财预〔2025〕9号\"", entry.After, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Payment_BeyondWhatIsOutstanding_Is409SayingHowMuchIsLeft_AndAudited()
    {
        (TestHost host, HttpClient hunan) = await BooksAsync();
        await using (host)
        using (hunan)
        {
            Assert.Equal(HttpStatusCode.OK, (await hunan.PayAsync(2024, 10_000_000m, "A-1")).StatusCode);

            HttpResponseMessage over = await hunan.PayAsync(2024, 2_000_000.01m, "A-2");

            Assert.Equal(HttpStatusCode.Conflict, over.StatusCode);
            Assert.Equal("amount 2000000.01 exceeds what is outstanding for 2024: 2000000.00 of 12000000.00", (await over.BodyAsync()).GetProperty("detail").GetString());
            AuditRecord entry = (await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct))[^1].Record;
            Assert.Equal(("ledger.pay", AuditOutcome.Refused), (entry.Action, entry.Outcome));
        }
    }

    [Fact]
    public async Task Payment_BadFields_Are400NamingEachField()
    {
        (TestHost host, HttpClient hunan) = await BooksAsync();
        await using (host)
        using (hunan)
        {
            HttpResponseMessage response = await hunan.PostAsJsonAsync("/api/v1/agreements/lushui-2019/years/2024/payments",
                new { payer = "guangdong", amount = 0.001m, paidOn = "2025-02-30", reference = new string('x', 121) }, Ct);

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            JsonElement errors = (await response.BodyAsync()).GetProperty("errors");
            Assert.Equal(["amount", "paidOn", "payee", "payer", "reference"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
            Assert.Contains("not a party to lushui-2019", errors.GetProperty("payer")[0].GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, (await hunan.PayAsync(2018)).StatusCode);
        }
    }

    [Fact]
    public async Task Incident_ByACoordinator_IsRegisteredInTheBooksAndAudited_BadFieldsNamed()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");

        HttpResponseMessage bad = await office.PostAsJsonAsync("/api/v1/agreements/lushui-2019/incidents", new { section = "liuzhuang", level = "V" }, Ct);
        HttpResponseMessage recorded = await office.RecordIncidentAsync("II");
        HttpResponseMessage again = await office.RecordIncidentAsync("II");

        Assert.Equal(["confirmedBy", "level", "occurredAt", "section"], (await bad.BodyAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Domain.Compensation.PollutionIncidentRecord incident = Assert.Single((await LedgerDesk.LedgerAsync(host)).Incidents);
        Assert.Equal(("jinyushi", Domain.Compensation.IncidentLevel.II, "萍乡市生态环境局"), (incident.Section, incident.Level, incident.ConfirmedBy));
        AuditRecord entry = (await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct)).First(e => e.Record.Action == "ledger.incident").Record;
        Assert.Equal(("office-coordinator", AuditOutcome.Done, "lushui-2019/2024"), (entry.Actor, entry.Outcome, entry.Target));
    }
}
