using Qingshui.Domain.Access;

namespace Qingshui.Storage.Tests;

public abstract class TokenStoreTests(StoreBackend backend) : BackendStoreTests<ITokenStore>(backend)
{
    private static readonly DateTimeOffset Created = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Assert.Equal(AccountWrite.Added, await ((IAccountStore)Store).AddOrganisationAsync(AccountStoreTests.Hunan, Ct));
    }

    internal static ApiToken Token(string id, int minutes = 0) =>
        new(id, "hunan", new HashSet<Role> { Role.Viewer, Role.Operator }, "ingest gateway", Created.AddMinutes(minutes), Created.AddDays(90), null);

    internal static byte[] Hash(byte fill) => Enumerable.Repeat(fill, 32).ToArray();

    [Fact]
    public async Task AddToken_ThenFind_GivesItsStandingAndHash_UnknownId_IsNull()
    {
        Assert.Equal(AccountWrite.Added, await Store.AddTokenAsync(Token("t-1"), Hash(7), Ct));

        StoredToken? found = await Store.FindTokenAsync("t-1", Ct);

        Assert.NotNull(found);
        Assert.Equal(("t-1", "hunan", "ingest gateway", Created, Created.AddDays(90), (DateTimeOffset?)null),
            (found.Token.Id, found.Token.Organisation, found.Token.Name, found.Token.Created, found.Token.Expires, found.Token.Revoked));
        Assert.Equal(new HashSet<Role> { Role.Viewer, Role.Operator }, found.Token.Roles);
        Assert.Equal(Hash(7), found.SecretHash);
        Assert.Null(await Store.FindTokenAsync("t-2", Ct));
    }

    [Fact]
    public async Task AddToken_IdTaken_OrOrganisationUnknown_IsRefused_AndTheFirstIsKept()
    {
        await Store.AddTokenAsync(Token("t-1"), Hash(1), Ct);

        Assert.Equal(AccountWrite.Taken, await Store.AddTokenAsync(Token("t-1") with { Name = "other" }, Hash(2), Ct));
        Assert.Equal(AccountWrite.UnknownOrganisation, await Store.AddTokenAsync(Token("t-2") with { Organisation = "jiangxi" }, Hash(3), Ct));

        ApiToken only = Assert.Single(await Store.TokensAsync(Ct));
        Assert.Equal(("t-1", "ingest gateway"), (only.Id, only.Name));
        Assert.Equal(Hash(1), (await Store.FindTokenAsync("t-1", Ct))!.SecretHash);
    }

    [Fact]
    public async Task Tokens_AreListedByCreationThenId()
    {
        await Store.AddTokenAsync(Token("t-b", minutes: 5), Hash(1), Ct);
        await Store.AddTokenAsync(Token("t-c"), Hash(2), Ct);
        await Store.AddTokenAsync(Token("t-a", minutes: 5), Hash(3), Ct);

        Assert.Equal(["t-c", "t-a", "t-b"], (await Store.TokensAsync(Ct)).Select(t => t.Id));
    }

    [Fact]
    public async Task Revoke_KeepsTheFirstRevocationTime_UnknownId_IsNull()
    {
        await Store.AddTokenAsync(Token("t-1"), Hash(1), Ct);

        ApiToken? first = await Store.RevokeTokenAsync("t-1", Created.AddHours(1), Ct);
        ApiToken? second = await Store.RevokeTokenAsync("t-1", Created.AddHours(2), Ct);

        Assert.Equal((Created.AddHours(1), Created.AddHours(1)), (first!.Revoked, second!.Revoked));
        Assert.Equal(Created.AddHours(1), (await Store.FindTokenAsync("t-1", Ct))!.Token.Revoked);
        Assert.Null(await Store.RevokeTokenAsync("t-9", Created, Ct));
    }
}

public sealed class SqliteTokenStoreTests() : TokenStoreTests(StoreBackend.Sqlite);

public sealed class PostgresTokenStoreTests() : TokenStoreTests(StoreBackend.Postgres);
