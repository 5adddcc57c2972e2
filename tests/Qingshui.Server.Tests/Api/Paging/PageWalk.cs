using System.Text.Json;
using System.Text.RegularExpressions;

namespace Qingshui.Server.Tests.Api.Paging;

/// <summary>Walks a list to its end by the <c>Link: &lt;…&gt;; rel="next"</c> of each answer, as an integrator would.</summary>
internal static partial class PageWalk
{
    public static async Task<(List<JsonElement> Items, int Pages)> AllAsync(
        HttpClient client, string first, Func<JsonElement, JsonElement> items, Func<int, Task>? afterPage = null)
    {
        var all = new List<JsonElement>();
        string? next = first;
        int pages = 0;
        while (next is not null)
        {
            using HttpResponseMessage response = await client.GetAsync(next, TestContext.Current.CancellationToken);
            string body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"{next}: {(int)response.StatusCode} {body}");
            JsonElement root = JsonDocument.Parse(body).RootElement;
            all.AddRange(items(root).EnumerateArray().Select(e => e.Clone()));
            next = NextOf(response);
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("nextCursor", out JsonElement cursor))
            {
                // An object answer says the same cursor in its body as in its Link header.
                Assert.Equal(next is null ? null : Uri.UnescapeDataString(CursorOf(next)), cursor.GetString());
            }

            pages++;
            Assert.True(pages < 500, "the walk does not end");
            if (afterPage is not null && next is not null)
            {
                await afterPage(pages);
            }
        }

        return (all, pages);
    }

    public static string? NextOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Link", out IEnumerable<string>? links) && links.Select(l => NextLink().Match(l)).FirstOrDefault(m => m.Success) is Match m
            ? m.Groups[1].Value
            : null;

    public static string CursorOf(string link) => CursorParameter().Match(link).Groups[1].Value;

    [GeneratedRegex("<([^>]+)>; rel=\"next\"")]
    private static partial Regex NextLink();

    [GeneratedRegex("[?&]cursor=([^&]+)")]
    private static partial Regex CursorParameter();
}
