using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Tests.Joint;

namespace Qingshui.Server.Tests.Api.Csv;

/// <summary>Across every mapped API read: a list answers CSV, and no read answers JSON to a caller who asked for CSV.</summary>
public sealed class CsvEveryEndpointTests
{
    // Lists whose answer is not one table, so CSV is refused with 406: the register holds two (registered and proposed entries).
    private static readonly string[] NotOneTable = ["ListAgreementIncidents"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryPagedApiList_IsMarkedAsATable_OrAnswersItsOwnFormats()
    {
        await using TestHost host = await TestHost.StartAsync();

        string[] lists = [.. ApiGets(host).Where(e => Qingshui.Server.Api.QueryCheck.QueryNamesOf(e)?.Contains("cursor") == true)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? e.RoutePattern.RawText!)];
        string[] withoutCsv = [.. ApiGets(host).Where(e => Qingshui.Server.Api.QueryCheck.QueryNamesOf(e)?.Contains("cursor") == true)
            .Where(e => e.Metadata.GetMetadata<CsvRows>() is null && e.Metadata.GetMetadata<OwnFormats>() is null)
            .Select(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? e.RoutePattern.RawText!)
            .Except(NotOneTable)];

        Assert.True(lists.Length > 20, $"only {lists.Length} paged lists found: {string.Join(", ", lists)}");
        Assert.True(withoutCsv.Length == 0, "paged lists that refuse CSV: " + string.Join(", ", withoutCsv));
    }

    [Fact]
    public async Task EveryApiGet_AskedForCsv_AnswersCsvOrAProblem_NeverJson()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient member = await Accounts.LedgerDesk.SignedInAsync(host, "hn-coordinator");
        using HttpClient anonymous = Accounts.Members.Client(host);

        // A member reads most; refusals (an admin's lists to a coordinator, anything closed to an anonymous caller) are problems too.
        var json = new List<string>();
        int csv = 0;
        foreach ((string who, HttpClient client) in new[] { ("member", member), ("anonymous", anonymous) })
        {
            foreach (RouteEndpoint endpoint in ApiGets(host).Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName != "Events"))
            {
                string url = AuthorizationMatrixTests.SampleUrl(endpoint.RoutePattern);
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Accept.ParseAdd("text/csv");
                using HttpResponseMessage response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
                string? type = response.Content.Headers.ContentType?.MediaType;
                if (response.StatusCode == HttpStatusCode.OK && type == "text/csv")
                {
                    csv++;
                }
                else if (response.IsSuccessStatusCode || type != "application/problem+json")
                {
                    json.Add($"{who} {url}: {(int)response.StatusCode} {type}");
                }
            }
        }

        Assert.True(csv > 10, $"only {csv} reads answered CSV");
        Assert.True(json.Count == 0, "asked for CSV, answered otherwise: " + string.Join("; ", json));
    }

    private static IEnumerable<RouteEndpoint> ApiGets(TestHost host) =>
        host.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(HttpMethods.IsGet) == true
                && e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true);
}
