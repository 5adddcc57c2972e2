using System.Text;
using System.Text.Json;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Api.Paging;

/// <summary>Readings and packet logs page like every list: no longest span for readings, filters by verdict and reason for packets.</summary>
public sealed class PagingDataTests
{
    private const string Mn = "360300A00000000000000201";
    private static readonly DateTimeOffset January = new(2024, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Readings_SixtyDaysOfHours_WalkedInPages_AreEachReadingOnce_WithReadingsWrittenMidway()
    {
        await using TestHost host = await TestHost.StartAsync();
        await WriteHoursAsync(host, "w21003", January, 60 * 24);
        await WriteHoursAsync(host, "w01001", January, 60 * 24);
        using HttpClient client = ApiClient.For(host);
        string range = $"from={Uri.EscapeDataString(January.ToString("O"))}&to={Uri.EscapeDataString(January.AddDays(60).ToString("O"))}";

        (List<JsonElement> items, int pages) = await PageWalk.AllAsync(client, $"/api/v1/stations/{Mn}/readings?kind=hour&limit=500&{range}", root => root,
            async page => await WriteHoursAsync(host, "w21011", January.AddDays(page), 24));

        string[] keys = [.. items.Where(i => i.GetProperty("parameter").GetString() != "w21011")
            .Select(i => $"{i.GetProperty("parameter").GetString()}|{i.GetProperty("time").GetDateTimeOffset().ToUnixTimeSeconds()}")];
        string[] expected = [.. new[] { "w01001", "w21003" }.SelectMany(p => Enumerable.Range(0, 60 * 24).Select(h => $"{p}|{January.AddHours(h).ToUnixTimeSeconds()}"))];
        Assert.Equal(expected, keys);
        Assert.Equal(items.Count, items.Select(i => $"{i.GetProperty("parameter")}|{i.GetProperty("time")}").Distinct().Count());
        Assert.True(pages >= 6, $"{pages} pages");
    }

    [Fact]
    public async Task Packets_WalkedFourAtATime_AreEachPacketOnce_NewestFirst_AcceptedAndRejectedMixed()
    {
        await using TestHost host = await TestHost.StartAsync();
        await WritePacketsAsync(host, 23);
        long[] there = [.. (await host.Store.RawPacketsAsync(new RawPacketQuery(Mn, 1000), Ct)).Select(p => p.Id)];
        using HttpClient client = ApiClient.For(host);

        (List<JsonElement> items, _) = await PageWalk.AllAsync(client, $"/api/v1/stations/{Mn}/packets?limit=4", root => root,
            async page => await WritePacketsAsync(host, 2));

        Assert.Equal(23, there.Length);
        Assert.Equal(there.Order().Reverse(), there);
        Assert.Equal(there, items.Select(i => i.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Packets_FilteredByVerdictAndReasonCode_AreOnlyThose_AndPageToTheEnd()
    {
        await using TestHost host = await TestHost.StartAsync();
        await WritePacketsAsync(host, 23);
        using HttpClient client = ApiClient.For(host);

        (List<JsonElement> accepted, _) = await PageWalk.AllAsync(client, $"/api/v1/stations/{Mn}/packets?limit=3&verdict=accepted", root => root);
        (List<JsonElement> crc, _) = await PageWalk.AllAsync(client, $"/api/v1/stations/{Mn}/packets?limit=2&verdict=rejected&reason=CrcMismatch", root => root);
        (List<JsonElement> quarantined, _) = await PageWalk.AllAsync(client, $"/api/v1/stations/{Mn}/packets?verdict=quarantined", root => root);

        Assert.Equal(13, accepted.Count);
        Assert.All(accepted, p => Assert.Equal("Accepted", p.GetProperty("verdict").GetString()));
        Assert.Equal(7, crc.Count);
        Assert.All(crc, p => Assert.Equal(("Rejected", "CrcMismatch"), (p.GetProperty("verdict").GetString(), p.GetProperty("reasonCode").GetString())));
        Assert.Equal(3, quarantined.Count);
        Assert.All(quarantined, p => Assert.Equal("WrongPassword", p.GetProperty("reasonCode").GetString()));
    }

    [Theory]
    [InlineData("/api/v1/stations/360300A00000000000000201/packets?verdict=lost", "verdict")]
    [InlineData("/api/v1/stations/360300A00000000000000201/packets?reason=Gremlins", "reason")]
    [InlineData("/api/v1/stations/360300A00000000000000201/packets?verdict=accepted&reason=CrcMismatch", "reason")]
    [InlineData("/api/v1/stations/360300A00000000000000201/packets?limit=1001", "limit")]
    [InlineData("/api/v1/stations/360300A00000000000000201/readings?limit=0", "limit")]
    [InlineData("/api/v1/stations/360300A00000000000000201/readings?cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("/api/v1/sections?cursor=%%%", "cursor")]
    [InlineData("/api/v1/sections?limit=1001", "limit")]
    [InlineData("/api/v1/alerts?cursor=x&before=3", "cursor")]
    [InlineData("/api/v1/alerts?cursor=x", "cursor")]
    [InlineData("/api/v1/sections?cursor=abcde", "cursor")]
    public async Task BadFilterLimitOrCursor_IsA400NamingIt(string path, string named)
    {
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);

        (int status, string? type, JsonElement body) = await client.GetProblemAsync(path);

        Assert.Equal((400, "application/problem+json"), (status, type));
        Assert.True(body.GetProperty("errors").TryGetProperty(named, out _), body.ToString());
    }

    [Fact]
    public async Task Cursor_Altered_OrFromAnotherListOrFilter_IsA400NamingCursor()
    {
        await using TestHost host = await TestHost.StartAsync();
        await WritePacketsAsync(host, 10);
        using HttpClient client = ApiClient.For(host);
        using HttpResponseMessage first = await client.GetAsync($"/api/v1/stations/{Mn}/packets?limit=2", Ct);
        string cursor = PageWalk.CursorOf(PageWalk.NextOf(first)!);
        char[] altered = cursor.ToCharArray();
        altered[10] = altered[10] == 'A' ? 'B' : 'A';

        var answers = new List<(int, string?)>();
        foreach (string path in new[]
        {
            $"/api/v1/stations/{Mn}/packets?limit=2&cursor={new string(altered)}",
            $"/api/v1/stations/{Mn}/packets?limit=2&verdict=rejected&cursor={cursor}",
            $"/api/v1/stations/430281A00000000000000202/packets?limit=2&cursor={cursor}",
            $"/api/v1/sections?cursor={cursor}",
            $"/api/v1/stations/{Mn}/packets?limit=5&cursor={cursor}",
        })
        {
            (int status, _, JsonElement body) = await client.GetProblemAsync(path);
            answers.Add((status, status == 400 ? body.GetProperty("errors").GetProperty("cursor")[0].GetString() : null));
        }

        Assert.Equal([400, 400, 400, 400, 200], answers.Select(a => a.Item1));
        Assert.Contains("altered", answers[0].Item2, StringComparison.Ordinal);
        Assert.Contains("other query parameters", answers[1].Item2, StringComparison.Ordinal);
        Assert.Contains("another list", answers[3].Item2, StringComparison.Ordinal);
    }

    private static async Task WriteHoursAsync(TestHost host, string parameter, DateTimeOffset start, int hours)
    {
        Reading[] readings = [.. Enumerable.Range(0, hours).Select(h => new Reading(Mn, parameter, ReadingKind.Hour, start.AddHours(h), 0.3m + h % 7 / 10m,
            Unit.MilligramPerLitre, "N", true))];
        await host.Store.WriteAsync([new IngestRecord(Packet(PacketVerdict.Accepted, null), readings)], Ct);
    }

    /// <summary>Accepted packets and rejects of two reasons, interleaved, in one commit.</summary>
    private static async Task WritePacketsAsync(TestHost host, int count)
    {
        var records = Enumerable.Range(0, count).Select(i => (i % 7) switch
        {
            1 or 4 => Packet(PacketVerdict.Rejected, "CrcMismatch at stream offset 0: the CRC does not match"),
            6 => Packet(PacketVerdict.Quarantined, "wrong password; answered QnRtn=3"),
            _ => Packet(PacketVerdict.Accepted, null),
        }).Select(p => new IngestRecord(p, [])).ToArray();
        await host.Store.WriteAsync(records, Ct);
    }

    private static RawPacket Packet(PacketVerdict verdict, string? reason) =>
        new(DateTimeOffset.UtcNow, "127.0.0.1:9", Mn, "2061", verdict, reason, Encoding.ASCII.GetBytes("##0000QN=1;ST=21;CN=2061;MN=" + Mn + "&&"));
}
