using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Api;

public sealed class UsersApiTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string[] Names(JsonElement users) => [.. users.EnumerateArray().Select(u => u.GetProperty("name").GetString()!)];

    [Fact]
    public async Task List_ProvinceAdmin_SeesItsOwnOrganisationsUsersOnly_NeverAHash()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");

        HttpResponseMessage response = await admin.GetAsync("/api/v1/users", Ct);
        string body = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["hn-admin", "hn-viewer"], Names(JsonDocument.Parse(body).RootElement));
        Assert.DoesNotContain("AQAAAA", body, StringComparison.Ordinal); // Identity's hash format starts so
        Assert.DoesNotContain("password", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task List_JointOfficeAdmin_SeesEveryOrganisationsUsers()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "office-admin");

        JsonElement users = await (await admin.GetAsync("/api/v1/users", Ct)).BodyAsync();

        Assert.Equal(["hn-admin", "hn-viewer", "jx-admin", "jx-viewer", "office-admin"], Names(users));
        JsonElement viewer = users.EnumerateArray().Single(u => u.GetProperty("name").GetString() == "jx-viewer");
        Assert.Equal(("jiangxi", "viewer", false), (viewer.GetProperty("organisation").GetString(), viewer.GetProperty("roles")[0].GetString(),
            viewer.GetProperty("disabled").GetBoolean()));
    }

    [Fact]
    public async Task List_NonAdmin_Is403ProblemNamingTheAdminRole()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        HttpResponseMessage response = await viewer.GetAsync("/api/v1/users", Ct);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("needs the role admin", (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_ProvinceAdminInOwnOrganisation_NewUserSignsIn_AuditedWithoutPassword()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");

        HttpResponseMessage response = await admin.AddUserAsync("hn-finance", null, ["finance", "viewer"], "a long enough password");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonElement body = await response.BodyAsync();
        Assert.Equal("hunan", body.GetProperty("user").GetProperty("organisation").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("generatedPassword").ValueKind);
        using HttpClient newcomer = Members.Client(host);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.SignInAsync("hn-finance", "a long enough password")).StatusCode);
        AuditRecord audit = (await Admins.AuditAsync(host)).Select(e => e.Record).Last(r => r.Action == "users.add");
        Assert.Equal(("hn-admin", "hunan", "hn-finance", AuditOutcome.Done), (audit.Actor, audit.Organisation, audit.Target, audit.Outcome));
        Assert.Contains("\"roles\":[\"viewer\",\"finance\"]", audit.After, StringComparison.Ordinal);
        Assert.DoesNotContain("a long enough password", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_WithoutPassword_AnswersAGeneratedOneOnce_ThatSignsIn()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");

        JsonElement body = await (await admin.AddUserAsync("hn-operator", "hunan", ["operator"], password: null)).BodyAsync();
        string generated = body.GetProperty("generatedPassword").GetString()!;
        string list = await admin.GetStringAsync("/api/v1/users", Ct);
        string audit = string.Join("\n", (await Admins.AuditAsync(host)).Select(e => e.Record.After));

        Assert.True(generated.Length >= PasswordRules.MinLength);
        using HttpClient newcomer = Members.Client(host);
        Assert.Equal(HttpStatusCode.OK, (await newcomer.SignInAsync("hn-operator", generated)).StatusCode);
        Assert.DoesNotContain(generated, list, StringComparison.Ordinal);
        Assert.DoesNotContain(generated, audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_ProvinceAdminForTheOtherProvince_Is403_AndAudited()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");

        HttpResponseMessage response = await admin.AddUserAsync("jx-finance", "jiangxi", ["finance"]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'jiangxi' is another organisation's", (await response.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await host.Server.Services.GetRequiredService<IAccountStore>().FindUserAsync("jx-finance", Ct));
        AuditRecord audit = await Admins.LastAuditAsync(host);
        Assert.Equal(("hn-admin", "users.add", "jx-finance", AuditOutcome.Refused), (audit.Actor, audit.Action, audit.Target, audit.Outcome));
    }

    [Fact]
    public async Task Add_JointOfficeAdminForAProvince_CreatesAViewer_NeverAFinanceSigner()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "office-admin");
        IAccountStore accounts = host.Server.Services.GetRequiredService<IAccountStore>();

        HttpResponseMessage viewer = await admin.AddUserAsync("jx-reader", "jiangxi", ["viewer"]);
        HttpResponseMessage finance = await admin.AddUserAsync("jx-finance", "jiangxi", ["finance"]);
        AuditRecord audit = await Admins.LastAuditAsync(host);

        Assert.Equal(HttpStatusCode.Created, viewer.StatusCode);
        Assert.Equal("jiangxi", (await accounts.FindUserAsync("jx-reader", Ct))?.Account.Organisation);
        Assert.Equal(HttpStatusCode.Forbidden, finance.StatusCode);
        Assert.Contains("'jiangxi' the power of finance", (await finance.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await accounts.FindUserAsync("jx-finance", Ct));
        Assert.Equal(("office-admin", "users.add", "jx-finance", AuditOutcome.Refused), (audit.Actor, audit.Action, audit.Target, audit.Outcome));
    }

    [Fact]
    public async Task JointOfficeAdmin_OnAProvincesAccounts_MayTakePowerAway_NeverGiveIt()
    {
        await using TestHost host = await Admins.StartAsync();
        await Members.AddAsync(host, "jx-finance", "jiangxi", Role.Finance);
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-admin");
        IAccountStore accounts = host.Server.Services.GetRequiredService<IAccountStore>();

        // Giving: a role that acts for Jiangxi, a password that signs in as its finance, an account re-enabled
        Assert.Equal(HttpStatusCode.Forbidden, (await office.SetRolesAsync("jx-viewer", "viewer", "finance")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.ResetPasswordAsync("jx-finance", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.UserActionAsync("jx-finance", "disable")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.UserActionAsync("jx-finance", "enable")).StatusCode);
        // Nor while it is disabled: its own admins would enable it with a password, or roles, the office chose
        Assert.Equal(HttpStatusCode.Forbidden, (await office.ResetPasswordAsync("jx-finance", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.UserActionAsync("jx-viewer", "disable")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await office.SetRolesAsync("jx-viewer", "viewer", "admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await office.UserActionAsync("jx-viewer", "enable")).StatusCode);
        // A viewer's password stays the office's to reset, and taking a role away is always open
        Assert.Equal(HttpStatusCode.OK, (await office.ResetPasswordAsync("jx-viewer", null)).StatusCode);

        Assert.Equal([Role.Viewer], (await accounts.FindUserAsync("jx-viewer", Ct))!.Account.Roles);
        Assert.True((await accounts.FindUserAsync("jx-finance", Ct))!.Account.Disabled);
        Assert.Equal(AuditOutcome.Refused, (await Admins.AuditAsync(host)).Single(e => e.Record.Action == "users.enable" && e.Record.Target == "jx-finance").Record.Outcome);
    }

    [Theory]
    [InlineData("hn-x", "viewer", "short", "password")]
    [InlineData("hn-x", "boss", Members.Password, "roles")]
    [InlineData("HN X", "viewer", Members.Password, "name")]
    public async Task Add_Invalid_Is400NamingTheField(string name, string role, string password, string field)
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");

        HttpResponseMessage response = await admin.AddUserAsync(name, null, [role], password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], (await response.BodyAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Add_ThousandsOfRoleWords_Is400WithOneBoundedError()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");

        HttpResponseMessage response = await admin.AddUserAsync("hn-x", null, [.. Enumerable.Range(0, 5000).Select(i => $"role{i}")]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonElement roles = (await response.BodyAsync()).GetProperty("errors").GetProperty("roles");
        Assert.Equal(1, roles.GetArrayLength());
        Assert.Contains("at most 16 roles", roles[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_NameTaken_Is409()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");

        HttpResponseMessage response = await admin.AddUserAsync("hn-viewer", null, ["viewer"]);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Add_WithoutAntiforgeryHeader_Is403()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");
        admin.DefaultRequestHeaders.Remove(Qingshui.Server.Accounts.AccessProblems.AntiforgeryHeader);

        HttpResponseMessage response = await admin.AddUserAsync("hn-x", null, ["viewer"]);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(await host.Server.Services.GetRequiredService<IAccountStore>().FindUserAsync("hn-x", Ct));
    }

    [Fact]
    public async Task Disable_OwnOrganisationsUser_EndsItsSessionAtTheNextRequest_AndEnableLetsItBackIn()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("/api/v1/session", Ct)).StatusCode);

        HttpResponseMessage disabled = await admin.UserActionAsync("hn-viewer", "disable");

        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
        Assert.True((await disabled.BodyAsync()).GetProperty("disabled").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.GetAsync("/api/v1/session", Ct)).StatusCode);
        AuditRecord audit = await Admins.LastAuditAsync(host);
        Assert.Equal("users.disable", audit.Action);
        Assert.Contains("\"disabled\":false", audit.Before, StringComparison.Ordinal);
        Assert.Contains("\"disabled\":true", audit.After, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await admin.UserActionAsync("hn-viewer", "enable")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.SignInAsync("hn-viewer", Members.Password)).StatusCode);
    }

    [Fact]
    public async Task Disable_OtherProvincesUser_Is403_AndAudited_JointOffice_May()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-admin");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-admin");

        HttpResponseMessage refused = await hunan.UserActionAsync("jx-viewer", "disable");
        AuditRecord audit = await Admins.LastAuditAsync(host);
        HttpResponseMessage done = await office.UserActionAsync("jx-viewer", "disable");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(("hn-admin", "users.disable", "jx-viewer", AuditOutcome.Refused), (audit.Actor, audit.Action, audit.Target, audit.Outcome));
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.True((await host.Server.Services.GetRequiredService<IAccountStore>().FindUserAsync("jx-viewer", Ct))!.Account.Disabled);
    }

    [Fact]
    public async Task Disable_UnknownUser_Is404()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.UserActionAsync("nobody-here", "disable")).StatusCode);
    }

    [Fact]
    public async Task Disable_LastAdminItself_Is409_AndAudited_WithASecondAdmin_IsDone()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");

        HttpResponseMessage refused = await admin.UserActionAsync("hn-admin", "disable");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("last enabled admin of 'hunan'", (await refused.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(("users.disable", AuditOutcome.Refused), ((await Admins.LastAuditAsync(host)).Action, (await Admins.LastAuditAsync(host)).Outcome));
        Assert.False((await host.Server.Services.GetRequiredService<IAccountStore>().FindUserAsync("hn-admin", Ct))!.Account.Disabled);

        Assert.Equal(HttpStatusCode.OK, (await admin.SetRolesAsync("hn-viewer", "viewer", "admin")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.UserActionAsync("hn-admin", "disable")).StatusCode);
    }

    [Fact]
    public async Task SetRoles_LastAdminDropsItsOwnAdminRole_Is409()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");

        HttpResponseMessage response = await admin.SetRolesAsync("hn-admin", "viewer");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains(Role.Admin, (await host.Server.Services.GetRequiredService<IAccountStore>().FindUserAsync("hn-admin", Ct))!.Account.Roles);
    }

    [Fact]
    public async Task SetRoles_OwnOrganisationsUser_TakesEffectInItsSession_AuditedBeforeAndAfter()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        HttpResponseMessage response = await admin.SetRolesAsync("hn-viewer", "viewer", "finance");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonElement session = await (await viewer.GetAsync("/api/v1/session", Ct)).BodyAsync();
        Assert.Equal(["viewer", "finance"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        AuditRecord audit = await Admins.LastAuditAsync(host);
        Assert.Equal("users.roles", audit.Action);
        Assert.Contains("\"roles\":[\"viewer\"]", audit.Before, StringComparison.Ordinal);
        Assert.Contains("\"roles\":[\"viewer\",\"finance\"]", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetRoles_NoRoles_Is400NamingRoles()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");

        HttpResponseMessage response = await admin.SetRolesAsync("hn-viewer");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.BodyAsync()).GetProperty("errors").TryGetProperty("roles", out _));
    }

    [Fact]
    public async Task ResetPassword_Generated_NewOneSignsIn_OldOneNoLonger_LockLifted()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");
        using HttpClient viewer = Members.Client(host);
        for (int i = 0; i < 5; i++)
        {
            await viewer.SignInAsync("hn-viewer", "wrong password " + i);
        }

        Assert.NotNull((await host.Server.Services.GetRequiredService<IAccountStore>().FindUserAsync("hn-viewer", Ct))!.Account.LockedUntil);

        HttpResponseMessage response = await admin.ResetPasswordAsync("hn-viewer", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string generated = (await response.BodyAsync()).GetProperty("generatedPassword").GetString()!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.SignInAsync("hn-viewer", Members.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.SignInAsync("hn-viewer", generated)).StatusCode);
        Assert.DoesNotContain(generated, (await Admins.LastAuditAsync(host)).After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResetPassword_EndsTheSessionsSignedInWithTheOldPassword_AtTheirNextRequest()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");
        using HttpClient stolen = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        Assert.Equal(HttpStatusCode.OK, (await stolen.GetAsync("/api/v1/session", Ct)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.ResetPasswordAsync("hn-viewer", "an entirely new password")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await stolen.GetAsync("/api/v1/session", Ct)).StatusCode);
        using HttpClient owner = Members.Client(host);
        Assert.Equal(HttpStatusCode.OK, (await owner.SignInAsync("hn-viewer", "an entirely new password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/v1/session", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/session", Ct)).StatusCode);
    }

    [Fact]
    public async Task DisableThenEnable_LeavesTheSessionsMadeBeforeEnded_WhileANewSignInWorks()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");
        using HttpClient saved = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        Assert.Equal(HttpStatusCode.OK, (await saved.GetAsync("/api/v1/session", Ct)).StatusCode);

        // The account is disabled (say the laptop was lost) and later enabled again
        Assert.Equal(HttpStatusCode.OK, (await admin.UserActionAsync("hn-viewer", "disable")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await saved.GetAsync("/api/v1/session", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.UserActionAsync("hn-viewer", "enable")).StatusCode);

        // The cookie saved before stays ended; signing in again works
        Assert.Equal(HttpStatusCode.Unauthorized, (await saved.GetAsync("/api/v1/session", Ct)).StatusCode);
        using HttpClient again = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/session", Ct)).StatusCode);
    }

    [Fact]
    public async Task ResetPassword_OtherProvincesUser_Is403_PasswordUnchanged()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "jx-admin");

        HttpResponseMessage response = await admin.ResetPasswordAsync("hn-viewer", "an entirely new password");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using HttpClient viewer = Members.Client(host);
        Assert.Equal(HttpStatusCode.OK, (await viewer.SignInAsync("hn-viewer", Members.Password)).StatusCode);
    }

    [Fact]
    public async Task Unlock_LockedUser_SignsInAgain()
    {
        await using TestHost host = await Admins.StartAsync();
        using HttpClient admin = await LedgerDesk.SignedInAsync(host, "hn-admin");
        using HttpClient viewer = Members.Client(host);
        for (int i = 0; i < 5; i++)
        {
            await viewer.SignInAsync("hn-viewer", "wrong password " + i);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await viewer.SignInAsync("hn-viewer", Members.Password)).StatusCode);
        JsonElement listed = (await (await admin.GetAsync("/api/v1/users", Ct)).BodyAsync()).EnumerateArray().Single(u => u.GetProperty("name").GetString() == "hn-viewer");
        Assert.Equal(JsonValueKind.String, listed.GetProperty("lockedUntil").ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await admin.UserActionAsync("hn-viewer", "unlock")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await viewer.SignInAsync("hn-viewer", Members.Password)).StatusCode);
    }
}
