using Microsoft.Data.Sqlite;
using Qingshui.Cli.Commands;
using Qingshui.Storage;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Cli.Tests.Commands;

public sealed class UsersCommandTests : IDisposable
{
    private const string Password = "a long enough password";
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-users-").FullName;

    private string Db => Path.Combine(_directory, "q.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<(int ExitCode, string Output, string Error)> AddWithStdinAsync(string stdin, string name, string organisation, params string[] roles)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = await UsersCommand.ExecuteAddAsync(new UsersCommand.AddSettings(Db, name, organisation, roles, null, false), new StringReader(stdin), output, error, Ct);
        return (exitCode, output.ToString(), error.ToString());
    }

    private async Task<StoredUser?> FindAsync(string name)
    {
        await using SqliteStore store = await SqliteStore.OpenAsync(new SqliteStoreOptions(Db), TimeProvider.System, Ct);
        return await store.FindUserAsync(name, Ct);
    }

    [Fact]
    public async Task Add_PasswordFromStdin_StoresAHashNotThePassword_AndListShowsNeither()
    {
        Assert.Equal(0, (await CliRunner.RunAsync("orgs", "seed", "--db", Db)).ExitCode);

        (int exitCode, string output, _) = await AddWithStdinAsync(Password + "\n", "hn-finance", "hunan", "finance", "viewer");
        (int listed, string list, _) = await CliRunner.RunAsync("users", "list", "--db", Db);

        Assert.Equal(0, exitCode);
        Assert.Contains("added hn-finance (hunan; viewer, finance)", output, StringComparison.Ordinal);
        StoredUser stored = (await FindAsync("hn-finance"))!;
        Assert.NotEqual(Password, stored.PasswordHash);
        Assert.DoesNotContain(Password, stored.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(0, listed);
        Assert.Contains("hn-finance\thn-finance\thunan\tviewer,finance\tenabled", list, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.PasswordHash, list, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Add_GeneratePassword_PrintsItOnce_AndItIsTheOneStored()
    {
        await CliRunner.RunAsync("orgs", "seed", "--db", Db);

        (int exitCode, string output, string error) = await CliRunner.RunAsync(
            "users", "add", "--db", Db, "--name", "jx-admin", "--organisation", "jiangxi", "--role", "admin", "--generate-password");

        Assert.Equal(0, exitCode);
        string password = output.Split('\n').Single(l => l.StartsWith("password: ", StringComparison.Ordinal))["password: ".Length..].Trim();
        Assert.Contains("shown this once", error, StringComparison.Ordinal);
        StoredUser stored = (await FindAsync("jx-admin"))!;
        Assert.Equal((true, false), new Qingshui.Server.Accounts.Passwords().Verify(stored.Account, stored.PasswordHash, password));
    }

    [Fact]
    public async Task Add_UnknownRole_IsAUsageError_BeforeTheStoreIsOpened()
    {
        (int exitCode, _, string error) = await CliRunner.RunAsync("users", "add", "--db", Db, "--name", "hn-x", "--organisation", "hunan", "--role", "root", "--generate-password");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Contains("--role: 'root' is not a role (viewer, operator, reviewer, finance, coordinator, admin)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("at least one role", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task Add_ShortPassword_UnknownOrganisation_TakenName_AreInvalidInput()
    {
        await CliRunner.RunAsync("orgs", "seed", "--db", Db);

        (int shortPassword, _, string shortError) = await AddWithStdinAsync("short\n", "hn-a", "hunan", "viewer");
        (int unknownOrg, _, string orgError) = await AddWithStdinAsync(Password, "hb-a", "hubei", "viewer");
        await AddWithStdinAsync(Password, "hn-a", "hunan", "viewer");
        (int taken, _, string takenError) = await AddWithStdinAsync(Password, "hn-a", "hunan", "admin");

        Assert.Equal((ExitCodes.InvalidInput, ExitCodes.InvalidInput, ExitCodes.InvalidInput), (shortPassword, unknownOrg, taken));
        Assert.Contains("must be 12–256 characters", shortError, StringComparison.Ordinal);
        Assert.Contains("no organisation 'hubei'", orgError, StringComparison.Ordinal);
        Assert.Contains("exists already", takenError, StringComparison.Ordinal);
        Assert.Equal([Qingshui.Domain.Access.Role.Viewer], (await FindAsync("hn-a"))!.Account.Roles);
    }

    [Fact]
    public async Task Disable_MarksTheUser_AndAnUnknownNameIsInvalidInput()
    {
        await CliRunner.RunAsync("orgs", "seed", "--db", Db);
        await AddWithStdinAsync(Password, "hn-a", "hunan", "viewer");

        (int exitCode, string output, _) = await CliRunner.RunAsync("users", "disable", "--db", Db, "--name", "hn-a");
        (int unknown, _, string error) = await CliRunner.RunAsync("users", "disable", "--db", Db, "--name", "nobody");

        Assert.Equal(0, exitCode);
        Assert.Contains("disabled hn-a", output, StringComparison.Ordinal);
        Assert.True((await FindAsync("hn-a"))!.Account.Disabled);
        Assert.Contains("hn-a\thn-a\thunan\tviewer\tdisabled", (await CliRunner.RunAsync("users", "list", "--db", Db)).Output, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InvalidInput, unknown);
        Assert.Contains("no user 'nobody'", error, StringComparison.Ordinal);
    }
}
