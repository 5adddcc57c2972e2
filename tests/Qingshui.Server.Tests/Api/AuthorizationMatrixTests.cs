using System.Net.Http.Json;
using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Server.Tests.Accounts;

namespace Qingshui.Server.Tests.Api;

public sealed partial class AuthorizationMatrixTests
{
    // The one write anyone may call: sign-in itself.
    private static readonly string[] AnonymousWrites = ["SignIn"];

    private static readonly Dictionary<string, Func<HttpClient, Task<HttpResponseMessage>>> LedgerWrites = new()
    {
        ["confirm"] = c => c.ConfirmAsync("2024-03", party: "hunan"),
        ["decide"] = c => c.DecideAsync("2024-03"),
        ["close"] = c => c.CloseAsync(2024),
        ["recompute"] = c => c.RecomputeAsync(2024),
        ["pay"] = c => c.PayAsync(2024, payer: "hunan"),
    };

    // Users' and tokens' endpoints: (name, request) for the admin-only rows below.
    private static readonly Dictionary<string, Func<HttpClient, Task<HttpResponseMessage>>> AdminRequests = new()
    {
        ["ListUsers"] = c => c.GetAsync("/api/v1/users", TestContext.Current.CancellationToken),
        ["GetUser"] = c => c.GetAsync("/api/v1/users/hn-viewer", TestContext.Current.CancellationToken),
        ["AddUser"] = c => c.AddUserAsync("hn-new", "hunan", ["viewer"]),
        ["SetUserRoles"] = c => c.SetRolesAsync("hn-viewer", "viewer", "finance"),
        ["DisableUser"] = c => c.UserActionAsync("hn-viewer", "disable"),
        ["EnableUser"] = c => c.UserActionAsync("hn-viewer", "enable"),
        ["UnlockUser"] = c => c.UserActionAsync("hn-viewer", "unlock"),
        ["ResetUserPassword"] = c => c.ResetPasswordAsync("hn-viewer", null),
        ["ListTokens"] = c => c.GetAsync("/api/v1/tokens", TestContext.Current.CancellationToken),
        ["GetToken"] = c => c.GetAsync("/api/v1/tokens/t000000000000", TestContext.Current.CancellationToken),
        ["IssueToken"] = c => c.IssueTokenAsync("bridge", "hunan", ["viewer"], 30),
        ["RevokeToken"] = c => c.RevokeTokenAsync("t000000000000"),
    };

    public static TheoryData<string> AdminEndpoints => [.. AdminRequests.Keys];

    // The station register's writes, each on a Hunan station (or adding one at a Hunan section).
    private static readonly Dictionary<string, Func<HttpClient, Task<HttpResponseMessage>>> StationWrites = new()
    {
        ["add"] = c => StationRegisterApiTests.AddAsync(c, StationRegisterApiTests.NewStation()),
        ["change"] = c => StationRegisterApiTests.ChangeAsync(c, StationRegisterApiTests.HunanMn, new { crc = "accept-modbus" }),
        ["password"] = c => StationRegisterApiTests.RotateAsync(c, StationRegisterApiTests.HunanMn, "matrix-pw"),

        // An SM4 key is for an HJ 212-2025 station: the caller first moves the station to 2025 (refused too, unless its own operator).
        ["data-key"] = async c =>
        {
            await StationRegisterApiTests.ChangeAsync(c, StationRegisterApiTests.HunanMn, new { edition = "2025" });
            return await c.PutAsJsonAsync($"/api/v1/stations/{StationRegisterApiTests.HunanMn}/data-key",
                new { key = "0123456789ABCDEFFEDCBA9876543210" }, TestContext.Current.CancellationToken);
        },
    };

    // The review writes, each on Jinyushi's Jiangxi station in March 2024.
    private static readonly Dictionary<string, Func<HttpClient, Task<HttpResponseMessage>>> ReviewWrites = new()
    {
        ["decide"] = c => Review.ReviewDeskHost.DecideAsync(c, Review.ReviewDeskHost.JiangxiMn, Review.ReviewDeskHost.PollutedDay,
            Review.ReviewDeskHost.PollutedDay.AddDays(1)),
        ["close"] = c => Review.ReviewDeskHost.MonthStepAsync(c, Review.ReviewDeskHost.JiangxiMn, "2024-03", "close"),
        ["reopen"] = c => Review.ReviewDeskHost.MonthStepAsync(c, Review.ReviewDeskHost.JiangxiMn, "2024-03", "reopen", "lab results"),
    };

