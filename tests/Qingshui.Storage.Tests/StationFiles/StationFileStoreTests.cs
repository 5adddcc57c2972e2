using Qingshui.Storage.StationFiles;

namespace Qingshui.Storage.Tests.StationFiles;

public abstract class StationFileStoreTests(StoreBackend backend) : BackendStoreTests<IStationFileStore>(backend)
{
    private const string Station = "430281A00000000000000888";
    private static readonly DateTimeOffset Day = new(2026, 1, 5, 0, 0, 0, TimeSpan.FromHours(8));

    // A quota of bytes with room for as many files as the tests send.
    private static StationFileQuota Bytes(long bytesPerDay) => new(bytesPerDay, 1_000);

    private static StationFile File(string qn, long size, DateTimeOffset received, string station = Station) =>
        new(0, station, "2013", "raw-data", qn, received, received.AddMinutes(-10), new string('a', 64), size, "text/plain; charset=utf-8",
            $"{station}-2013-{qn}.txt", """{"w01001-SampleType":"1"}""", 3);

    [Fact]
    public async Task Add_StoresEveryField_AndTheSameTransferAgainIsADuplicateOfTheFirst()
    {
        (StationFileAdded added, StationFile? stored) = await Store.AddStationFileAsync(File("20260105080000001", 1000, Day.AddHours(9)), Day, Bytes(10_000), Ct);
        (StationFileAdded again, StationFile? earlier) = await Store.AddStationFileAsync(File("20260105080000001", 1000, Day.AddHours(10)), Day, Bytes(10_000), Ct);

        Assert.Equal((StationFileAdded.Added, StationFileAdded.Duplicate), (added, again));
        Assert.NotNull(stored);
        Assert.Equal(stored, earlier);
        Assert.Equal(File("20260105080000001", 1000, Day.AddHours(9)) with { Id = stored.Id }, stored);
        Assert.Equal(TimeSpan.FromHours(8), stored.DataTime!.Value.Offset);
        Assert.Single(await Store.StationFilesAsync(Station, null, 10, Ct));
    }

    [Fact]
    public async Task Add_PastTheStationsDailyLimit_IsRefused_YesterdaysAndOtherStationsFilesDoNotCount()
    {
        await Store.AddStationFileAsync(File("20260104230000001", 900, Day.AddHours(-1)), Day.AddDays(-1), Bytes(1000), Ct);
        await Store.AddStationFileAsync(File("20260105010000001", 900, Day.AddHours(1), station: "430281A00000000000000999"), Day, Bytes(1000), Ct);
        (StationFileAdded first, _) = await Store.AddStationFileAsync(File("20260105080000001", 600, Day.AddHours(8)), Day, Bytes(1000), Ct);

        (StationFileAdded second, StationFile? refused) = await Store.AddStationFileAsync(File("20260105090000001", 401, Day.AddHours(9)), Day, Bytes(1000), Ct);
        (StationFileAdded third, _) = await Store.AddStationFileAsync(File("20260105090000002", 400, Day.AddHours(9)), Day, Bytes(1000), Ct);

        Assert.Equal((StationFileAdded.Added, StationFileAdded.OverDailyLimit, StationFileAdded.Added), (first, second, third));
        Assert.Null(refused);
    }

    [Fact]
    public async Task Check_FindsTheSameTransferStored_AndCountsTheStationsBytesOfTheDay_StoringNothing()
    {
        await Store.AddStationFileAsync(File("20260104230000001", 900, Day.AddHours(-1)), Day.AddDays(-1), Bytes(10_000), Ct);
        await Store.AddStationFileAsync(File("20260105010000001", 700, Day.AddHours(1), station: "430281A00000000000000999"), Day, Bytes(10_000), Ct);
        (_, StationFile? stored) = await Store.AddStationFileAsync(File("20260105080000001", 600, Day.AddHours(8)), Day, Bytes(10_000), Ct);

        StationFileCheck repeat = await Store.CheckStationFileAsync(File("20260105080000001", 50, Day.AddHours(9)), Day, Ct);
        StationFileCheck fresh = await Store.CheckStationFileAsync(File("20260105090000001", 50, Day.AddHours(9)), Day, Ct);

        Assert.Equal(new StationFileCheck(stored, 600, 1), repeat);
        Assert.Equal(new StationFileCheck(null, 600, 1), fresh);
        Assert.Equal(2, (await Store.StationFilesAsync(Station, null, 10, Ct)).Count);
    }

    [Fact]
    public async Task Add_PastTheStationsDailyCount_IsRefused_HoweverSmall_YesterdaysAndOtherStationsFilesDoNotCount()
    {
        var twoFiles = new StationFileQuota(1_000_000, 2);
        await Store.AddStationFileAsync(File("20260104230000001", 1, Day.AddHours(-1)), Day.AddDays(-1), twoFiles, Ct);
        await Store.AddStationFileAsync(File("20260105010000001", 1, Day.AddHours(1), station: "430281A00000000000000999"), Day, twoFiles, Ct);
        (StationFileAdded first, _) = await Store.AddStationFileAsync(File("20260105080000001", 1, Day.AddHours(8)), Day, twoFiles, Ct);
        (StationFileAdded second, _) = await Store.AddStationFileAsync(File("20260105080000002", 1, Day.AddHours(8)), Day, twoFiles, Ct);

        (StationFileAdded third, StationFile? refused) = await Store.AddStationFileAsync(File("20260105090000001", 1, Day.AddHours(9)), Day, twoFiles, Ct);
        (StationFileAdded again, _) = await Store.AddStationFileAsync(File("20260105080000002", 1, Day.AddHours(9)), Day, twoFiles, Ct);

        Assert.Equal((StationFileAdded.Added, StationFileAdded.Added, StationFileAdded.OverDailyCount), (first, second, third));
        Assert.Null(refused);
        Assert.Equal(StationFileAdded.Duplicate, again);
        Assert.Equal(2, (await Store.StationFilesAsync(Station, null, 10, Ct)).Count(f => f.ReceivedAt >= Day));
    }

    [Fact]
    public async Task List_NewestFirst_APageAtATimeBeforeAnId_OnlyTheStationsOwn()
    {
        for (int i = 1; i <= 5; i++)
        {
            await Store.AddStationFileAsync(File($"2026010508000000{i}", 10, Day.AddHours(8).AddMinutes(i)), Day, Bytes(10_000), Ct);
        }

        await Store.AddStationFileAsync(File("20260105080000009", 10, Day.AddHours(8), station: "430281A00000000000000999"), Day, Bytes(10_000), Ct);

        IReadOnlyList<StationFile> first = await Store.StationFilesAsync(Station, null, 2, Ct);
        IReadOnlyList<StationFile> second = await Store.StationFilesAsync(Station, first[^1].Id, 2, Ct);
        IReadOnlyList<StationFile> rest = await Store.StationFilesAsync(Station, second[^1].Id, 10, Ct);

        Assert.Equal(["20260105080000005", "20260105080000004"], first.Select(f => f.RequestId));
        Assert.Equal(["20260105080000003", "20260105080000002"], second.Select(f => f.RequestId));
        Assert.Equal(["20260105080000001"], rest.Select(f => f.RequestId));
        Assert.Null(await Store.StationFileAsync(first[0].Id + 100, Ct));
    }
}

public sealed class SqliteStationFileStoreTests() : StationFileStoreTests(StoreBackend.Sqlite);

public sealed class PostgresStationFileStoreTests() : StationFileStoreTests(StoreBackend.Postgres);
