using Microsoft.Data.Sqlite;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Presets;
using Qingshui.Domain.Readings;
using Qingshui.Simulation;
using Qingshui.Storage;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Cli.Tests.Commands;

public sealed class AlertsReplayCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-replay-").FullName;

    private string Db => Path.Combine(_directory, "history.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    // The demo's stations and water model (seed 212), hour by hour over 2024, written as the demo's back-fill stores them.
    private async Task WriteSimulatedYearAsync()
    {
        Basin basin = BasinPresets.Load("pingshui-lushui");
        var model = new SurfaceWaterModel(212);
        await using SqliteStore store = await SqliteStore.OpenAsync(new SqliteStoreOptions(Db, FullSync: false), TimeProvider.System, TestContext.Current.CancellationToken);
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var records = new List<IngestRecord>();
        foreach (SimulatedStation station in SyntheticBasin.StationsOf(basin))
        {
            for (DateTimeOffset time = start; time.Year == 2024; time = time.AddHours(1))
            {
                decimal[] values = model.ValuesAt(station.Index, time, station.Profile);
                Reading[] readings = [.. SurfaceWaterModel.Codes.Select((code, i) =>
                    new Reading(station.DeviceId, code, ReadingKind.Hour, time, values[i], ParameterCatalogue.Find(code)!.DefaultUnit, "N", true))];
                records.Add(new IngestRecord(new RawPacket(time, "simulated", station.DeviceId, "2061", PacketVerdict.Accepted, null, []), readings));
                if (records.Count == 4096)
                {
                    await store.WriteAsync(records, TestContext.Current.CancellationToken);
                    records.Clear();
                }
            }
        }

        await store.WriteAsync(records, TestContext.Current.CancellationToken);
    }

    private static string[][] Rows(string output) =>
        [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split('\t'))];

    [Fact]
    public async Task Replay_TheDemosSimulatedYear_ShowsJinyushisMarchAndAugustEpisodes_AndNothingInItsCleanMonths()
    {
        await WriteSimulatedYearAsync();

        (int exitCode, string output, string error) = await CliRunner.RunAsync("alerts", "replay", "--db", Db, "--from", "2024-01-01", "--to", "2024-12-31");

        Assert.True(exitCode == 0, error);
        string[][] rows = Rows(output);
        Assert.StartsWith("raised\tcleared\tseverity\trule\tsection\tstation", output, StringComparison.Ordinal);
        string[][] jinyushi = [.. rows.Where(r => r[4] == "jinyushi")];
        int[] months = [.. jinyushi.Select(r => int.Parse(r[0][5..7], System.Globalization.CultureInfo.InvariantCulture)).Distinct().Order()];
        Assert.Equal([3, 8], months);

        // Each episode is seen at both provinces' stations, by NH3-N, once per station and month, not once per hour
        foreach (int month in months)
        {
            string[][] ammonia = [.. jinyushi.Where(r => r[0].StartsWith($"2024-0{month}", StringComparison.Ordinal) && r[6] == "w21003")];
            Assert.Equal(["360300A00000000000000201", "430281A00000000000000202"], ammonia.Select(r => r[5]).Order(StringComparer.Ordinal));
        }

        // Away from the boundary, only wet-season storms (June, July) last long enough; the dry months are quiet everywhere
        Assert.DoesNotContain(rows, r => r[0][5..7] is "01" or "02" or "10" or "11" or "12");
    }

    [Theory]
    [InlineData("2024-13-01", "2024-12-31", "--from")]
    [InlineData("2024-03-01", "2024-02-01", "--to")]
    [InlineData("2010-01-01", "2024-12-31", "--from")]
    public async Task Replay_BadDates_IsAUsageErrorNamingTheOption(string from, string to, string option)
    {
        (int exitCode, _, string error) = await CliRunner.RunAsync("alerts", "replay", "--db", Db, "--from", from, "--to", to);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.StartsWith(option + ":", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task Replay_ABadRulesFile_IsInvalidInputNamingTheField()
    {
        string rules = Path.Combine(_directory, "rules.json");
        await File.WriteAllTextAsync(rules, """{ "format": "qingshui-alert-rules/1", "rules": [{ "id": "x", "kind": "flat-line", "count": 0 }] }""", TestContext.Current.CancellationToken);

        (int exitCode, _, string error) = await CliRunner.RunAsync("alerts", "replay", "--db", Db, "--from", "2024-01-01", "--to", "2024-01-31", "--rules", rules);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("$.rules[0].count: must be a number from 2 to 10000", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_AMissingDatabase_IsInvalidInput_AndCreatesNothing()
    {
        (int exitCode, _, string error) = await CliRunner.RunAsync("alerts", "replay", "--db", Db, "--from", "2024-01-01", "--to", "2024-01-31");

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("no such database", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Db));
    }

    [Fact]
    public async Task Replay_ARuleNamingASectionTheBasinLacks_IsInvalidInputNamingTheField()
    {
        string rules = Path.Combine(_directory, "rules.json");
        await File.WriteAllTextAsync(rules, """{ "format": "qingshui-alert-rules/1", "rules": [{ "id": "x", "kind": "target-exceeded", "section": "nowhere" }] }""",
            TestContext.Current.CancellationToken);

        (int exitCode, _, string error) = await CliRunner.RunAsync("alerts", "replay", "--db", Db, "--from", "2024-01-01", "--to", "2024-01-31", "--rules", rules);

        Assert.Equal(ExitCodes.InvalidInput, exitCode);
        Assert.Contains("$.rules[0].section: 'nowhere' is not a section of basin 'pingshui-lushui'", error, StringComparison.Ordinal);
    }
}
