using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Server.Accounts;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Api;

// The anonymous column for reads, under each level of ServerOptions.PublicRead.
public sealed partial class AuthorizationMatrixTests
{
    // Open whatever the setting: the health check, the API's description, and the dashboard's files (its sign-in page must load).
    private static readonly string[] AlwaysOpenGets = ["GetHealth", "GET /api/v1/openapi.json", "GET /{**path}"];

    // What the national public release shows: open by default, members only when public reads are off.
    private static readonly string[] BasinGets = ["ListBasins", "GetBasin", "GetBasinAssessment", "ListSections", "GetSection", "GetSectionMonths", "GetSectionSeries", "GetDataTable"];

    // Open only when every read is public: stations and their packets, accounts and their drafts, alerts.
    private static readonly string[] MemberGets = ["ListStations", "GetStation", "GetStationPackets", "GetStationRates", "ListAgreements", "GetAgreement", "GetStatement", "ListStatementYears",
        "ListAgreementIncidents", "GetAgreementIncident", "GetProposedAgreementIncident", "GetStationPacket", "GetUnattributedPacket", "ListAlerts"];

    [Theory]
    [InlineData(PublicReads.None)]
    [InlineData(PublicReads.Basin)]
    [InlineData(PublicReads.All)]
    public async Task EveryMappedGet_Anonymous_IsOpenOrA401Problem_AsThePublicReadSettingSays(PublicReads level)
    {
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { PublicRead = level });
        using HttpClient anonymous = Members.Client(host);
        RouteEndpoint[] gets = [.. host.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(HttpMethods.IsGet) == true)];

        var wrong = new List<string>();
        var open = new List<string>();
        foreach (RouteEndpoint endpoint in gets)
        {
            bool anonymousAllowed = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            bool namesAPolicy = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any();
            bool expectOpen = anonymousAllowed || (level == PublicReads.All && !namesAPolicy);
            using HttpResponseMessage response = await anonymous.GetAsync(SampleUrl(endpoint.RoutePattern), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            bool refused = response.StatusCode == HttpStatusCode.Unauthorized && response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            string name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "GET " + endpoint.RoutePattern.RawText;
            if (refused == expectOpen)
            {
                wrong.Add($"{name}: {(int)response.StatusCode}, expected {(expectOpen ? "open" : "401 problem")}");
            }

            if (!refused)
            {
                open.Add(name);
            }
        }

        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
        Assert.Equal(level == PublicReads.None ? [] : BasinGets, BasinGets.Intersect(open));
        Assert.Equal(level == PublicReads.All ? MemberGets : [], MemberGets.Intersect(open));
        Assert.Equal(AlwaysOpenGets, AlwaysOpenGets.Intersect(open));
    }

    [Fact]
    public void PublicRead_ByDefault_IsTheBasinLevel()
    {
        Assert.Equal(PublicReads.Basin, TestHost.DefaultPublicRead);
    }

    // A URL the pattern matches: route values need not exist (an unknown id is 404, still not 401).
    internal static string SampleUrl(RoutePattern pattern) => "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternParameterPart { IsCatchAll: true } => "index.html",
        RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") => "2024",
        RoutePatternParameterPart parameter when parameter.Name == "period" => "2024-03",
        RoutePatternParameterPart => "x",
        RoutePatternSeparatorPart separator => separator.Content,
        _ => "",
    }))));
}
