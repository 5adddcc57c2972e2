using Microsoft.Data.Sqlite;
using Npgsql;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Incidents;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Storage;
using Qingshui.Storage.Postgres;
using Qingshui.Storage.Sqlite;
using Qingshui.Testing;

namespace Qingshui.Cli.Tests.Copy;

/// <summary><c>qingshui db copy</c> of a SQLite store holding records of several areas into an empty PostgreSQL database.</summary>
public sealed class WholeStoreCopyTests : IDisposable
{
    private const string Station = "360300A00000000000000201";
    private static readonly DateTimeOffset Hour = new(2024, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));
    private readonly string _folder = Directory.CreateTempSubdirectory("qingshui-store-copy-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Copy_AStoreOfSeveralAreas_EveryTableMatches_AndThePostgresStoreReadsThemBack()
    {
        string file = Path.Combine(_folder, "q.db");
        Alert raised;
        Meeting meeting;
        await using (SqliteStore sqlite = await SqliteStore.OpenAsync(new SqliteStoreOptions(file, FullSync: false), TimeProvider.System, Ct))
        {
            await sqlite.WriteAsync([new IngestRecord(
                new RawPacket(Hour.AddMinutes(2), "10.0.0.7:4100", Station, "2061", PacketVerdict.Accepted, null, "##0040QN=1"u8.ToArray()),
                [new Reading(Station, "w21003", ReadingKind.Hour, Hour, 0.42m, Unit.MilligramPerLitre, "N", true)])], Ct);
            raised = await sqlite.RaiseAsync(new Alert(0, "over", AlertKind.TargetExceeded, AlertSeverity.Critical, "jinyushi", Station, "w21003", Hour, null,
                [new AlertValue(Hour, 1.8m, true)], "NH3-N 1.8 worse than the target class"), Ct);
            meeting = await sqlite.CreateMeetingAsync(new Meeting(0, "pingshui-lushui", new DateOnly(2025, 3, 12), "萍乡", "jiangxi", "联席会议",
                [new MeetingAttendee("jiangxi", "李明", "联络员")], ["通报水质"], "纪要", [], "jx-coordinator", "jiangxi", Hour), Ct);
        }

        string database = await PostgresCluster.CreateDatabaseAsync();

        (int exit, string output, string error) = await CliRunner.RunAsync("db", "copy", "--from", "sqlite:" + file, "--to", database);

        Assert.True(exit == 0, error + output);
        Assert.DoesNotContain("MISMATCH", output, StringComparison.Ordinal);
        Assert.Contains("readings", output, StringComparison.Ordinal);
        Assert.Contains("meetings", output, StringComparison.Ordinal);
        Assert.Contains("reading_day_values", output, StringComparison.Ordinal);
        await using PostgresStore copied = await PostgresStore.OpenAsync(new PostgresStoreOptions(database), TimeProvider.System, Ct);
        Alert found = (await copied.FindAsync(raised.Id, Ct))!;
        Assert.Equal((raised.RuleId, raised.RaisedAt), (found.RuleId, found.RaisedAt));
        Assert.Equal(raised.Evidence, found.Evidence);
        Assert.Equal(meeting.Minutes, (await copied.FindMeetingAsync(meeting.Id, Ct))!.Minutes);
        Assert.Equal(new StoreCounts(1, 0, 1), await copied.CountAsync(Ct));

        // The hourly value comes back from the packed day the copy brought along.
        ReadingValue value = Assert.Single(await copied.ValuesAsync(new ReadingQuery(Station, "w21003", ReadingKind.Hour, Hour, Hour.AddHours(1)), Ct));
        Assert.Equal((Hour, 0.42m, true), (value.PeriodStart, value.Value, value.Valid));
    }

    [Fact]
    public async Task Copy_AsTheDatabasesOwnerNotASuperuser_CopiesParentsBeforeChildren_AndLeavesTheCountTriggerOn()
    {
        // Given a store whose incident has steps and alerts (tables that refer to incidents and sort before it by name)
        string file = Path.Combine(_folder, "owner.db");
        await using (SqliteStore sqlite = await SqliteStore.OpenAsync(new SqliteStoreOptions(file, FullSync: false), TimeProvider.System, Ct))
        {
            await sqlite.WriteAsync([new IngestRecord(
                new RawPacket(Hour.AddMinutes(2), "10.0.0.7:4100", Station, "2061", PacketVerdict.Accepted, null, "##0040QN=1"u8.ToArray()),
                [new Reading(Station, "w21003", ReadingKind.Hour, Hour, 0.42m, Unit.MilligramPerLitre, "N", true)])], Ct);
            await sqlite.CreateAsync(new Incident(
                0, "jinyushi", AlertSeverity.Warning, IncidentStatus.Raised, Hour, ["jiangxi", "hunan"], [Station], [7], [],
                [new IncidentStep(IncidentStepKind.Raised, "engine", "", Hour.AddMinutes(2), "alert 7")], []), Ct);
        }

        // and a database owned by a role that is no superuser
        string database = await PostgresCluster.CreateDatabaseAsync();
        string role = "owner_" + Guid.NewGuid().ToString("N")[..12];
        var superuser = new NpgsqlConnectionStringBuilder(database);
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync(Ct);
            await using var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN NOSUPERUSER; ALTER DATABASE \"{superuser.Database}\" OWNER TO {role}", connection);
            await create.ExecuteNonQueryAsync(Ct);
        }

        string asOwner = new NpgsqlConnectionStringBuilder(database) { Username = role }.ConnectionString;

        (int exit, string output, string error) = await CliRunner.RunAsync("db", "copy", "--from", "sqlite:" + file, "--to", asOwner);

        Assert.True(exit == 0, error + output);
        Assert.DoesNotContain("MISMATCH", output, StringComparison.Ordinal);
        await using var check = new NpgsqlConnection(database);
        await check.OpenAsync(Ct);
        await using var trigger = new NpgsqlCommand("SELECT tgenabled::text FROM pg_trigger WHERE tgname = 'readings_count_insert'", check);
        Assert.Equal("O", await trigger.ExecuteScalarAsync(Ct));
        await using var steps = new NpgsqlCommand("SELECT count(*) FROM incident_steps", check);
        Assert.Equal(1L, await steps.ExecuteScalarAsync(Ct));
    }
}
