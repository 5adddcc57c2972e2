using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Api;

/// <summary>A query parameter an API endpoint does not read is a 400 naming it, not silently ignored.</summary>
public sealed class QueryCheckTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryApiGet_WithAnUnknownQueryParameter_Is400NamingIt()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient anonymous = Members.Client(host);
        RouteEndpoint[] gets = [.. host.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(HttpMethods.IsGet) == true
                && e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)];

        var wrong = new List<string>();
        foreach (RouteEndpoint endpoint in gets)
        {
            string url = AuthorizationMatrixTests.SampleUrl(endpoint.RoutePattern) + "?statoin=x";
            using HttpResponseMessage response = await anonymous.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, Ct);
            string body = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains("'statoin' is not a query parameter", StringComparison.Ordinal))
            {
                wrong.Add($"{url}: {(int)response.StatusCode}");
            }
        }

        Assert.True(gets.Length > 10, $"only {gets.Length} API reads found");
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }

    [Fact]
    public async Task EveryApiWrite_WithAnUnknownQueryParameter_Is400NamingIt_BeforeAnythingIsRead()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient anonymous = Members.Client(host);
        RouteEndpoint[] writes = [.. host.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true
                && e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.FirstOrDefault(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m)) is not null)];

        var wrong = new List<string>();
        foreach (RouteEndpoint endpoint in writes)
        {
            string method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.First(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m));
            string url = AuthorizationMatrixTests.SampleUrl(endpoint.RoutePattern) + "?statoin=x";
            using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
            using HttpResponseMessage response = await anonymous.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, Ct);
            string body = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode != HttpStatusCode.BadRequest || !body.Contains("'statoin' is not a query parameter", StringComparison.Ordinal))
            {
                wrong.Add($"{method} {url}: {(int)response.StatusCode}");
            }
        }

        Assert.True(writes.Length > 40, $"only {writes.Length} API writes found");
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }

    [Fact]
    public async Task KnownParameters_AreAccepted_AnyCase_AndTheErrorListsThem()
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient anonymous = Members.Client(host);

        using HttpResponseMessage known = await anonymous.GetAsync("/api/v1/alerts?STATE=open&limit=5", Ct);
        using HttpResponseMessage misspelt = await anonymous.GetAsync("/api/v1/alerts?stat=open&limit=5", Ct);
        JsonElement problem = JsonDocument.Parse(await misspelt.Content.ReadAsStringAsync(Ct)).RootElement;

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, misspelt.StatusCode);
        Assert.Equal("application/problem+json", misspelt.Content.Headers.ContentType?.MediaType);
        string message = problem.GetProperty("errors").GetProperty("stat")[0].GetString()!;
        Assert.Contains("it takes: before, cursor, format, from, limit, section, state, station, to", message, StringComparison.Ordinal);
    }
}
