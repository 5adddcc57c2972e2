using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Server.Accounts;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Accounts;

/// <summary>Accounts in a test host's store, and clients that keep their session cookies.</summary>
internal static class Members
{
    public const string Password = "correct horse battery";

    public static async Task AddAsync(TestHost host, string name, string organisation, params Role[] roles)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        IAccountStore store = host.Server.Services.GetRequiredService<IAccountStore>();
        var basin = host.Server.Services.GetRequiredService<ServerOptions>().Basin;
        if ((await store.OrganisationsAsync(ct)).All(o => o.Id != organisation))
        {
            bool jurisdiction = basin.Jurisdictions.Any(j => j.Id == organisation);
            await store.AddOrganisationAsync(new Organisation(organisation, new(organisation, organisation),
                jurisdiction ? OrganisationKind.Jurisdiction : OrganisationKind.JointOffice, jurisdiction ? organisation : null), ct);
        }

        UserAccount account = UserAccount.Create(name, null, organisation, roles).Account!;
        string hash = host.Server.Services.GetRequiredService<Passwords>().Hash(account, Password);
        Assert.Equal(AccountWrite.Added, await store.AddUserAsync(account, hash, ct));
    }

    /// <summary>A client with its own cookie jar.</summary>
    public static HttpClient Client(TestHost host) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = new Uri($"http://{host.Server.HttpEndPoint}") };

    public static Task<HttpResponseMessage> SignInAsync(this HttpClient client, string name, string password) =>
        client.PostAsJsonAsync("/api/v1/session", new { name, password }, TestContext.Current.CancellationToken);

    public static async Task<JsonElement> BodyAsync(this HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
}
