using Microsoft.Data.Sqlite;
using Npgsql;
using Qingshui.Domain.Audit;
using Qingshui.Storage.Postgres;
using Qingshui.Storage.Sqlite;
using Qingshui.Testing;

namespace Qingshui.Cli.Tests.Commands;

public sealed class AuditCommandTests
{
    private static readonly string Work = Directory.CreateTempSubdirectory("qingshui-audit-cli-").FullName;

    /// <summary>A store whose ledger for Lushui 2020 was booked, refused once, decided and confirmed, all from the command line.</summary>
    private static async Task<string> AuditedDatabaseAsync()
    {
        string db = Path.Combine(Work, $"audit-{Guid.NewGuid():N}.db");
        await (await SqliteStore.OpenAsync(new SqliteStoreOptions(db), TimeProvider.System, TestContext.Current.CancellationToken)).DisposeAsync();
        string[] on = ["--agreement", "lushui-2019", "--db", db];
        Assert.Equal(4, (await CliRunner.RunAsync(["settle", .. on, "--year", "2020"])).ExitCode);
        Assert.Equal(1, (await CliRunner.RunAsync(["settle", "confirm", .. on, "--period", "2020-01", "--party", "hunan", "--by", "王芳"])).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(["settle", "decide", .. on, "--period", "2020-01", "--outcome", "none", "--by", "联席会议", "--reason", "停电"])).ExitCode);
        Assert.Equal(4, (await CliRunner.RunAsync(["settle", .. on, "--year", "2020"])).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(["settle", "confirm", .. on, "--period", "2020-01", "--party", "hunan", "--by", "王芳"])).ExitCode);
        SqliteConnection.ClearAllPools();
        return db;
    }

    private static async Task ExecuteAsync(string db, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={db};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Verify_UntouchedLog_ExitsZero_WithTheCountAndHead()
    {
        string db = await AuditedDatabaseAsync();

        (int exitCode, string output, string error) = await CliRunner.RunAsync("audit", "verify", "--db", db);

        Assert.True(exitCode == 0, error);
        Assert.Equal("", error);
        Assert.Matches("^5 entries, chain intact; head [0-9a-f]{64}$", output.Trim());
        SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData("DISABLE TRIGGER audit_log_no_delete", "audit_log_no_delete")]
    [InlineData("ENABLE REPLICA TRIGGER audit_log_no_update", "audit_log_no_update")]
    [InlineData("ENABLE ALWAYS TRIGGER audit_log_no_truncate", null)]
    public async Task Verify_OnPostgres_WarnsOfAGuardThatNoLongerFiresInOrdinarySessions(string alter, string? named)
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        string database = await PostgresCluster.CreateDatabaseAsync();
        await using (PostgresStore store = await PostgresStore.OpenAsync(new PostgresStoreOptions(database), TimeProvider.System, ct))
        {
            var actor = new AuditActor("王芳", "hunan", null);
            await store.AppendAsync(AuditRecord.Create(DateTimeOffset.UtcNow, actor, "ledger.confirm", "lushui-2019/2020-01", AuditOutcome.Done, null, null, "{}"), ct);
        }

        (int untouchedExit, string untouched, string untouchedError) = await CliRunner.RunAsync("audit", "verify", "--db", database);
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand($"ALTER TABLE audit_log {alter}", connection);
            await command.ExecuteNonQueryAsync(ct);
        }

        (int exitCode, string output, string error) = await CliRunner.RunAsync("audit", "verify", "--db", database);

        Assert.Equal((0, ""), (untouchedExit, untouchedError));
        Assert.StartsWith("1 entry, chain intact", untouched.Trim(), StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
        Assert.StartsWith("1 entry, chain intact", output.Trim(), StringComparison.Ordinal);
        if (named is null)
        {
            Assert.Equal("", error);
        }
        else
        {
            Assert.Equal($"warning: trigger {named} does not guard audit_log (dropped, disabled or changed): the database was altered outside Qingshui", error.Trim());
        }
    }

    [Fact]
    public async Task Verify_OneRowAlteredInTheFile_ExitsOne_NamingTheFirstBrokenEntry()
    {
        // Given an audit log, and someone with the file who drops the guard trigger and rewrites who refused in entry 2
        string db = await AuditedDatabaseAsync();
        await ExecuteAsync(db, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = '李华' WHERE sequence = 2");

        // When the chain is verified
        (int exitCode, string output, string error) = await CliRunner.RunAsync("audit", "verify", "--db", db);

        // Then it fails at entry 2, with its time and why, and says the guard is gone
        Assert.Equal(1, exitCode);
        Assert.Matches(@"^entry 2 \(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\) is broken: content changed: .*; 1 entry before it intact$", output.Trim());
        Assert.Equal("warning: trigger audit_log_no_update is missing: the file was edited outside Qingshui", error.Trim());
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task Verify_OneRowDeletedFromTheFile_ExitsOne_AtTheEntryAfterTheGap()
    {
        string db = await AuditedDatabaseAsync();
        await ExecuteAsync(db, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE sequence = 3");

        (int exitCode, string output, _) = await CliRunner.RunAsync("audit", "verify", "--db", db);

        Assert.Equal(1, exitCode);
        Assert.Contains("entry 4 (", output, StringComparison.Ordinal);
        Assert.Contains("is broken: sequence gap: expected entry 3, found 4", output, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task SettleConfirm_IsListedWithItsActor_AndTheRefusedOneWithItsReason()
    {
        string db = await AuditedDatabaseAsync();

        (int exitCode, string output, string error) = await CliRunner.RunAsync("audit", "list", "--db", db, "--action", "ledger.confirm");

        Assert.True(exitCode == 0, error);
        string[][] rows = [.. output.TrimEnd().Split('\n').Skip(1).Select(l => l.Split('\t'))];
        Assert.Equal(2, rows.Length);
        Assert.Equal(["5", "王芳", "ledger.confirm", "lushui-2019/2020-01", "done", ""], [rows[0][0], rows[0][2], rows[0][4], rows[0][5], rows[0][6], rows[0][7]]);
        Assert.Contains("\"party\":\"hunan\"", rows[0][10], StringComparison.Ordinal);
        Assert.Equal(["2", "王芳", "refused", "2020-01 is without data: record a decision first"], [rows[1][0], rows[1][2], rows[1][6], rows[1][7]]);
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task List_Limit_PagesNewestFirst()
    {
        string db = await AuditedDatabaseAsync();

        (_, string output, _) = await CliRunner.RunAsync("audit", "list", "--db", db, "--limit", "2", "--before", "4");

        Assert.Equal(["3", "2"], output.TrimEnd().Split('\n').Skip(1).Select(l => l.Split('\t')[0]));
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task List_TabsAndLineBreaksInAField_AreEscaped_SoEachEntryStaysOneLine()
    {
        string db = await AuditedDatabaseAsync();
        await CliRunner.RunAsync("settle", "confirm", "--agreement", "lushui-2019", "--db", db, "--period", "2020-01", "--party", "hunan", "--by", "王\t芳\n6\tforged");

        (_, string output, _) = await CliRunner.RunAsync("audit", "list", "--db", db, "--limit", "1");

        string[] lines = output.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal("王\\t芳\\n6\\tforged", lines[1].Split('\t')[2]);
        SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData("confirm", "--party", "hunan")]
    [InlineData("decide", "--outcome", "none", "--reason", "停电")]
    public async Task SettleLedgerCommand_BadPeriod_IsAUsageError_NotACrash_AndWritesNoEntry(string command, params string[] rest)
    {
        string db = await AuditedDatabaseAsync();

        (int exitCode, _, string error) = await CliRunner.RunAsync(
            ["settle", command, "--agreement", "lushui-2019", "--db", db, "--period", "2020-1x", "--by", "王芳", .. rest]);

        Assert.Equal(2, exitCode);
        Assert.Equal("--period: '2020-1x' is not a period (2020-03, 2020-Q1 or 2020)", error.Trim());
        Assert.StartsWith("5 entries, chain intact", (await CliRunner.RunAsync("audit", "verify", "--db", db)).Output, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData("list", "--limit", "0")]
    [InlineData("list", "--limit", "1001")]
    [InlineData("list", "--before", "0")]
    public async Task List_BadUsage_ExitsTwo_BeforeOpeningAnyStore(params string[] args)
    {
        string db = Path.Combine(Work, $"never-{Guid.NewGuid():N}.db");

        (int exitCode, _, string error) = await CliRunner.RunAsync(["audit", .. args, "--db", db]);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("--", error, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    [Theory]
    [InlineData("verify")]
    [InlineData("list")]
    public async Task Audit_MissingDatabase_ExitsOne_AndCreatesNothing(string command)
    {
        string db = Path.Combine(Work, $"absent-{Guid.NewGuid():N}.db");

        (int exitCode, _, string error) = await CliRunner.RunAsync("audit", command, "--db", db);

        Assert.Equal(1, exitCode);
        Assert.Equal($"{db}: no such database", error.Trim());
        Assert.False(File.Exists(db));
    }
}
