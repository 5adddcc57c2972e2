using Microsoft.Data.Sqlite;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Cli.Tests.Commands;

public sealed class StationsCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-stations-").FullName;

    private string Db => Path.Combine(_directory, "q.db");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task List_ShowsTheStoredRegister_AsChanged_WithoutPasswords()
    {
        Basin basin = BasinPresets.Load("pingshui-lushui");
        await using (SqliteStore store = await SqliteStore.OpenAsync(new SqliteStoreOptions(Db), TimeProvider.System, Ct))
        {
            await store.SeedStationsAsync(basin.Stations, Ct);
            await store.UpdateStationAsync("430281A00000000000000301", s => s with { Crc = CrcPolicy.AcceptModbus, Password = "Rotated-301" }, Ct);
        }

        (int exit, string output, string error) = await CliRunner.RunAsync("stations", "list", "--db", Db);

        Assert.Equal((0, ""), (exit, error));
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(basin.Stations.Count + 1, lines.Length);
        Assert.StartsWith("430281A00000000000000301\tliling-wangfang\thunan\t2017\taccept-modbus\t+08:00\tw01010,", lines[4], StringComparison.Ordinal);
        Assert.StartsWith("36030000000101\tpingshui-source\tjiangxi\t2005\tstrict\t", lines[1], StringComparison.Ordinal);
        Assert.DoesNotContain("Rotated-301", output, StringComparison.Ordinal);
        Assert.All(basin.Stations, s => Assert.DoesNotContain(s.Password, output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_EmptyStore_SaysWhenStationsAreRegistered()
    {
        (int exit, string output, string error) = await CliRunner.RunAsync("stations", "list", "--db", Db);

        Assert.Equal(0, exit);
        Assert.Equal("mn\tsection\toperator\tedition\tcrc\tutcOffset\tparameters\tname", output.Trim());
        Assert.Contains("registers the basin file's stations", error, StringComparison.Ordinal);
    }
}
