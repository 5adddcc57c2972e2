using System.Text;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Presets;
using Qingshui.Domain.Readings;
using Qingshui.Storage;
using Qingshui.Storage.Sqlite;

namespace Qingshui.Cli.Tests.Commands;

public sealed class ReviewImportCommandTests : IDisposable
{
    private const string Mn = "360300A00000000000000201";
    private static readonly DateTimeOffset March = new(2024, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));
    private readonly string _directory = Directory.CreateTempSubdirectory("qingshui-review-").FullName;

    private string Db => Path.Combine(_directory, "q.db");

    private string Csv => Path.Combine(_directory, "decisions.csv");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    // The basin's stations and two days of hourly ammonia nitrogen at Jinyushi's Jiangxi station.
    private async Task SeedAsync()
    {
        await using SqliteStore store = await SqliteStore.OpenAsync(new SqliteStoreOptions(Db), TimeProvider.System, Ct);
        await store.SeedStationsAsync(BasinPresets.Load("pingshui-lushui").Stations, Ct);
        await store.WriteAsync([new IngestRecord(new RawPacket(March, "127.0.0.1:1", Mn, "2061", PacketVerdict.Accepted, null, Encoding.ASCII.GetBytes("p")),
            [.. Enumerable.Range(0, 48).Select(h => new Reading(Mn, "w21003", ReadingKind.Hour, March.AddHours(h), 0.3m, Unit.MilligramPerLitre, "N", true))])], Ct);
    }

    private async Task<IReadOnlyList<StoredReading>> ReadingsAsync()
    {
        await using SqliteStore store = await SqliteStore.OpenAsync(new SqliteStoreOptions(Db), TimeProvider.System, Ct);
        return await store.ReadingsAsync(new ReadingQuery(Mn, "w21003", ReadingKind.Hour, March, March.AddDays(2)), Ct);
    }

    [Fact]
    public async Task Import_GoodFile_AppliesEveryDecision_InOneGo()
    {
        await SeedAsync();
        await File.WriteAllTextAsync(Csv, $"""
            station,parameter,from,to,action,value,reason,note
            {Mn},w21003,2024-03-01T00:00,2024-03-01T06:00,invalidate,,maintenance,"pump changed, see log 14"
            {Mn},w21003,2024-03-02T00:00+08:00,2024-03-02T02:00+08:00,correct,0.42,manual-sample,
            """, Ct);

        (int exit, string output, string error) = await CliRunner.RunAsync("review", "import", "--db", Db, "--by", "jx-reviewer", Csv);

        Assert.Equal((0, ""), (exit, error));
        Assert.Equal("2 decisions applied, 8 readings revised (earlier values kept as revisions)", output.Trim());
        IReadOnlyList<StoredReading> readings = await ReadingsAsync();
        Assert.Equal(6, readings.Count(r => !r.Reading.Valid));
        Assert.Equal([0.42m, 0.42m], readings.Where(r => r.Reading.Value == 0.42m).Select(r => r.Reading.Value));
    }

    [Fact]
    public async Task Import_OneBadLine_AppliesNothing_NamesTheLineAndWhy_Exit1()
    {
        await SeedAsync();
        await File.WriteAllTextAsync(Csv, $"""
            {Mn},w21003,2024-03-01T00:00,2024-03-01T06:00,invalidate,,maintenance
            {Mn},w21003,2024-03-01T06:00,2024-03-01T08:00,delete,,maintenance
            {Mn},w21003,2024-03-01T08:00,2024-03-01T09:00,correct,,calibration
            """, Ct);

        (int exit, string output, string error) = await CliRunner.RunAsync("review", "import", "--db", Db, "--by", "jx-reviewer", Csv);

        Assert.Equal((1, ""), (exit, output));
        string[] lines = error.Trim().Split('\n');
        Assert.Equal($"{Csv}:2:5: action: 'delete' is not confirm, invalidate or correct", lines[0]);
        Assert.Equal($"{Csv}:3:6: value: is required to correct: the new value, in the readings' unit", lines[1]);
        Assert.Equal("2 bad lines: nothing applied", lines[2]);
        Assert.All(await ReadingsAsync(), r => Assert.Equal((true, 0), (r.Reading.Valid, r.Revision)));
    }

    [Fact]
    public async Task Import_UnknownStation_IsABadLine()
    {
        await SeedAsync();
        await File.WriteAllTextAsync(Csv, "NOPE,w21003,2024-03-01T00:00,2024-03-01T06:00,invalidate,,maintenance\n", Ct);

        (int exit, _, string error) = await CliRunner.RunAsync("review", "import", "--db", Db, "--by", "jx-reviewer", Csv);

        Assert.Equal(1, exit);
        Assert.Contains(":1:1: station: 'NOPE' is not a registered station", error, StringComparison.Ordinal);
    }
}
