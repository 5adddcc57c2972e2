using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Tests.Accounts;

/// <summary>
/// A server with admins and viewers of both provinces and an admin of the joint office, and the users' and tokens'
/// requests an admin's client makes.
/// </summary>
internal static class Admins
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<TestHost> StartAsync(TimeProvider? clock = null, Func<ServerOptions, ServerOptions>? configure = null)
    {
        TestHost host = await TestHost.StartAsync(clock: clock, configure: configure);
        await Members.AddAsync(host, "hn-admin", "hunan", Role.Admin);
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        await Members.AddAsync(host, "jx-admin", "jiangxi", Role.Admin);
        await Members.AddAsync(host, "jx-viewer", "jiangxi", Role.Viewer);
        await Members.AddAsync(host, "office-admin", "joint-office", Role.Admin);
        return host;
    }

    public static Task<HttpResponseMessage> AddUserAsync(this HttpClient client, string name, string? organisation, string[] roles, string? password = Members.Password) =>
        client.PostAsJsonAsync("/api/v1/users", new { name, organisation, roles, password }, Ct);

    public static Task<HttpResponseMessage> UserActionAsync(this HttpClient client, string name, string action) =>
        client.PostAsync($"/api/v1/users/{name}/{action}", null, Ct);

    public static Task<HttpResponseMessage> SetRolesAsync(this HttpClient client, string name, params string[] roles) =>
        client.PutAsJsonAsync($"/api/v1/users/{name}/roles", new { roles }, Ct);

    public static Task<HttpResponseMessage> ResetPasswordAsync(this HttpClient client, string name, string? password) =>
        client.PostAsJsonAsync($"/api/v1/users/{name}/password", new { password }, Ct);

    public static Task<HttpResponseMessage> IssueTokenAsync(this HttpClient client, string name, string? organisation, string[] roles, int? expiresDays) =>
        client.PostAsJsonAsync("/api/v1/tokens", new { name, organisation, roles, expiresDays }, Ct);

    public static Task<HttpResponseMessage> RevokeTokenAsync(this HttpClient client, string id) => client.DeleteAsync($"/api/v1/tokens/{id}", Ct);

    public static async Task<AuditRecord> LastAuditAsync(TestHost host) =>
        (await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 10_000, Ct))[^1].Record;

    public static async Task<IReadOnlyList<AuditEntry>> AuditAsync(TestHost host) =>
        await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 10_000, Ct);
}
