using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Presets;
using Qingshui.Domain.Readings;
using Qingshui.Server.Cluster;
using Qingshui.Storage;
using Qingshui.Storage.Sqlite;
using Qingshui.Testing;

namespace Qingshui.Cli.Tests.Commands;

public sealed class DbLoadCommandTests : IDisposable
{
    private const string Header = "station,section,parameter,kind,time,value,unit,flag,valid";

    // Stations of the shipped basin, seeded into each test's store as the server seeds it; both measure CODMn.
    private const string A = "430281A00000000000000301", B = "430212A00000000000000401", Cod = "w01019";
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-load-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Load_TwoFiles_StoresEveryReading_WithProgress_AndAgainChangesNothing(string backend)
    {
        string database = await DatabaseAsync(backend);
        Reading[] readings = [.. Hours(A, Cod, 7, 1.25m), .. Hours(B, "w21003", 5, 0.5m)];
        string first = Write("a.csv", readings[..7]), second = Write("b.csv", readings[7..]);

        (int exit, string output, string error) = await CliRunner.RunAsync("db", "load", "--db", database, "--batch", "3", first, second);
        (int again, string againOutput, _) = await CliRunner.RunAsync("db", "load", "--db", database, first, second);

        Assert.Equal((0, ""), (exit, error));
        Assert.Contains($"{first}: to line 4: 3 of 12 readings (25 %), 3 written, 0 unchanged", output, StringComparison.Ordinal);
        Assert.Contains($"{second}: to line 6: 12 of 12 readings (100 %), 12 written, 0 unchanged", output, StringComparison.Ordinal);
        Assert.Contains("12 readings from 2 file(s) into ", output, StringComparison.Ordinal);
        Assert.Contains("12 written (new or revised), 0 already stored alike", output, StringComparison.Ordinal);
        Assert.Equal(0, again);
        Assert.Contains("0 written (new or revised), 12 already stored alike", againOutput, StringComparison.Ordinal);
        Assert.Equal(readings, await StoredAsync(database, A, B));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Load_AChangedValue_BecomesTheCurrentRevision(string backend)
    {
        string database = await DatabaseAsync(backend);
        Reading[] readings = Hours(A, Cod, 3, 2m);
        Assert.Equal(0, (await CliRunner.RunAsync("db", "load", "--db", database, Write("a.csv", readings))).ExitCode);
        Reading[] corrected = [readings[0], readings[1] with { Value = 2.5m, Flag = "M" }, readings[2]];

        (int exit, string output, _) = await CliRunner.RunAsync("db", "load", "--db", database, Write("fix.csv", corrected));

        Assert.Equal(0, exit);
        Assert.Contains("1 written (new or revised), 2 already stored alike", output, StringComparison.Ordinal);
        await using IPlatformStore store = await PlatformStores.OpenAsync(database, TimeProvider.System, fullSync: false, Ct);
        IReadOnlyList<StoredReading> stored = await store.ReadingsAsync(new ReadingQuery(A, null, null, Start, Start.AddDays(1)), Ct);
        Assert.Equal(corrected, stored.Select(s => s.Reading));
        Assert.Equal([0, 1, 0], stored.Select(s => s.Revision));
    }

    [Fact]
    public async Task Load_ABadLineInTheLastFile_IsNamed_AndNothingIsLoaded()
    {
        string database = await DatabaseAsync("sqlite");
        string good = Write("good.csv", Hours(A, Cod, 4, 1m));
        string bad = Path.Combine(_directory, "bad.csv");
        await File.WriteAllTextAsync(bad, Header + "\r\n"
            + "430212A00000000000000401,S2,w01019,hour,2025-03-01T00:00:00+08:00,1.0,mg/L,N,true\r\n"
            + "430212A00000000000000401,S2,w01019,hour,2025-03-01T01:00:00+08:00,1;0,mg/L,N,true\r\n"
            + "430212A00000000000000401,S2,w01019,hour,2025-03-01T02:00:00+08:00,1.0,mg/L,N,maybe\r\n", Ct);

        (int exit, string output, string error) = await CliRunner.RunAsync("db", "load", "--db", database, good, bad);

        Assert.Equal((1, ""), (exit, output));
        Assert.Equal(
        [
            $"{bad}:3:6: value: '1;0' is not a decimal number (a point, no thousands separator)",
            $"{bad}:4:9: valid: 'maybe' is neither true nor false",
            "2 error(s) in the input: nothing was loaded",
        ], error.TrimEnd().Split(Environment.NewLine));
        Assert.Empty(await StoredAsync(database, A, B));
    }

    [Fact]
    public async Task Load_AnUnknownStation_AnUnmeasuredParameter_ATimeOffItsBoundary_OrInTheFuture_AreNamed_AndNothingIsLoaded()
    {
        string database = await DatabaseAsync("sqlite");
        string file = Path.Combine(_directory, "phantoms.csv");
        await File.WriteAllTextAsync(file, Header + "\n"
            + $"{A},S,{Cod},hour,2025-03-01T00:00:00+08:00,1.0,mg/L,N,true\n"
            + $"36030000009999,S,{Cod},hour,2025-03-01T00:00:00+08:00,1.0,mg/L,N,true\n"
            + $"{A},S,w01018,hour,2025-03-01T00:00:00+08:00,1.0,mg/L,N,true\n"
            + $"{A},S,{Cod},hour,2025-03-01T08:17:00+08:00,1.0,mg/L,N,true\n"
            + $"{A},S,{Cod},day,2099-01-01T00:00:00+08:00,1.0,mg/L,N,true\n", Ct);

        (int exit, string output, string error) = await CliRunner.RunAsync("db", "load", "--db", database, file);

        string[] lines = error.TrimEnd().Split(Environment.NewLine);
        Assert.Equal((1, ""), (exit, output));
        Assert.Equal(
        [
            $"{file}:3:1: station: '36030000009999' is not a station of the register",
            $"{file}:4:3: parameter: 'w01018' is not a parameter station {A} measures",
            $"{file}:5:5: time: '2025-03-01T08:17:00+08:00' does not begin a period: an hourly value starts on the hour (station clock UTC+08:00)",
        ], lines[..3]);
        Assert.StartsWith($"{file}:6:5: time: '2099-01-01T00:00:00+08:00' is in the future (the clock reads ", lines[3], StringComparison.Ordinal);
        Assert.Equal("4 error(s) in the input: nothing was loaded", lines[4]);
        Assert.Empty(await StoredAsync(database, A));
    }

    [Fact]
    public async Task Load_AReadingTwiceInOneBatch_NamesBothLines()
    {
        string database = await DatabaseAsync("sqlite");
        Reading[] readings = Hours(A, Cod, 2, 1m);
        string file = Write("twice.csv", [readings[0], readings[1], readings[0] with { Value = 9m }]);

        (int exit, _, string error) = await CliRunner.RunAsync("db", "load", "--db", database, file);

        Assert.Equal(1, exit);
        Assert.StartsWith($"{file}:4: {A} {Cod} Hour at 2025-03-01T00:00:00+08:00 is also on line 2; give each reading once", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_AFileWithoutLineBreaks_IsRefusedAsTooLong()
    {
        string database = await DatabaseAsync("sqlite");
        string file = Path.Combine(_directory, "blob.csv");
        await File.WriteAllTextAsync(file, new string('x', 5_000_000), Ct);

        (int exit, _, string error) = await CliRunner.RunAsync("db", "load", "--db", database, file);

        Assert.Equal(1, exit);
        Assert.StartsWith($"{file}:1: the header line is longer than 1024 characters", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_AMissingStoreOrFile_OrABadBatch_IsRefused_AndNoFileIsMade()
    {
        string file = Write("a.csv", Hours(A, Cod, 1, 1m));
        string none = Path.Combine(_directory, "none.db");

        (int noStore, _, string noStoreError) = await CliRunner.RunAsync("db", "load", "--db", none, file);
        (int noFile, _, string noFileError) = await CliRunner.RunAsync("db", "load", "--db", none, Path.Combine(_directory, "none.csv"));
        (int batch, _, string batchError) = await CliRunner.RunAsync("db", "load", "--db", none, "--batch", "0", file);

        Assert.Equal((1, $"--db: {none}: no such database (a back-fill goes into an existing store)"), (noStore, noStoreError.Trim()));
        Assert.Equal((1, $"files: {Path.Combine(_directory, "none.csv")}: no such file"), (noFile, noFileError.Trim()));
        Assert.Equal((2, "--batch: 0 is not between 1 and 1,000,000"), (batch, batchError.Trim()));
        Assert.False(File.Exists(none));
    }

    // A store with the shipped basin's stations in its register.
    private async Task<string> DatabaseAsync(string backend)
    {
        string database = backend == "postgres" ? await PostgresCluster.CreateDatabaseAsync() : Path.Combine(_directory, "q.db");
        await using IPlatformStore store = await PlatformStores.OpenAsync(database, TimeProvider.System, fullSync: false, Ct);
        await store.SeedStationsAsync(BasinPresets.Load("pingshui-lushui").Stations, Ct);
        return database;
    }

    private static Reading[] Hours(string station, string parameter, int count, decimal first) =>
        [.. Enumerable.Range(0, count).Select(h => new Reading(station, parameter, ReadingKind.Hour, Start.AddHours(h), first + h, Unit.MilligramPerLitre,
            h % 3 == 2 ? null : "N", h % 4 != 3))];

    // The readings export's layout: a byte order mark, CRLF, a section column.
    private string Write(string name, IEnumerable<Reading> readings)
    {
        var text = new StringBuilder("\uFEFF" + Header + "\r\n");
        foreach (Reading r in readings)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{r.StationId},S,{r.Parameter},{r.Kind.ToString().ToLowerInvariant()},{r.PeriodStart:yyyy-MM-dd'T'HH:mm:sszzz},{r.Value},{UnitText.Symbol(r.Unit)},{r.Flag},{(r.Valid ? "true" : "false")}\r\n");
        }

        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, text.ToString(), new UTF8Encoding(false));
        return path;
    }

    private static async Task<Reading[]> StoredAsync(string database, params string[] stations)
    {
        await using IPlatformStore store = await PlatformStores.OpenAsync(database, TimeProvider.System, fullSync: false, Ct);
        var all = new List<Reading>();
        foreach (string station in stations)
        {
            all.AddRange((await store.ReadingsAsync(new ReadingQuery(station, null, null, Start, Start.AddDays(1)), Ct)).Select(s => s.Reading));
        }

        return [.. all];
    }
}