    [Theory]
    [InlineData("decide")]
    [InlineData("close")]
    [InlineData("reopen")]
    public async Task ReviewWrite_Anonymous401_Viewer403_OtherJurisdiction403_JointOffice403_OwnReviewer2xx(string write)
    {
        await using TestHost host = await Review.ReviewDeskHost.StartAsync();
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using HttpClient operatorOfTheStation = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient other = await LedgerDesk.SignedInAsync(host, "hn-reviewer");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-reviewer");
        using HttpClient own = await LedgerDesk.SignedInAsync(host, "jx-reviewer");
        if (write == "reopen")
        {
            Assert.Equal(HttpStatusCode.OK, (await ReviewWrites["close"](own)).StatusCode);
        }

        HttpStatusCode[] refused = [(await ReviewWrites[write](anonymous)).StatusCode, (await ReviewWrites[write](viewer)).StatusCode,
            (await ReviewWrites[write](operatorOfTheStation)).StatusCode, (await ReviewWrites[write](other)).StatusCode,
            (await ReviewWrites[write](office)).StatusCode];
        HttpResponseMessage allowed = await ReviewWrites[write](own);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], refused);
        Assert.True(allowed.IsSuccessStatusCode, $"{allowed.StatusCode}: {await allowed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        var entries = await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken);
        Assert.Equal(["hn-viewer", "jx-operator", "hn-reviewer", "office-reviewer"],
            entries.Where(e => e.Record.Outcome == Domain.Audit.AuditOutcome.Refused && e.Record.Action == "review." + write).Select(e => e.Record.Actor));
        Assert.Equal(("jx-reviewer", Domain.Audit.AuditOutcome.Done), (entries[^1].Record.Actor, entries[^1].Record.Outcome));
    }

    [Fact]
    public async Task ReviewConsent_Anonymous401_Reviewer403NamingFinance_FinanceOfNoParty403_PartysFinance200()
    {
        await using TestHost host = await Review.ReviewDeskHost.StartAsync();
        await Members.AddAsync(host, "observer-finance", "observers", Domain.Access.Role.Finance);
        using HttpClient anonymous = Members.Client(host);
        using HttpClient reviewer = await LedgerDesk.SignedInAsync(host, "jx-reviewer");
        using HttpClient observer = await LedgerDesk.SignedInAsync(host, "observer-finance");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        Task<HttpResponseMessage> Consent(HttpClient c) => c.PostAsJsonAsync("/api/v1/review/consents",
            new { agreement = LedgerDesk.Agreement, year = 2024, reason = "minutes of 2025-02-01" }, TestContext.Current.CancellationToken);

        HttpStatusCode[] refused = [(await Consent(anonymous)).StatusCode, (await Consent(reviewer)).StatusCode, (await Consent(observer)).StatusCode];
        HttpResponseMessage allowed = await Consent(hunan);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], refused);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var entries = await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken);
        Assert.Equal(["jx-reviewer/refused", "observer-finance/refused", "hn-finance/done"], entries.Where(e => e.Record.Action == "review.consent")
            .Select(e => $"{e.Record.Actor}/{(e.Record.Outcome == Domain.Audit.AuditOutcome.Done ? "done" : "refused")}"));
    }

    [Theory]
    [InlineData("/api/v1/review/queue?month=2024-03")]
    [InlineData("/api/v1/review/reasons")]
    [InlineData("/api/v1/review/months/360300A00000000000000201/2024-03")]
    [InlineData("/api/v1/review/decisions?station=360300A00000000000000201")]
    [InlineData("/api/v1/review/revisions?station=360300A00000000000000201&parameter=w21003&from=2024-03-10&to=2024-03-11")]
    public async Task ReviewRead_Anonymous401_Member200(string path)
    {
        await using TestHost host = await Review.ReviewDeskHost.StartAsync();
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task EveryMappedWrite_HasANamedPolicy_ExceptSignIn()
    {
        await using TestHost host = await TestHost.StartAsync();
        RouteEndpoint[] endpoints = [.. host.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()];

        // An endpoint without method metadata answers every method, so it counts as a write too.
        RouteEndpoint[] writes = [.. endpoints.Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { Count: > 0 } methods
            || methods.Any(m => !HttpMethods.IsGet(m) && !HttpMethods.IsHead(m) && !HttpMethods.IsOptions(m)))];
        string[] unguarded = [.. writes.Where(e => !AnonymousWrites.Contains(e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null
                || !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is not null || a.Roles is not null))
            .Select(e => $"{string.Join(",", e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} {e.RoutePattern.RawText}")];

        Assert.Contains(writes, e => e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == "ConfirmPeriod");
        Assert.True(unguarded.Length == 0, "writes without an authorization policy: " + string.Join("; ", unguarded));
    }

    [Theory]
    [InlineData("confirm")]
    [InlineData("decide")]
    [InlineData("close")]
    [InlineData("recompute")]
    [InlineData("pay")]
    public async Task LedgerWrite_Anonymous_Is401ProblemSayingSignIn(string write)
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient anonymous = Members.Client(host);

        HttpResponseMessage response = await LedgerWrites[write](anonymous);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("sign in", (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("confirm")]
    [InlineData("decide")]
    [InlineData("close")]
    [InlineData("recompute")]
    [InlineData("pay")]
    public async Task LedgerWrite_Viewer_Is403NamingTheMissingRole_AndAudited(string write)
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        HttpResponseMessage response = await LedgerWrites[write](viewer);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("needs the role finance", (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var last = (await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 100, TestContext.Current.CancellationToken))[^1].Record;
        Assert.Equal(("hn-viewer", "hunan", "ledger." + write, Domain.Audit.AuditOutcome.Refused), (last.Actor, last.Organisation, last.Action, last.Outcome));
        Assert.Equal(write is "close" or "recompute" or "pay" ? "lushui-2019/2024" : "lushui-2019/2024-03", last.Target);
    }

    [Theory]
    [InlineData("confirm")]
    [InlineData("decide")]
    [InlineData("close")]
    [InlineData("pay")]
    public async Task LedgerWrite_FinanceOfTheOtherParty_Is403_OwnParty_Is2xx(string write)
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-finance");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        await PrepareAsync(write, hunan, jiangxi);

        // Confirming and paying act for Hunan; deciding and closing act for any party, so the other organisation is the joint office's.
        HttpResponseMessage other = await LedgerWrites[write](write is "confirm" or "pay" ? jiangxi : office);
        var refused = (await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken))[^1].Record;
        HttpResponseMessage own = await LedgerWrites[write](hunan);

        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(("ledger." + write, Domain.Audit.AuditOutcome.Refused), (refused.Action, refused.Outcome));
        Assert.True(own.IsSuccessStatusCode, $"{own.StatusCode}: {await own.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    [Fact]
    public async Task IncidentRegister_Anonymous401_Finance403NamingCoordinator_AndAudited_Coordinator2xx()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient anonymous = Members.Client(host);
        using HttpClient finance = await LedgerDesk.SignedInAsync(host, "hn-finance");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");

        HttpResponseMessage nobody = await anonymous.RecordIncidentAsync();
        HttpResponseMessage refused = await finance.RecordIncidentAsync();
        var last = (await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken))[^1].Record;
        HttpResponseMessage recorded = await office.RecordIncidentAsync();

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden), (nobody.StatusCode, refused.StatusCode));
        Assert.Contains("needs the role coordinator", (await refused.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(("hn-finance", "ledger.incident", Domain.Audit.AuditOutcome.Refused), (last.Actor, last.Action, last.Outcome));
        Assert.True(recorded.IsSuccessStatusCode, $"{recorded.StatusCode}: {await recorded.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    // What makes the own party's write possible: a decided March to confirm; a fully confirmed year to close; a net to pay.
    private static async Task PrepareAsync(string write, HttpClient hunan, HttpClient jiangxi)
    {
        if (write == "pay")
        {
            for (int month = 1; month <= 12; month++)
            {
                Assert.Equal(HttpStatusCode.OK, (await hunan.DecideAsync($"2024-{month:00}")).StatusCode);
            }
        }
        else if (write == "confirm")
        {
            Assert.Equal(HttpStatusCode.OK, (await hunan.DecideAsync("2024-03")).StatusCode);
        }
        else if (write == "close")
        {
            for (int month = 1; month <= 12; month++)
            {
                string period = $"2024-{month:00}";
                Assert.Equal(HttpStatusCode.OK, (await hunan.DecideAsync(period)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await hunan.ConfirmAsync(period)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await jiangxi.ConfirmAsync(period)).StatusCode);
            }
        }
    }

    [Theory]
    [MemberData(nameof(AdminEndpoints))]
    public async Task AdminEndpoint_Anonymous_Is401_NonAdmin_Is403NamingAdmin_Admin_IsServed(string endpoint)
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");

        HttpResponseMessage nobody = await AdminRequests[endpoint](anonymous);
        HttpResponseMessage refused = await AdminRequests[endpoint](viewer);
        IReadOnlyList<Domain.Audit.AuditEntry> audit = await Admins.AuditAsync(host);
        Domain.Audit.AuditRecord? last = audit.Count > 0 ? audit[^1].Record : null;
        HttpResponseMessage served = await AdminRequests[endpoint](admin);

        Assert.Equal(HttpStatusCode.Unauthorized, nobody.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("needs the role admin", (await refused.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        if (!endpoint.StartsWith("List", StringComparison.Ordinal) && !endpoint.StartsWith("Get", StringComparison.Ordinal))
        {
            Assert.Equal(("hn-viewer", Domain.Audit.AuditOutcome.Refused), (last?.Actor, last?.Outcome));
        }

        // The admin gets past the policy: served, or (a token that does not exist) a 404 from the handler itself.
        Assert.True(served.IsSuccessStatusCode || (endpoint is "RevokeToken" or "GetToken" && served.StatusCode == HttpStatusCode.NotFound),
            $"{endpoint}: {served.StatusCode} {await served.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    [Theory]
    [InlineData("add")]
    [InlineData("change")]
    [InlineData("password")]
    [InlineData("data-key")]
    public async Task StationWrite_Anonymous401_Viewer403_OtherJurisdiction403_JointOffice403_OwnOperator2xx(string write)
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using HttpClient other = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-operator");
        using HttpClient own = await LedgerDesk.SignedInAsync(host, "hn-operator");

        HttpStatusCode[] refused = [(await StationWrites[write](anonymous)).StatusCode, (await StationWrites[write](viewer)).StatusCode,
            (await StationWrites[write](other)).StatusCode, (await StationWrites[write](office)).StatusCode];
        HttpResponseMessage allowed = await StationWrites[write](own);

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], refused);
        Assert.True(allowed.IsSuccessStatusCode, $"{allowed.StatusCode}: {await allowed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
        var entries = await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken);
        Assert.Equal(["hn-viewer", "jx-operator", "office-operator"],
            entries.Where(e => e.Record.Outcome == Domain.Audit.AuditOutcome.Refused && e.Record.Action == "station." + write).Select(e => e.Record.Actor));
        Assert.Equal(("hn-operator", Domain.Audit.AuditOutcome.Done), (entries[^1].Record.Actor, entries[^1].Record.Outcome));
    }

    // The key exchange needs a connected station with a key: past the checks, the station's own operator gets the handler's 409.
    [Fact]
    public async Task StationKeyExchange_Anonymous401_Viewer403_OtherJurisdiction403_JointOffice403_OwnOperatorPastTheChecks()
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        string path = $"/api/v1/stations/{StationRegisterApiTests.HunanMn}/data-key/exchange";
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using HttpClient other = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-operator");
        using HttpClient own = await LedgerDesk.SignedInAsync(host, "hn-operator");
        CancellationToken ct = TestContext.Current.CancellationToken;

        HttpStatusCode[] codes = [(await anonymous.PostAsync(path, null, ct)).StatusCode, (await viewer.PostAsync(path, null, ct)).StatusCode,
            (await other.PostAsync(path, null, ct)).StatusCode, (await office.PostAsync(path, null, ct)).StatusCode, (await own.PostAsync(path, null, ct)).StatusCode];

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Conflict], codes);
        var entries = await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, ct);
        Assert.Equal(["hn-viewer", "jx-operator", "office-operator"],
            entries.Where(e => e.Record.Outcome == Domain.Audit.AuditOutcome.Refused && e.Record.Action == "station.data-key.exchange").Select(e => e.Record.Actor));
    }

    // Device registration (HJ 212-2025): a pending logger is assigned or turned away by an operator of a jurisdiction only.
    [Theory]
    [InlineData("assign")]
    [InlineData("reject")]
    public async Task PendingStationWrite_Anonymous401_Viewer403_OtherJurisdiction403_JointOffice403_OwnOperator2xx(string write)
    {
        await using TestHost host = await StationRegisterApiTests.StartAsync();
        await using RawStation logger = await PendingStationsApiTests.AnnouncedAsync(host);
        string path = $"/api/v1/stations/pending/{PendingStationsApiTests.LoggerId}/{write}";
        CancellationToken ct = TestContext.Current.CancellationToken;
        Func<HttpClient, Task<HttpResponseMessage>> call = c => write == "assign"
            ? c.PostAsJsonAsync(path, PendingStationsApiTests.Assignment(), ct)
            : c.PostAsJsonAsync(path, new { reason = "matrix" }, ct);
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-operator");
        using HttpClient other = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient own = await LedgerDesk.SignedInAsync(host, "hn-operator");

        // Turning a logger away needs only a jurisdiction: the other province's operator may; it goes first on a second logger.
        HttpStatusCode[] refused = [(await call(anonymous)).StatusCode, (await call(viewer)).StatusCode, (await call(office)).StatusCode];
        HttpStatusCode byOther = write == "assign" ? (await call(other)).StatusCode : HttpStatusCode.Forbidden;
        Task<HttpResponseMessage> allowed = call(own);
        if (write == "assign")
        {
            Hj212.Hj212Message assignment = await logger.ReceiveAsync();
            await logger.SendAsync(Hj212.MessageWriter.Encode(Hj212.Replies.RequestResponse(assignment, Hj212.RequestReturnCode.Ready, Hj212.Hj212Edition.Edition2025)));
            await logger.SendAsync(Hj212.MessageWriter.Encode(Hj212.Replies.ExecutionResult(assignment, Hj212.ExecutionReturnCode.Success, Hj212.Hj212Edition.Edition2025)));
        }

        HttpResponseMessage response = await allowed;
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], [.. refused, byOther]);
        Assert.True(response.IsSuccessStatusCode, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        var entries = await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, ct);
        Assert.Equal(write == "assign" ? ["hn-viewer", "office-operator", "jx-operator"] : ["hn-viewer", "office-operator"],
            entries.Where(e => e.Record.Outcome == Domain.Audit.AuditOutcome.Refused && e.Record.Action == "station.pending." + write).Select(e => e.Record.Actor));
        Assert.Equal(("hn-operator", Domain.Audit.AuditOutcome.Done), (entries[^1].Record.Actor, entries[^1].Record.Outcome));
    }

    // Alerts are members' reads at the default level of public reads: a viewer gets them, an anonymous caller a 401.
    [Theory]
    [InlineData("/api/v1/alerts")]
    [InlineData("/api/v1/alerts?state=open")]
    public async Task AlertRead_ByDefault_Anonymous401_Viewer200(string path)
    {
        await using TestHost host = await LedgerDesk.StartAsync(configure: o => o with { PublicRead = TestHost.DefaultPublicRead });
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        HttpResponseMessage open = await anonymous.GetAsync(path, TestContext.Current.CancellationToken);
        HttpResponseMessage signedIn = await viewer.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.Unauthorized, HttpStatusCode.OK), (open.StatusCode, signedIn.StatusCode));
    }

    // Commanding a station (HJ 212 1062): its own jurisdiction's operator or a coordinator; a restore with nothing held sends nothing and is served.
    [Fact]
    public async Task StationIntervalWrite_Anonymous401_Viewer403_OtherJurisdiction403_JointOfficeOperator403_OwnOperatorAndCoordinator200()
    {
        await using TestHost host = await StationCommandsApiTests.StartAsync();
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using HttpClient other = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-operator");
        using HttpClient own = await LedgerDesk.SignedInAsync(host, "hn-operator");
        using HttpClient coordinator = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        var restore = new { action = "restore", reference = "matrix" };

        HttpStatusCode[] refused = [.. await Task.WhenAll(new[] { anonymous, viewer, other, office }.Select(async c => (await StationCommandsApiTests.SetIntervalAsync(c, restore)).StatusCode))];
        HttpStatusCode[] allowed = [(await StationCommandsApiTests.SetIntervalAsync(own, restore)).StatusCode,
            (await StationCommandsApiTests.SetIntervalAsync(coordinator, restore)).StatusCode];

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], refused);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK], allowed);
        var entries = await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken);
        Assert.Equal(["hn-viewer", "jx-operator", "office-operator"], entries
            .Where(e => e.Record.Outcome == Domain.Audit.AuditOutcome.Refused && e.Record.Action == "station.realtime-interval").Select(e => e.Record.Actor).Order());
        Assert.Equal(["hn-operator", "office-coordinator"], entries
            .Where(e => e.Record.Outcome == Domain.Audit.AuditOutcome.Done && e.Record.Action == "station.realtime-interval").Select(e => e.Record.Actor));
    }

    // The command log is a members' read: a viewer of either province gets it, an anonymous caller a 401.
    [Fact]
    public async Task StationCommandsRead_Anonymous401_ViewerOfEitherProvince200()
    {
        await using TestHost host = await StationCommandsApiTests.StartAsync();
        using HttpClient anonymous = Members.Client(host);
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using HttpClient other = await LedgerDesk.SignedInAsync(host, "jx-operator");
        string path = $"/api/v1/stations/{StationCommandsApiTests.Mn}/commands";

        HttpStatusCode[] codes = [(await anonymous.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode,
            (await viewer.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode, (await other.GetAsync(path, TestContext.Current.CancellationToken)).StatusCode];

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.OK], codes);
    }
}
