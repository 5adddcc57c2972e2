using System.Globalization;
using Microsoft.Data.Sqlite;
using Qingshui.Cli.Commands;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Storage;
using Qingshui.Storage.Compensation;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Cli.Tests.Commands;

/// <summary>Bad input to settle is one line and an exit code, never a stack trace; and the demo's agreement is named by its id.</summary>
public sealed class SettleCommandInputTests
{
    private static readonly string Work = Directory.CreateTempSubdirectory("qingshui-settle-input-").FullName;

    private static string ReadingsFile()
    {
        string path = Path.Combine(Work, "jinyushi.csv");
        var text = new System.Text.StringBuilder("section,time,w01001,w01009,w01019,w21003,w21011\n");
        for (var day = new DateOnly(2020, 1, 1); day.Year == 2020; day = day.AddDays(1))
        {
            text.Append(CultureInfo.InvariantCulture, $"金鱼石,{day:yyyy-MM-dd}T08:00+08:00,7.6,8.2,1.8,0.4,0.015\n");
        }

        File.WriteAllText(path, text.ToString());
        return path;
    }

    private static void AssertOneLine(string error) => Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("99999")]
    public async Task Settle_OutOfRangeYear_IsOneLineAndUsage(string year)
    {
        (int readingsExit, _, string readingsError) = await CliRunner.RunAsync("settle", "--agreement", "lushui-2019", "--year", year, "--readings", ReadingsFile());
        (int closeExit, _, string closeError) = await CliRunner.RunAsync("settle", "close", "--agreement", "lushui-2019", "--db", ReadingsFile(), "--year", year, "--by", "x");

        Assert.Equal((2, 2), (readingsExit, closeExit));
        Assert.Equal($"--year: {year} is not a year to settle (1900–2999)", readingsError.Trim());
        Assert.Equal($"--year: {year} is not a year to settle (1900–2999)", closeError.Trim());
    }

    [Fact]
    public async Task Settle_OutIntoAMissingFolder_IsOneLineAndUsage_AndCreatesNothing()
    {
        string folder = Path.Combine(Work, "no-such-folder");

        (int exitCode, _, string error) = await CliRunner.RunAsync("settle", "--agreement", "lushui-2019", "--year", "2020", "--readings", ReadingsFile(),
            "--format", "md", "--out", Path.Combine(folder, "s.md"));

        Assert.Equal(2, exitCode);
        Assert.Equal($"--out: the folder {folder} does not exist", error.Trim());
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Settle_DbThatIsNotADatabase_IsOneLineAndInvalidInput()
    {
        string notADatabase = Path.Combine(Work, "readings-not-a-db.txt");
        await File.WriteAllTextAsync(notADatabase, string.Concat(Enumerable.Repeat("this is a text file, not SQLite\n", 200)), TestContext.Current.CancellationToken);

        (int exitCode, _, string error) = await CliRunner.RunAsync("settle", "--agreement", "lushui-2019", "--year", "2020", "--db", notADatabase);
        (int confirmExit, _, string confirmError) = await CliRunner.RunAsync("settle", "confirm", "--agreement", "lushui-2019", "--db", notADatabase,
            "--period", "2020-01", "--party", "hunan", "--by", "x");

        Assert.Equal((1, 1), (exitCode, confirmExit));
        AssertOneLine(error);
        AssertOneLine(confirmError);
        Assert.StartsWith($"{notADatabase}: not a Qingshui database", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settle_DbThatDoesNotExist_IsAnError_AndCreatesNoDatabaseOrFolder()
    {
        string folder = Path.Combine(Work, $"absent-{Guid.NewGuid():N}");
        string db = Path.Combine(folder, "q.db");

        (int exitCode, _, string error) = await CliRunner.RunAsync("settle", "--agreement", "lushui-2019", "--year", "2020", "--db", db);

        Assert.Equal(1, exitCode);
        Assert.Equal($"{db}: no such database (settle does not create one)", error.Trim());
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Settle_DemoAgreement_IsNamedByItsIdInEverySettleCommand()
    {
        string db = Path.Combine(Work, $"demo-{Guid.NewGuid():N}.db");
        Agreement demo = DemoCommand.DemoAgreement(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)), new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.FromHours(8)));
        await using (SqliteStore store = await SqliteStore.OpenAsync(new SqliteStoreOptions(db), TimeProvider.System, TestContext.Current.CancellationToken))
        {
            await WriteReadingsAsync(store, skipMonth: 5);
            await new SettlementService(store, store, store, TimeProvider.System).RecomputeAsync(demo, 2020, TestContext.Current.CancellationToken);
        }

        SqliteConnection.ClearAllPools();
        string[] on = ["--agreement", "lushui-demo", "--db", db];

        (int statement, string json, string statementError) = await CliRunner.RunAsync(["settle", .. on, "--year", "2020"]);
        (int confirmed, _, string confirmError) = await CliRunner.RunAsync(["settle", "confirm", .. on, "--period", "2020-01", "--party", "hunan", "--by", "王芳"]);
        (int decided, _, string decideError) = await CliRunner.RunAsync(["settle", "decide", .. on, "--period", "2020-05", "--outcome", "none", "--by", "联席会议", "--reason", "停电"]);
        (int closed, _, string closeError) = await CliRunner.RunAsync(["settle", "close", .. on, "--year", "2020", "--by", "财政厅"]);

        Assert.True(statement == 4, statementError);
        Assert.Contains("\"agreement\":\"lushui-demo\"", json, StringComparison.Ordinal);
        Assert.Contains("2020-05 no-data", statementError, StringComparison.Ordinal);
        Assert.True(confirmed == 0, confirmError);
        Assert.True(decided == 0, decideError);
        Assert.Equal(1, closed);
        Assert.StartsWith("not confirmed by every party: 2020-01", closeError, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Settle_WithAnEditedAgreementFile_Warns_KeepsWhatWasConfirmed_AndOnlyProposes()
    {
        string db = Path.Combine(Work, $"edited-{Guid.NewGuid():N}.db");
        await using (SqliteStore store = await SqliteStore.OpenAsync(new SqliteStoreOptions(db), TimeProvider.System, TestContext.Current.CancellationToken))
        {
            await WriteReadingsAsync(store, skipMonth: 0);
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal(4, (await CliRunner.RunAsync("settle", "--agreement", "lushui-2019", "--db", db, "--year", "2020")).ExitCode);
        foreach ((string party, string who) in new[] { ("jiangxi", "李华"), ("hunan", "王芳") })
        {
            Assert.Equal(0, (await CliRunner.RunAsync("settle", "confirm", "--agreement", "lushui-2019", "--db", db, "--period", "2020-01", "--party", party, "--by", who)).ExitCode);
        }

        string edited = Path.Combine(Work, $"lushui-edited-{Guid.NewGuid():N}.agreement.json");
        string text = Domain.Presets.AgreementPresets.Text("lushui-2019")!;
        await File.WriteAllTextAsync(edited, text.Replace("\"amount\": 1000000", "\"amount\": 5", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        (int exitCode, string json, string error) = await CliRunner.RunAsync("settle", "--agreement", edited, "--db", db, "--year", "2020");

        Assert.Equal(4, exitCode);
        Assert.StartsWith("warning: agreement 'lushui-2019' now reads differently from the one recorded when its books were opened", error, StringComparison.Ordinal);
        System.Text.Json.JsonElement root = System.Text.Json.JsonDocument.Parse(json).RootElement;
        Assert.True(root.GetProperty("agreementChanged").GetBoolean());
        Assert.Equal(1_000_000m, root.GetProperty("accounts")[0].GetProperty("amount").GetDecimal());
        Assert.Equal("2020-01", root.GetProperty("proposedAdjustments")[0].GetProperty("corrected").GetString());
        Assert.Equal(5m, root.GetProperty("accounts")[1].GetProperty("amount").GetDecimal());
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Settle_BasinSayingTheSectionDoesNotMonitorTotalPhosphorus_ClassesEachMonthFromTheOtherFour()
    {
        // A year of Jinyushi's samples without TP, and a basin file in which Jinyushi does not monitor it (the release's "*").
        string readings = Path.Combine(Work, "jinyushi-without-tp.csv");
        File.WriteAllLines(readings, ["section,time,w01001,w01009,w01019,w21003",
            .. Enumerable.Range(0, 366).Select(d => string.Create(CultureInfo.InvariantCulture, $"金鱼石,{new DateOnly(2020, 1, 1).AddDays(d):yyyy-MM-dd}T08:00+08:00,7.6,8.2,1.8,0.4"))]);
        string basin = Path.Combine(Work, "basin-without-tp.json");
        File.WriteAllText(basin, Qingshui.Domain.Presets.BasinPresets.Text("pingshui-lushui")!
            .Replace("\"id\": \"jinyushi\",", "\"id\": \"jinyushi\", \"monitoredItems\": [\"pH\", \"DO\", \"CODMn\", \"NH3N\"],", StringComparison.Ordinal));

        (_, string known, _) = await CliRunner.RunAsync("settle", "--agreement", "lushui-2019", "--year", "2020", "--readings", readings, "--basin", basin);
        (_, string unknown, _) = await CliRunner.RunAsync("settle", "--agreement", "lushui-2019", "--year", "2020", "--readings", readings);
        (int badBasin, _, string error) = await CliRunner.RunAsync("settle", "--agreement", "lushui-2019", "--year", "2020", "--readings", readings, "--basin", "no-such.json");

        System.Text.Json.JsonElement july = System.Text.Json.JsonDocument.Parse(known).RootElement.GetProperty("accounts")[6];
        Assert.Equal("Determined", july.GetProperty("status").GetString());
        Assert.Equal("TP", july.GetProperty("evidence")[0].GetProperty("notMonitored")[0].GetString());
        Assert.Equal("Undetermined", System.Text.Json.JsonDocument.Parse(unknown).RootElement.GetProperty("accounts")[6].GetProperty("status").GetString());
        Assert.Equal(1, badBasin);
        Assert.Contains("no-such.json: no such file", error, StringComparison.Ordinal);
    }

    private static async Task WriteReadingsAsync(SqliteStore store, int skipMonth)
    {
        var records = new List<IngestRecord>();
        foreach (string station in new[] { "360300A00000000000000201", "430281A00000000000000202" })
        {
            for (var day = new DateOnly(2020, 1, 1); day.Year == 2020; day = day.AddDays(1))
            {
                if (day.Month == skipMonth)
                {
                    continue;
                }

                var time = new DateTimeOffset(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.FromHours(8));
                Reading R(string code, decimal value) => new(station, code, ReadingKind.Hour, time, value, Unit.MilligramPerLitre, "N", true);
                records.Add(new IngestRecord(new RawPacket(time, "import", station, "2061", PacketVerdict.Accepted, null, []),
                    [R("w01001", 7.6m) with { Unit = Unit.Dimensionless }, R("w01009", 8.2m), R("w01019", 1.8m), R("w21003", 0.4m), R("w21011", 0.015m)]));
            }
        }

        await store.WriteAsync(records, TestContext.Current.CancellationToken);
    }
}
