using System.Net;
using System.Text.Json;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Review;

namespace Qingshui.Server.Tests.Api;

// Review decisions: each listed decision by its id, to members only.
public sealed partial class ListAndOneTests
{
    [Fact]
    public async Task ReviewDecisions_EachListedOne_IsServedByItsId_ToMembers_AndABadOrUnknownIdIsAProblem()
    {
        // Given two decisions on Jinyushi's Jiangxi station
        await using TestHost host = await ReviewDeskHost.StartAsync();
        await ReviewDeskHost.WriteMarchAsync(host);
        using HttpClient reviewer = await LedgerDesk.SignedInAsync(host, "jx-reviewer");
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using HttpClient anonymous = Members.Client(host);
        for (int day = 0; day < 2; day++)
        {
            Assert.Equal(HttpStatusCode.OK,
                (await reviewer.DecideAsync(ReviewDeskHost.JiangxiMn, ReviewDeskHost.March.AddDays(day), ReviewDeskHost.March.AddDays(day + 1))).StatusCode);
        }

        // When each listed decision is fetched by its id
        JsonElement[] listed = [.. (await viewer.GetJsonAsync($"/api/v1/review/decisions?station={ReviewDeskHost.JiangxiMn}"))
            .GetProperty("decisions").EnumerateArray()];
        string[] fetched = [.. await Task.WhenAll(listed.Select(async d => (await viewer.GetJsonAsync($"/api/v1/review/decisions/{IdOf(d)}")).ToString()))];

        // Then each is served as listed; anonymously it is a 401, an unknown id a 404 and a bad one a 400 naming it
        Assert.Equal(2, listed.Length);
        Assert.Equal(listed.Select(d => d.ToString()), fetched);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/review/decisions/{IdOf(listed[0])}", Ct)).StatusCode);
        Assert.Equal(404, (await viewer.GetProblemAsync($"/api/v1/review/decisions/{listed.Max(d => d.GetProperty("id").GetInt64()) + 1}")).Status);
        var (status, _, problem) = await viewer.GetProblemAsync("/api/v1/review/decisions/first");
        Assert.Equal(400, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("id", out _));
    }
}
