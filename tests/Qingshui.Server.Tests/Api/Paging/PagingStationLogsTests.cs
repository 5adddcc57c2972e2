using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Review;
using Qingshui.Storage.Commands;

namespace Qingshui.Server.Tests.Api.Paging;

/// <summary>A station's command log and its review decisions page to their end like every list.</summary>
public sealed class PagingStationLogsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StationCommands_WalkedTwoAtATime_WithCommandsSentMidway_AreEachCommandThatWasThereOnce()
    {
        await using TestHost host = await ReviewDeskHost.StartAsync();
        IStationCommandStore log = host.Server.Services.GetRequiredService<IStationCommandStore>();
        var sent = new List<long>();
        for (int i = 0; i < 5; i++)
        {
            sent.Add((await log.AddCommandAsync(Command(i), Ct)).Id);
        }

        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        (List<JsonElement> items, int pages) = await PageWalk.AllAsync(viewer, $"/api/v1/stations/{ReviewDeskHost.JiangxiMn}/commands?limit=2",
            root => root.GetProperty("commands"), async page => await log.AddCommandAsync(Command(100 + page), Ct));

        Assert.Equal(sent.AsEnumerable().Reverse(), items.Select(i => i.GetProperty("id").GetInt64()));
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task ReviewDecisions_WalkedOneAtATime_AreEachDecisionOnce_NewestFirst()
    {
        await using TestHost host = await ReviewDeskHost.StartAsync();
        await ReviewDeskHost.WriteMarchAsync(host);
        using HttpClient reviewer = await LedgerDesk.SignedInAsync(host, "jx-reviewer");
        for (int day = 0; day < 3; day++)
        {
            HttpResponseMessage decided = await reviewer.DecideAsync(ReviewDeskHost.JiangxiMn, ReviewDeskHost.March.AddDays(day), ReviewDeskHost.March.AddDays(day + 1));
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        (List<JsonElement> items, int pages) = await PageWalk.AllAsync(reviewer, $"/api/v1/review/decisions?station={ReviewDeskHost.JiangxiMn}&limit=1",
            root => root.GetProperty("decisions"));

        long[] ids = [.. items.Select(i => i.GetProperty("id").GetInt64())];
        Assert.Equal(3, ids.Length);
        Assert.Equal(ids.OrderDescending(), ids);
        Assert.Equal(3, pages);
    }

    private static StationCommandEntry Command(int n) => new(
        0, ReviewDeskHost.JiangxiMn, $"2024060109000000{n % 10}", "1062", "RtdInterval=300", "incident/1",
        new DateTimeOffset(2024, 6, 1, 9, 0, 0, TimeSpan.Zero).AddMinutes(n), "answered", null, null, []);
}
