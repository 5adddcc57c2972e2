using System.Text;
using Npgsql;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Storage.Postgres;
using Qingshui.Testing;

namespace Qingshui.Storage.Tests.Postgres;

/// <summary>How the PostgreSQL ingest path treats the database between batches: pages, pooled connections.</summary>
public sealed class PostgresIngestPagesTests
{
    private const int Stations = 100;
    private static readonly DateTimeOffset Hour = new(2024, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));
    private static readonly string[] Parameters = ["w01010", "w01001", "w01009", "w01014", "w01003", "w01019", "w21003", "w21011", "w21001"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // One hourly packet of every station, nine readings each: what the ingest queue commits once an hour.
    private static List<IngestRecord> HourBatch(int hour) =>
    [
        .. Enumerable.Range(0, Stations).Select(s =>
        {
            string station = $"FFFF{s:D20}";
            return new IngestRecord(
                new RawPacket(Hour.AddHours(hour), "127.0.0.1:50000", station, "2061", PacketVerdict.Accepted, null, Encoding.ASCII.GetBytes($"{station}-{hour}")),
                [.. Parameters.Select((p, k) => new Reading(station, p, ReadingKind.Hour, Hour.AddHours(hour), 1.5m + k + hour, Unit.MilligramPerLitre, "N", true))]);
        }),
    ];

    private static async Task<Dictionary<string, long>> PagesAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(Ct);
        var pages = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(Ct))
        {
            pages[reader.GetString(0)] = reader.GetInt64(1);
        }

        return pages;
    }

    [Fact]
    public async Task NextHoursBatch_UpdatesDayCountsAndStationLogs_OnTheirOwnPages()
    {
        // Given a day's first hour of 100 stations × 9 parameters (900 day rows, 100 station rows, pages filled as they came).
        string database = await PostgresCluster.CreateDatabaseAsync();
        await using PostgresStore store = await PostgresStore.OpenAsync(new PostgresStoreOptions(database), TimeProvider.System, Ct);
        await store.WriteAsync(HourBatch(0), Ct);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        const string DayRows = "SELECT day || '/' || series, (ctid::text::point)[0]::bigint FROM reading_day_counts";
        const string StationRows = "SELECT station, (ctid::text::point)[0]::bigint FROM station_log";
        Dictionary<string, long> dayPages = await PagesAsync(connection, DayRows), stationPages = await PagesAsync(connection, StationRows);

        // When the next hour's batch updates every one of those rows in one statement each.
        await store.WriteAsync(HourBatch(1), Ct);

        // Then every new version found room on its row's page (a HOT update, no new index entry), full pages would not have.
        Assert.Equal(Stations * Parameters.Length, dayPages.Count);
        Assert.Equal(dayPages, await PagesAsync(connection, DayRows));
        Assert.Equal(Stations, stationPages.Count);
        Assert.Equal(stationPages, await PagesAsync(connection, StationRows));
    }

    [Fact]
    public async Task BatchFailingAfterItBegan_OnTheOnlyPooledConnection_IsRolledBackAndTheNextBatchCommits()
    {
        // Given a store whose pool holds one connection, and a packet number already taken, so that the next batch fails
        // in its second round, inside its transaction.
        string database = await PostgresCluster.CreateDatabaseAsync();
        await using PostgresStore store = await PostgresStore.OpenAsync(
            new PostgresStoreOptions(database + ";Maximum Pool Size=1"), TimeProvider.System, Ct);
        await store.WriteAsync(HourBatch(0)[..1], Ct);
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync(Ct);
            await using var rewind = new NpgsqlCommand("SELECT setval('packet_ids', 1, false)", connection);
            await rewind.ExecuteNonQueryAsync(Ct);
        }

        await Assert.ThrowsAsync<StoreException>(() => store.WriteAsync(HourBatch(1)[..1], Ct));

        // When the next batch comes, on the same connection (no reset runs as it goes back to the pool).
        IngestBatchResult result = await store.WriteAsync(HourBatch(2)[..1], Ct);

        // Then it commits, and nothing of the failed batch was kept.
        Assert.Equal(Parameters.Length, result.ReadingsWritten);
        string station = HourBatch(0)[0].Packet.StationId!;
        IReadOnlyList<StoredReading> stored = await store.ReadingsAsync(new ReadingQuery(station, null, ReadingKind.Hour, Hour, Hour.AddHours(3)), Ct);
        Assert.Equal([Hour, Hour.AddHours(2)], stored.Select(r => r.Reading.PeriodStart).Distinct());
    }
}
