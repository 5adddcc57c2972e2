using Microsoft.Data.Sqlite;
using Npgsql;
using Qingshui.Cli.Copy;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Storage;
using Qingshui.Storage.Postgres;
using Qingshui.Storage.Sqlite;
using Qingshui.Testing;

namespace Qingshui.Cli.Tests.Copy;

/// <summary>
/// A SQLite store's readings, revisions, raw packets and rejects copied table by table into PostgreSQL, in small
/// batches, then read back through the PostgreSQL store as SQLite has them.
/// </summary>
public sealed class ReadingsCopyTests : IDisposable
{
    private const string Station = "360300A00000000000000201";
    private static readonly DateTimeOffset Hour = new(2024, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));
    private readonly string _folder = Directory.CreateTempSubdirectory("qingshui-readings-copy-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static IngestRecord Record(string qn, DateTimeOffset at, decimal value, PacketVerdict verdict = PacketVerdict.Accepted) =>
        new(new RawPacket(at.AddMinutes(2), "10.0.0.7:4100", Station, "2061", verdict, verdict == PacketVerdict.Accepted ? null : "wrong password",
                System.Text.Encoding.ASCII.GetBytes($"##0040QN={qn};ST=21;CN=2061")),
            verdict == PacketVerdict.Accepted ? [new Reading(Station, "w21003", ReadingKind.Hour, at, value, Unit.MilligramPerLitre, "N", true)] : []);

    [Fact]
    public async Task Copy_ReadingsRevisionsAndPackets_AreReadBackThroughThePostgresStore_AsSqliteHasThem()
    {
        string file = Path.Combine(_folder, "q.db");
        await using (SqliteStore sqlite = await SqliteStore.OpenAsync(new SqliteStoreOptions(file, FullSync: false), TimeProvider.System, Ct))
        {
            await sqlite.WriteAsync([Record("1", Hour, 0.42m), Record("2", Hour.AddHours(1), 0.45m), Record("3", Hour.AddMonths(2), 1.1m)], Ct);
            await sqlite.WriteAsync([Record("4", Hour, 0.47m), Record("5", Hour, 0m, PacketVerdict.Rejected)], Ct);
        }

        string database = await PostgresCluster.CreateDatabaseAsync();
        await PostgresStore.MigrateAsync(new PostgresStoreOptions(database), Ct);
        await using (var source = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=false"))
        await using (var target = new NpgsqlConnection(database))
        {
            await source.OpenAsync(Ct);
            await target.OpenAsync(Ct);
            (IReadOnlyList<CopyTable> tables, IReadOnlyList<string> problems) = await SchemaMatch.PairAsync(source, target, Ct);
            Assert.Empty(problems);
            Assert.Contains(tables, t => t.Name == "readings");
            var copier = new DatabaseCopier(source, target, batchRows: 2);

            await copier.CopyAsync(tables, Ct);

            foreach (CopyTable table in tables)
            {
                TableVerdict verdict = await copier.VerifyAsync(table, Ct);
                Assert.True(verdict.Matches, verdict.ToString());
            }
        }

        await using SqliteStore expected = await SqliteStore.OpenAsync(new SqliteStoreOptions(file, FullSync: false), TimeProvider.System, Ct);
        await using PostgresStore copied = await PostgresStore.OpenAsync(new PostgresStoreOptions(database), TimeProvider.System, Ct);
        var query = new ReadingQuery(Station, null, null, Hour.AddDays(-1), Hour.AddMonths(3));
        Assert.Equal(await expected.CountAsync(Ct), await copied.CountAsync(Ct));
        Assert.Equal((await expected.ReadingsAsync(query, Ct)).Select(r => r.Reading), (await copied.ReadingsAsync(query, Ct)).Select(r => r.Reading));
        Assert.Equal(
            (await expected.RevisionsAsync(Station, "w21003", ReadingKind.Hour, Hour, Ct)).Select(r => r.Reading.Value),
            (await copied.RevisionsAsync(Station, "w21003", ReadingKind.Hour, Hour, Ct)).Select(r => r.Reading.Value));
        Assert.Equal(
            (await expected.RawPacketsAsync(Station, 10, Ct)).Select(p => (p.Id, p.Packet.Verdict, Convert.ToHexString(p.Packet.Bytes))),
            (await copied.RawPacketsAsync(Station, 10, Ct)).Select(p => (p.Id, p.Packet.Verdict, Convert.ToHexString(p.Packet.Bytes))));

        // The next packet written on PostgreSQL takes an id past every copied one.
        long largest = (await expected.RawPacketsAsync(Station, 10, Ct)).Max(p => p.Id);
        await copied.WriteAsync([Record("6", Hour.AddHours(5), 0.5m)], Ct);
        Assert.True((await copied.RawPacketsAsync(Station, 1, Ct))[0].Id > largest);
    }
}
