using Microsoft.Data.Sqlite;

namespace Qingshui.Cli.Tests.Commands;

public sealed class OrgsCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-orgs-").FullName;

    private string Db => Path.Combine(_directory, "q.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Seed_AddsEachJurisdictionAndTheJointOffice_Once()
    {
        (int first, string output, _) = await CliRunner.RunAsync("orgs", "seed", "--db", Db);
        (int second, string again, _) = await CliRunner.RunAsync("orgs", "seed", "--db", Db);
        (_, string list, _) = await CliRunner.RunAsync("orgs", "list", "--db", Db);

        Assert.Equal((0, 0), (first, second));
        Assert.Contains("added jiangxi", output, StringComparison.Ordinal);
        Assert.Contains("kept hunan", again, StringComparison.Ordinal);
        Assert.Equal(
            ["hunan\t湖南省\tHunan\tjurisdiction\thunan", "jiangxi\t江西省\tJiangxi\tjurisdiction\tjiangxi", "joint-office\t萍水河—渌水流域联合办公室\tPingshui–Lushui basin joint office\tjoint-office\t-"],
            list.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1));
    }

    [Fact]
    public async Task Add_JurisdictionOutsideTheBasin_IsRefused_AnObserverIsAdded()
    {
        (int refused, _, string error) = await CliRunner.RunAsync("orgs", "add", "--db", Db, "--id", "hubei", "--name-zh", "湖北省", "--name-en", "Hubei",
            "--kind", "jurisdiction", "--jurisdiction", "hubei");
        (int added, _, _) = await CliRunner.RunAsync("orgs", "add", "--db", Db, "--id", "mee", "--name-zh", "生态环境部", "--name-en", "Ministry of Ecology and Environment",
            "--kind", "observer");
        (int taken, _, string takenError) = await CliRunner.RunAsync("orgs", "add", "--db", Db, "--id", "mee", "--name-zh", "生态环境部", "--name-en", "MEE", "--kind", "observer");

        Assert.Equal(ExitCodes.Usage, refused);
        Assert.Contains("'hubei' is not a jurisdiction of the basin (jiangxi, hunan)", error, StringComparison.Ordinal);
        Assert.Equal(0, added);
        Assert.Equal(ExitCodes.InvalidInput, taken);
        Assert.Contains("exists already", takenError, StringComparison.Ordinal);
        Assert.Contains("mee\t生态环境部", (await CliRunner.RunAsync("orgs", "list", "--db", Db)).Output, StringComparison.Ordinal);
    }
}
