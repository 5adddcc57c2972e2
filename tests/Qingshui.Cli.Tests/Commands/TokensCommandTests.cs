using Microsoft.Data.Sqlite;
using Qingshui.Cli.Commands;
using Qingshui.Domain.Access;
using Qingshui.Server.Accounts;
using Qingshui.Storage;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Cli.Tests.Commands;

public sealed class TokensCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-tokens-").FullName;

    private string Db => Path.Combine(_directory, "q.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static string TokenLine(string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).Single(l => l.StartsWith("token: ", StringComparison.Ordinal))["token: ".Length..];

    private async Task<StoredToken> FindAsync(string id)
    {
        await using SqliteStore store = await SqliteStore.OpenAsync(new SqliteStoreOptions(Db), TimeProvider.System, Ct);
        return (await store.FindTokenAsync(id, Ct))!;
    }

    [Fact]
    public async Task Issue_PrintsTheTokenOnce_StoresOnlyItsHash_AndListShowsNeither()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("orgs", "seed", "--db", Db)).ExitCode);

        (int issued, string output, string error) = await CliRunner.RunAsync(
            "tokens", "issue", "--db", Db, "--organisation", "hunan", "--role", "operator", "--role", "viewer", "--name", "Hunan bridge", "--expires-days", "30");
        (int listed, string list, _) = await CliRunner.RunAsync("tokens", "list", "--db", Db);

        Assert.Equal(0, issued);
        Assert.Contains("shown this once", error, StringComparison.Ordinal);
        string text = TokenLine(output);
        (string id, string secret) = TokenSecrets.Parse(text)!.Value;
        Assert.Equal(43, secret.Length);
        StoredToken stored = await FindAsync(id);
        Assert.Equal(TokenSecrets.Hash(secret), stored.SecretHash);
        Assert.Equal(("hunan", "Hunan bridge", TimeSpan.FromDays(30)), (stored.Token.Organisation, stored.Token.Name, stored.Token.Expires - stored.Token.Created));
        Assert.Equal(new HashSet<Role> { Role.Operator, Role.Viewer }, stored.Token.Roles);
        Assert.Equal(0, listed);
        Assert.Contains($"{id}\thunan\tviewer,operator\tHunan bridge\t", list, StringComparison.Ordinal);
        Assert.EndsWith("\tvalid", list.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToHexString(stored.SecretHash), list, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Convert.ToBase64String(stored.SecretHash), list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issue_TwiceWithTheSameSettings_GivesDifferentTokens()
    {
        await CliRunner.RunAsync("orgs", "seed", "--db", Db);
        string[] args = ["tokens", "issue", "--db", Db, "--organisation", "jiangxi", "--role", "viewer", "--name", "feed"];

        string first = TokenLine((await CliRunner.RunAsync(args)).Output);
        string second = TokenLine((await CliRunner.RunAsync(args)).Output);

        Assert.NotEqual(first, second);
        Assert.NotEqual(TokenSecrets.Parse(first)!.Value.Id, TokenSecrets.Parse(second)!.Value.Id);
    }

    [Fact]
    public async Task Revoke_MarksTheTokenRevoked_InTheList()
    {
        await CliRunner.RunAsync("orgs", "seed", "--db", Db);
        string id = TokenSecrets.Parse(TokenLine((await CliRunner.RunAsync(
            "tokens", "issue", "--db", Db, "--organisation", "hunan", "--role", "viewer", "--name", "feed")).Output))!.Value.Id;

        (int revoked, string output, _) = await CliRunner.RunAsync("tokens", "revoke", "--db", Db, "--id", id);
        (_, string list, _) = await CliRunner.RunAsync("tokens", "list", "--db", Db);

        Assert.Equal(0, revoked);
        Assert.StartsWith($"revoked {id} (feed) at ", output, StringComparison.Ordinal);
        Assert.Contains("\trevoked ", list, StringComparison.Ordinal);
        Assert.Equal(TokenStanding.Revoked, (await FindAsync(id)).Token.StandingAt(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Revoke_UnknownId_Exits1()
    {
        await CliRunner.RunAsync("orgs", "seed", "--db", Db);

        (int exitCode, _, string error) = await CliRunner.RunAsync("tokens", "revoke", "--db", Db, "--id", "t000000000000");

        Assert.Equal(1, exitCode);
        Assert.Contains("no token 't000000000000'", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nobody", "viewer", "7", 1)]
    [InlineData("hunan", "chief", "7", 2)]
    [InlineData("hunan", "viewer", "0", 2)]
    public async Task Issue_BadOrganisationRoleOrExpiry_IsRefusedAndStoresNothing(string organisation, string role, string days, int expected)
    {
        await CliRunner.RunAsync("orgs", "seed", "--db", Db);

        (int exitCode, string output, _) = await CliRunner.RunAsync(
            "tokens", "issue", "--db", Db, "--organisation", organisation, "--role", role, "--name", "feed", "--expires-days", days);
        await using SqliteStore store = await SqliteStore.OpenAsync(new SqliteStoreOptions(Db), TimeProvider.System, Ct);

        Assert.Equal(expected, exitCode);
        Assert.DoesNotContain("token:", output, StringComparison.Ordinal);
        Assert.Empty(await store.TokensAsync(Ct));
    }
}
