using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Storage;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Joint;

/// <summary>
/// A server with the Lushui agreement (the clock in February 2025) and members of Jiangxi, Hunan and the joint office for
/// joint meetings: coordinators who record meetings, operators who carry out decisions, a viewer and an observer.
/// </summary>
internal static class JointDesk
{
    public static async Task<TestHost> StartAsync(Func<ServerOptions, ServerOptions>? configure = null)
    {
        TestHost host = await LedgerDesk.StartAsync(configure: configure);
        await host.Server.Services.GetRequiredService<IAccountStore>().AddOrganisationAsync(
            new Organisation("observers", new("观察员", "Observers"), OrganisationKind.Observer, null), TestContext.Current.CancellationToken);
        await Members.AddAsync(host, "jx-coordinator", "jiangxi", Role.Coordinator);
        await Members.AddAsync(host, "hn-coordinator", "hunan", Role.Coordinator);
        await Members.AddAsync(host, "jx-operator", "jiangxi", Role.Operator);
        await Members.AddAsync(host, "jx-operator2", "jiangxi", Role.Operator);
        await Members.AddAsync(host, "hn-operator", "hunan", Role.Operator);
        await Members.AddAsync(host, "observer-operator", "observers", Role.Operator);
        return host;
    }

    public static object Meeting(string date = "2025-03-12", string[]? attachments = null) => new
    {
        date,
        place = "萍乡市安源区",
        convenor = "jiangxi",
        title = "2025年第一次联席会议",
        attendees = new[] { new { organisation = "jiangxi", name = "李明", role = "联络员" }, new { organisation = "hunan", name = "王芳", role = "河长" } },
        agenda = new[] { "通报2024年水质", "金鱼石断面联合采样" },
        minutes = "双方同意于四月开展联合采样。",
        attachments = attachments ?? [],
    };

    public static async Task<long> CreateMeetingAsync(HttpClient coordinator, string date = "2025-03-12", string[]? attachments = null)
    {
        HttpResponseMessage response = await coordinator.PostAsJsonAsync("/api/v1/joint/meetings", Meeting(date, attachments), TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.BodyAsync()).GetProperty("id").GetInt64();
    }

    public static Task<HttpResponseMessage> AddDecisionAsync(HttpClient client, long meeting, string owner = "jiangxi", string deadline = "2025-04-30",
        string text = "江西负责组织四月联合采样") =>
        client.PostAsJsonAsync($"/api/v1/joint/meetings/{meeting}/decisions", new { text, owner, ownerPerson = "李明", deadline }, TestContext.Current.CancellationToken);

    public static async Task<long> DecisionAsync(HttpClient coordinator, long meeting, string owner = "jiangxi", string deadline = "2025-04-30")
    {
        HttpResponseMessage response = await AddDecisionAsync(coordinator, meeting, owner, deadline);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return (await response.BodyAsync()).GetProperty("id").GetInt64();
    }

    public static Task<HttpResponseMessage> ChangeDecisionAsync(HttpClient client, long decision, string state = "done", string note = "已于4月15日完成联合采样") =>
        client.PostAsJsonAsync($"/api/v1/joint/decisions/{decision}/state", new { state, note }, TestContext.Current.CancellationToken);

    public static Task<HttpResponseMessage> AmendAsync(HttpClient client, long meeting, object amendment) =>
        client.PostAsJsonAsync($"/api/v1/joint/meetings/{meeting}/amendments", amendment, TestContext.Current.CancellationToken);

    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string fileName, string? share = null)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        if (share is not null)
        {
            form.Add(new StringContent(share), "share");
        }

        return await client.PostAsync("/api/v1/joint/attachments", form, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string path)
    {
        HttpResponseMessage response = await client.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        return await response.BodyAsync();
    }

    /// <summary>A small real PNG (a 40×30 red rectangle), made with the same library the server decodes with.</summary>
    public static byte[] Png(int width = 40, int height = 30)
    {
        using var bitmap = new SkiaSharp.SKBitmap(width, height);
        bitmap.Erase(SkiaSharp.SKColors.Red);
        using SkiaSharp.SKData data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
