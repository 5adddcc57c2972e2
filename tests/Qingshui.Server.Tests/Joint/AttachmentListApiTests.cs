using System.Net;
using System.Text;
using System.Text.Json;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;
using Qingshui.Server.Tests.Api.Paging;

namespace Qingshui.Server.Tests.Joint;

/// <summary>The list behind the attachments' GET by id: what is shared with the reader's organisation, paged to its end.</summary>
public sealed class AttachmentListApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_WalkedTwoAtATime_WithUploadsMidway_IsEachAttachmentSharedWithTheReaderOnce_AsItsMetaSays()
    {
        // Given five texts Jiangxi shares with Hunan and two it keeps to itself
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        var shared = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            shared.Add(await UploadAsync(jiangxi, $"shared {i}", "hunan"));
            await UploadAsync(jiangxi, $"own {i % 2}", "jiangxi");
        }

        // When Hunan walks the list two at a time while Jiangxi uploads another shared text after each page
        var addedMidway = new List<string>();
        (List<JsonElement> items, int pages) = await PageWalk.AllAsync(hunan, "/api/v1/joint/attachments?limit=2", root => root,
            async page => addedMidway.Add(await UploadAsync(jiangxi, $"midway {page}", "hunan")));

        // Then each attachment shared with Hunan that was there is listed once, in id order, as its metadata answers it
        string[] ids = [.. items.Select(i => i.GetProperty("id").GetString()!)];
        Assert.Equal(ids.Distinct(), ids);
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Superset(shared.ToHashSet(), ids.ToHashSet());
        Assert.All(ids, id => Assert.True(shared.Contains(id) || addedMidway.Contains(id), id));
        Assert.True(pages >= 3, $"{pages} pages");
        foreach (JsonElement item in items)
        {
            Assert.Equal(item.ToString(), (await hunan.GetJsonAsync($"/api/v1/joint/attachments/{item.GetProperty("id").GetString()}/meta")).ToString());
        }

        // And Jiangxi sees its own too; anonymously it is a 401, and Hunan's cursor is not Jiangxi's
        JsonElement all = await jiangxi.GetJsonAsync("/api/v1/joint/attachments?limit=500");
        Assert.Equal(shared.Count + addedMidway.Count + 2, all.GetArrayLength());
        using HttpClient anonymous = Members.Client(host);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/joint/attachments", Ct)).StatusCode);
        using HttpResponseMessage first = await hunan.GetAsync("/api/v1/joint/attachments?limit=1", Ct);
        var (status, _, problem) = await jiangxi.GetProblemAsync(PageWalk.NextOf(first)!);
        Assert.Equal(400, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty("cursor", out _));
    }

    private static async Task<string> UploadAsync(HttpClient client, string text, string share)
    {
        HttpResponseMessage response = await JointDesk.UploadAsync(client, Encoding.UTF8.GetBytes(text), "note.txt", share);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.BodyAsync()).GetProperty("id").GetString()!;
    }
}
