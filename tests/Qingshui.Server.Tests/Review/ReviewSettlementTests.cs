using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Audit;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Compensation;
using static Qingshui.Server.Tests.Review.ReviewDeskHost;

namespace Qingshui.Server.Tests.Review;

/// <summary>Settlements on reviewed data: the statement shows each month's review, and a year closes on unreviewed months only by consent.</summary>
public sealed class ReviewSettlementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> ConsentAsync(HttpClient client, string reason = "joint meeting of 2025-02-01: settle on the data as they stand") =>
        client.PostAsJsonAsync("/api/v1/review/consents", new { agreement = LedgerDesk.Agreement, year = 2024, reason }, Ct);

    private static JsonElement MarchReview(JsonElement statement) =>
        statement.GetProperty("review").EnumerateArray().Single(p => p.GetProperty("period").GetString() == "2024-03");

    [Fact]
    public async Task Statement_ListsEachMonthsReviewStateAndCompleteness_AndAnUnreviewedMonthKeepsItProvisional()
    {
        await using TestHost host = await ReviewDeskHost.StartAsync();
        await WriteMarchAsync(host);
        await host.Server.Services.GetRequiredService<SettlementService>().RecomputeAsync(LedgerDesk.Lushui, 2024, Ct);
        using HttpClient reviewer = await LedgerDesk.SignedInAsync(host, "jx-reviewer");

        JsonElement before = await reviewer.StatementAsync(2024);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.MonthStepAsync(JiangxiMn, "2024-03", "close")).StatusCode);
        JsonElement after = await reviewer.StatementAsync(2024);

        JsonElement station = MarchReview(before).GetProperty("stations").EnumerateArray().Single(s => s.GetProperty("station").GetString() == JiangxiMn);
        Assert.Equal(("unreviewed", false), (station.GetProperty("state").GetString(), MarchReview(before).GetProperty("reviewed").GetBoolean()));
        JsonElement ammonia = station.GetProperty("completeness").EnumerateArray().Single(p => p.GetProperty("parameter").GetString() == "w21003");
        Assert.Equal((31, 20, true), (ammonia.GetProperty("validDays").GetInt32(), ammonia.GetProperty("requiredDays").GetInt32(), ammonia.GetProperty("complete").GetBoolean()));
        Assert.Equal("no-data", MarchReview(before).GetProperty("stations").EnumerateArray().Single(s => s.GetProperty("station").GetString() == HunanMn)
            .GetProperty("state").GetString());
        Assert.Contains(before.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("reason").GetString() == "unreviewed" && r.GetProperty("period").GetString() == "2024-03");
        Assert.True(MarchReview(after).GetProperty("reviewed").GetBoolean());
        Assert.DoesNotContain(after.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("reason").GetString() == "unreviewed");
        Assert.Equal(before.GetProperty("contentHash").GetString(), after.GetProperty("contentHash").GetString());
    }

    [Fact]
    public async Task CloseYear_OnAnUnreviewedMonth_IsRefusedNamingIt_UntilBothPartiesConsent()
    {
        // Given 2024 confirmed by both parties month by month, March's data not closed by review
        await using TestHost host = await ReviewDeskHost.StartAsync();
        await WriteMarchAsync(host);
        await host.Server.Services.GetRequiredService<SettlementService>().RecomputeAsync(LedgerDesk.Lushui, 2024, Ct);
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-finance");
        for (int month = 1; month <= 12; month++)
        {
            string period = $"2024-{month:00}";
            if (month != 3)
            {
                Assert.Equal(HttpStatusCode.OK, (await hunan.DecideAsync(period)).StatusCode);
            }

            Assert.Equal(HttpStatusCode.OK, (await hunan.ConfirmAsync(period)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await jiangxi.ConfirmAsync(period)).StatusCode);
        }

        // When Hunan closes the year, then consents, then Jiangxi consents and closes
        HttpResponseMessage refused = await hunan.CloseAsync(2024);
        HttpResponseMessage hunanConsent = await ConsentAsync(hunan);
        HttpResponseMessage stillRefused = await hunan.CloseAsync(2024);
        HttpResponseMessage twice = await ConsentAsync(hunan);
        HttpResponseMessage jiangxiConsent = await ConsentAsync(jiangxi);
        HttpResponseMessage closed = await jiangxi.CloseAsync(2024);

        // Then the close waits for both consents, naming the month and station, and each step is audited
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("months not closed by review: 2024-03 (360300A00000000000000201)", (await refused.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("(not yet: jiangxi, hunan)", (await refused.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, hunanConsent.StatusCode);
        Assert.False((await hunanConsent.BodyAsync()).GetProperty("complete").GetBoolean());
        Assert.Contains("(not yet: jiangxi)", (await stillRefused.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.True((await jiangxiConsent.BodyAsync()).GetProperty("complete").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        IReadOnlyList<AuditEntry> audit = await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 10_000, Ct);
        Assert.Equal(["hn-finance/refused", "hn-finance/refused", "jx-finance/done"],
            audit.Where(e => e.Record.Action == "ledger.close").Select(e => $"{e.Record.Actor}/{(e.Record.Outcome == AuditOutcome.Done ? "done" : "refused")}"));
        Assert.Equal(["hn-finance", "jx-finance"], audit.Where(e => e.Record.Action == "review.consent").Select(e => e.Record.Actor));
    }
}
