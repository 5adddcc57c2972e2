using Microsoft.Data.Sqlite;
using Npgsql;
using Qingshui.Cli.Copy;
using Qingshui.Testing;

namespace Qingshui.Cli.Tests.Copy;

/// <summary>
/// The copy on a small schema of its own with what the platform's tables have: an identity id, a sequence shared by two
/// tables, a table kept by an insert trigger, an append-only guard, a monthly-partitioned table, every value type.
/// </summary>
public sealed class DatabaseCopierTests : IAsyncDisposable
{
    private const string SqliteSchema = """
        CREATE TABLE packets (id INTEGER PRIMARY KEY, received_at INTEGER NOT NULL, station TEXT, bytes BLOB NOT NULL, value REAL, amount TEXT);
        CREATE TABLE rejects (id INTEGER PRIMARY KEY, reason TEXT NOT NULL);
        CREATE TABLE station_counts (station TEXT PRIMARY KEY, packets INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE readings (series INTEGER NOT NULL, period_start INTEGER NOT NULL, value REAL NOT NULL, valid INTEGER NOT NULL, PRIMARY KEY (series, period_start)) WITHOUT ROWID;
        """;

    private const string PostgresSchema = """
        CREATE SEQUENCE packet_ids AS bigint;
        CREATE TABLE packets (id bigint PRIMARY KEY DEFAULT nextval('packet_ids'), received_at bigint NOT NULL, station text, bytes bytea NOT NULL, value double precision, amount numeric);
        CREATE TABLE rejects (id bigint PRIMARY KEY DEFAULT nextval('packet_ids'), reason text NOT NULL);
        CREATE TABLE station_counts (station text PRIMARY KEY, packets bigint NOT NULL);
        CREATE FUNCTION count_packet() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            INSERT INTO station_counts VALUES (COALESCE(NEW.station, ''), 1) ON CONFLICT (station) DO UPDATE SET packets = station_counts.packets + 1;
            RETURN NEW;
        END $$;
        CREATE TRIGGER packets_count AFTER INSERT ON packets FOR EACH ROW EXECUTE FUNCTION count_packet();
        CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'append-only'; END $$;
        CREATE TRIGGER rejects_no_update BEFORE UPDATE ON rejects FOR EACH ROW EXECUTE FUNCTION refuse();
        CREATE TABLE readings (series bigint NOT NULL, period_start bigint NOT NULL, value double precision NOT NULL, valid integer NOT NULL,
                               PRIMARY KEY (series, period_start)) PARTITION BY RANGE (period_start);
        CREATE FUNCTION readings_ensure_partitions(first_at bigint, last_at bigint) RETURNS integer LANGUAGE plpgsql AS $$
        DECLARE
            month timestamp := date_trunc('month', to_timestamp(first_at / 1000.0) AT TIME ZONE 'UTC');
            made integer := 0;
        BEGIN
            WHILE month <= date_trunc('month', to_timestamp(last_at / 1000.0) AT TIME ZONE 'UTC') LOOP
                IF to_regclass('readings_' || to_char(month, 'YYYY_MM')) IS NULL THEN
                    EXECUTE format('CREATE TABLE %I PARTITION OF readings FOR VALUES FROM (%s) TO (%s)', 'readings_' || to_char(month, 'YYYY_MM'),
                                   (extract(epoch FROM month) * 1000)::bigint, (extract(epoch FROM month + interval '1 month') * 1000)::bigint);
                    made := made + 1;
                END IF;
                month := month + interval '1 month';
            END LOOP;
            RETURN made;
        END $$;
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("qingshui-copy-").FullName;
    private SqliteConnection? _source;
    private NpgsqlConnection? _target;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask DisposeAsync()
    {
        if (_source is not null)
        {
            await _source.DisposeAsync();
        }

        if (_target is not null)
        {
            await _target.DisposeAsync();
        }

        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Copy_EveryRowAndType_MatchesOnBothSides_SequencesPastTheIds_TriggersNotFiredTwice()
    {
        (SqliteConnection source, NpgsqlConnection target) = await OpenAsync();
        await SqliteAsync(source, """
            INSERT INTO packets VALUES (1, 1735689600000, 'B-1', x'23230001', 7.25, '12.50');
            INSERT INTO packets VALUES (2, 1738368000000, '清水-2', x'', NULL, '-0.001');
            INSERT INTO packets VALUES (9, 1740787200000, NULL, x'FF', 1e-300, NULL);
            INSERT INTO rejects VALUES (12, 'crc');
            INSERT INTO station_counts VALUES ('B-1', 40), ('清水-2', 3), ('', 1);
            INSERT INTO readings VALUES (1, 1735689600000, 7.1, 1), (1, 1738368000000, 6.9, 0), (2, 1740787200000, 0.0, 1);
            """);
        var copier = new DatabaseCopier(source, target, batchRows: 2);
        IReadOnlyList<CopyTable> tables = await PairAsync(source, target);

        IReadOnlyDictionary<string, long> copied = await copier.CopyAsync(tables, Ct);

        Assert.Equal(new Dictionary<string, long> { ["packets"] = 3, ["readings"] = 3, ["rejects"] = 1, ["station_counts"] = 3 }, copied);
        foreach (CopyTable table in tables)
        {
            TableVerdict verdict = await copier.VerifyAsync(table, Ct);
            Assert.True(verdict.Matches, $"{table.Name}: {verdict}");
        }

        // The counts are the file's (40 for B-1), not the insert trigger's; the next id of either table is past 12.
        Assert.Equal(40L, await ScalarAsync(target, "SELECT packets FROM station_counts WHERE station = 'B-1'"));
        Assert.Equal(13L, await ScalarAsync(target, "INSERT INTO rejects (reason) VALUES ('late') RETURNING id"));
        Assert.Equal(3L, await ScalarAsync(target, "SELECT count(*) FROM pg_inherits WHERE inhparent = 'readings'::regclass"));
        Assert.Equal(12.50m, await ScalarAsync(target, "SELECT amount FROM packets WHERE id = 1"));
    }

    [Fact]
    public async Task Verify_ARowChangedInPostgres_IsAMismatch()
    {
        (SqliteConnection source, NpgsqlConnection target) = await OpenAsync();
        await SqliteAsync(source, "INSERT INTO station_counts VALUES ('a', 1), ('b', 2);");
        var copier = new DatabaseCopier(source, target, batchRows: 100);
        IReadOnlyList<CopyTable> tables = await PairAsync(source, target);
        await copier.CopyAsync(tables, Ct);
        await ScalarAsync(target, "UPDATE station_counts SET packets = 3 WHERE station = 'b' RETURNING 0");

        TableVerdict verdict = await copier.VerifyAsync(tables.Single(t => t.Name == "station_counts"), Ct);

        Assert.False(verdict.Matches);
        Assert.Equal((2L, 2L), (verdict.SourceRows, verdict.TargetRows));
        Assert.NotEqual(verdict.SourceChecksum, verdict.TargetChecksum);
    }

    [Fact]
    public async Task Pair_AColumnMissingInPostgres_IsAProblem_AndNonEmptyTablesAreFound()
    {
        (SqliteConnection source, NpgsqlConnection target) = await OpenAsync();
        await SqliteAsync(source, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT);");
        await ScalarAsync(target, "CREATE TABLE notes (id bigint PRIMARY KEY); INSERT INTO station_counts VALUES ('x', 1); SELECT 0");

        (IReadOnlyList<CopyTable> tables, IReadOnlyList<string> problems) = await SchemaMatch.PairAsync(source, target, Ct);
        IReadOnlyList<string> filled = await new DatabaseCopier(source, target, 10).NonEmptyAsync(tables, Ct);

        Assert.Equal(["notes.body: no such column in PostgreSQL"], problems);
        Assert.Equal(["station_counts"], filled);
    }

    private async Task<(SqliteConnection, NpgsqlConnection)> OpenAsync()
    {
        _source = new SqliteConnection($"Data Source={Path.Combine(_folder, "source.db")};Pooling=false");
        await _source.OpenAsync(Ct);
        await SqliteAsync(_source, SqliteSchema);
        _target = new NpgsqlConnection(await PostgresCluster.CreateDatabaseAsync());
        await _target.OpenAsync(Ct);
        await ScalarAsync(_target, PostgresSchema + "\nSELECT 0");
        return (_source, _target);
    }

    private static async Task<IReadOnlyList<CopyTable>> PairAsync(SqliteConnection source, NpgsqlConnection target)
    {
        (IReadOnlyList<CopyTable> tables, IReadOnlyList<string> problems) = await SchemaMatch.PairAsync(source, target, Ct);
        Assert.Empty(problems);
        return tables;
    }

    private static async Task SqliteAsync(SqliteConnection connection, string sql)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(Ct);
    }
}
