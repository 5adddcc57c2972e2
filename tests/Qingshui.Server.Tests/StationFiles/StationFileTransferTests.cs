using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Qingshui.Domain.Access;
using Qingshui.Hj212;
using Qingshui.Server.Joint;
using Qingshui.Server.StationFiles;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Api;
using Qingshui.Storage;
using Qingshui.Testing;

namespace Qingshui.Server.Tests.StationFiles;

/// <summary>
/// Files an HJ 212-2025 station sends over a real TCP connection: raw monitoring data (2013) in several packets is
/// reassembled, kept as an attachment with its metadata, listed and downloaded through the API; a transfer too large, over
/// the daily limit or damaged is rejected with its reason and its packets stay in the raw log.
/// </summary>
public sealed class StationFileTransferTests
{
    private const string Mn = "430281A00000000000000888";
    private const string SecondMn = "430281A00000000000000889";
    private const string Password = "hn0777";
    private const string Multimedia = "3099";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Backends => new() { "sqlite", "postgres" };

    /// <summary>A host on SQLite, or on a new PostgreSQL database (files then in <paramref name="files"/>).</summary>
    private static async Task<(TestHost Host, HttpClient Viewer)> StartAsync(
        Func<StationFileSettings, StationFileSettings>? settings = null, TimeProvider? clock = null, string backend = "sqlite", string? files = null)
    {
        string? database = backend == "postgres" ? await PostgresCluster.CreateDatabaseAsync() : null;
        TestHost host = await TestHost.StartAsync(clock: clock, configure: o => o with
        {
            DatabasePath = database ?? o.DatabasePath,
            FilesDirectory = database is null ? o.FilesDirectory : files,
            StationFiles = (settings ?? (s => s))(new StationFileSettings
            {
                Commands = [new("2013", "raw-data"), new(Multimedia, "multimedia", FileContentEncoding.Hex, "FileData", "FileName")],
            }),
        });
        await Members.AddAsync(host, "hn-operator", "hunan", Role.Operator);
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        using HttpClient operatorClient = await LedgerDesk.SignedInAsync(host, "hn-operator");
        HttpResponseMessage added = await StationRegisterApiTests.AddAsync(operatorClient, StationRegisterApiTests.NewStation(Mn, edition: "2025"));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        return (host, await LedgerDesk.SignedInAsync(host, "hn-viewer"));
    }

    private static byte[] Part(string command, string qn, int count, int number, string data, string mn = Mn) => FrameEncoder.Encode(
        $"QN={qn};ST=21;CN={command};PW={Password};MN={mn};Flag={(count > 1 ? 11 : 9)};" + (count > 1 ? $"PNUM={count};PNO={number};" : "") + $"CP=&&{data}&&");

    private static readonly string[] SpectrumParts =
    [
        "DataTime=20260105070000;w01001-SampleTime=20260105065500,w01001-Avg=7.52,w01001-Flag=N",
        "DataTime=20260105070000;w21011-SampleTime=20260105065500,w21011-Avg=0.081,w21011-Flag=N",
        "DataTime=20260105070000;w21003-Avg=0.412,w21003-Flag=N",
    ];

    /// <summary>Sends the parts and waits for each one's 9014.</summary>
    private static async Task SendAsync(RawStation station, params byte[][] parts)
    {
        foreach (byte[] part in parts)
        {
            await station.SendAsync(part);
            Assert.Equal("9014", (await station.ReceiveAsync()).Command);
        }
    }

    /// <summary>The content files kept (named by their SHA-256), whatever refers to them.</summary>
    private static string[] ContentFiles(TestHost host)
    {
        string root = host.Server.Services.GetRequiredService<AttachmentFiles>().Root;
        return Directory.Exists(root)
            ? [.. Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => Path.GetFileName(f)).Where(n => n.Length == 64).Order(StringComparer.Ordinal)]
            : [];
    }

    private static async Task<JsonElement[]> FilesAsync(HttpClient client, string query = "") =>
        [.. (await (await client.GetAsync($"/api/v1/stations/{Mn}/files{query}", Ct)).BodyAsync()).EnumerateArray()];

    [Fact]
    public async Task RawDataInThreePackets_IsReassembled_Listed_AndDownloadedAsAnAttachmentNeverInline()
    {
        (TestHost host, HttpClient viewer) = await StartAsync();
        await using TestHost _ = host;
        using HttpClient __ = viewer;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await SendAsync(station, [.. SpectrumParts.Select((p, i) => Part("2013", $"2026010508000010{i}", 3, i + 1, p))]);

        JsonElement file = Assert.Single(await FilesAsync(viewer));
        Assert.Equal(("raw-data", "2013", "20260105080000100", 3, "text/plain; charset=utf-8"), (file.GetProperty("kind").GetString(),
            file.GetProperty("command").GetString(), file.GetProperty("requestId").GetString(), file.GetProperty("parts").GetInt32(), file.GetProperty("mediaType").GetString()));
        Assert.Equal("20260105070000", file.GetProperty("fields").GetProperty("DataTime").GetString());
        HttpResponseMessage content = await viewer.GetAsync(file.GetProperty("content").GetString(), Ct);
        string text = await content.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Equal("attachment", content.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", content.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(file.GetProperty("size").GetInt64(), Encoding.UTF8.GetByteCount(text));
        Assert.Equal(3, text.Split("DataTime=20260105070000").Length - 1);
        Assert.Contains("w01001-SampleTime=20260105065500", text, StringComparison.Ordinal);
        Assert.Contains("w21003-Avg=0.412", text, StringComparison.Ordinal);
        string sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        Assert.Equal(sha, file.GetProperty("attachmentId").GetString());
        IReadOnlyList<StoredRawPacket> raw = await host.Store.RawPacketsAsync(Mn, 10, Ct);
        Assert.Equal([PacketVerdict.Accepted, PacketVerdict.SplitPart, PacketVerdict.SplitPart], raw.Select(p => p.Packet.Verdict));
        Assert.Contains($"kept as station file {file.GetProperty("id").GetInt64()}", raw[0].Packet.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_LargerThanTheFileLimit_IsRejectedWithItsReason_ItsPacketsKeptRaw_NothingListed()
    {
        (TestHost host, HttpClient viewer) = await StartAsync(s => s with { MaxFileBytes = 120 });
        await using TestHost _ = host;
        using HttpClient __ = viewer;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await SendAsync(station, [.. SpectrumParts.Select((p, i) => Part("2013", $"2026010508000010{i}", 3, i + 1, p))]);

        Assert.Empty(await FilesAsync(viewer));
        IReadOnlyList<StoredRawPacket> raw = await host.Store.RawPacketsAsync(Mn, 10, Ct);
        Assert.Equal(3, raw.Count);
        Assert.All(raw.Take(2), p => Assert.Equal(PacketVerdict.Rejected, p.Packet.Verdict));
        Assert.All(raw.Take(2), p => Assert.Contains("larger than the limit of 120 bytes", p.Packet.Reason, StringComparison.Ordinal));
        Assert.All(raw, p => Assert.NotEmpty(p.Packet.Bytes));
    }

    [Fact]
    public async Task SecondFileOfTheDay_PastTheStationsDailyLimit_IsRejectedWithItsReason_TheFirstStaysListed()
    {
        (TestHost host, HttpClient viewer) = await StartAsync(s => s with { MaxBytesPerStationPerDay = 150 });
        await using TestHost _ = host;
        using HttpClient __ = viewer;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await SendAsync(station, Part("2013", "20260105080000100", 1, 1, SpectrumParts[0]), Part("2013", "20260105080000200", 1, 1, SpectrumParts[1]));

        Assert.Equal(["20260105080000100"], (await FilesAsync(viewer)).Select(f => f.GetProperty("requestId").GetString()));
        StoredRawPacket refused = (await host.Store.RawPacketsAsync(Mn, 10, Ct))[0];
        Assert.Equal(PacketVerdict.Rejected, refused.Packet.Verdict);
        Assert.Contains("would pass the daily limit of 150 bytes", refused.Packet.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MultimediaInHex_KeptWithTheTypeItsBytesSay_HtmlServedAsOctetStreamDownload_AndADamagedPartIsRejected()
    {
        (TestHost host, HttpClient viewer) = await StartAsync();
        await using TestHost _ = host;
        using HttpClient __ = viewer;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        string html = Convert.ToHexString("<html><script>alert(1)</script></html>"u8);

        await SendAsync(station,
            Part(Multimedia, "20260105080000300", 2, 1, $"DataTime=20260105070000;FileName=outfall.png;FileData={Convert.ToHexString(png[..6])}"),
            Part(Multimedia, "20260105080000301", 2, 2, $"FileData={Convert.ToHexString(png[6..])}"),
            Part(Multimedia, "20260105080000400", 1, 1, $"FileName=page.html;FileData={html}"),
            Part(Multimedia, "20260105080000500", 1, 1, "FileName=bad.png;FileData=XYZ"));

        JsonElement[] files = await FilesAsync(viewer);
        Assert.Equal([("page.html", "application/octet-stream"), ("outfall.png", "image/png")],
            files.Select(f => (f.GetProperty("fileName").GetString(), f.GetProperty("mediaType").GetString())));
        HttpResponseMessage image = await viewer.GetAsync(files[1].GetProperty("content").GetString(), Ct);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync(Ct));
        HttpResponseMessage page = await viewer.GetAsync(files[0].GetProperty("content").GetString(), Ct);
        Assert.Equal(("attachment", "application/octet-stream"), (page.Content.Headers.ContentDisposition?.DispositionType, page.Content.Headers.ContentType?.MediaType));
        Assert.Equal("page.html", page.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        StoredRawPacket damaged = (await host.Store.RawPacketsAsync(Mn, 10, Ct))[0];
        Assert.Equal(PacketVerdict.Rejected, damaged.Packet.Verdict);
        Assert.Contains("the FileData field of part 1 is not hexadecimal", damaged.Packet.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_PagedNewestFirst_FollowsTheLinkHeader_AndRefusesAForgedCursor_AFileOfAnotherStationIs404()
    {
        (TestHost host, HttpClient viewer) = await StartAsync();
        await using TestHost _ = host;
        using HttpClient __ = viewer;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        await SendAsync(station, [.. SpectrumParts.Select((p, i) => Part("2013", $"2026010508000010{i}", 1, 1, p))]);

        HttpResponseMessage first = await viewer.GetAsync($"/api/v1/stations/{Mn}/files?limit=2", Ct);
        string next = first.Headers.GetValues("Link").Single().Split('<', '>')[1];
        JsonElement[] rest = [.. (await (await viewer.GetAsync(next, Ct)).BodyAsync()).EnumerateArray()];
        HttpResponseMessage forged = await viewer.GetAsync($"/api/v1/stations/{Mn}/files?cursor=WyJzdGF0aW9uLWZpbGVzIl0", Ct);
        long id = rest[0].GetProperty("id").GetInt64();
        HttpResponseMessage elsewhere = await viewer.GetAsync($"/api/v1/stations/360300A00000000000000201/files/{id}/content", Ct);

        Assert.Equal(["20260105080000102", "20260105080000101"], (await first.BodyAsync()).EnumerateArray().Select(f => f.GetProperty("requestId").GetString()));
        Assert.Equal(["20260105080000100"], rest.Select(f => f.GetProperty("requestId").GetString()));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.True((await forged.BodyAsync()).GetProperty("errors").TryGetProperty("cursor", out JsonElement _));
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task Transfer_NotCompleteInTime_IsRecordedDamagedWithThePartsReceived_AndAnonymousCannotList()
    {
        (TestHost host, HttpClient viewer) = await StartAsync(s => s with { TransferTimeout = TimeSpan.FromMilliseconds(300) });
        await using TestHost _ = host;
        using HttpClient __ = viewer;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await SendAsync(station, Part("2013", "20260105080000100", 3, 1, SpectrumParts[0]));
        await Task.Delay(500, Ct);
        await SendAsync(station, Part("2013", "20260105080000200", 1, 1, SpectrumParts[1]));

        IReadOnlyList<StoredRawPacket> raw = await host.Store.RawPacketsAsync(Mn, 10, Ct);
        StoredRawPacket dropped = Assert.Single(raw, p => p.Packet.Verdict == PacketVerdict.PartialSeries);
        Assert.Contains("not complete within 0.3 s of its first part; received parts 1 of 3", dropped.Packet.Reason, StringComparison.Ordinal);
        Assert.Single(await FilesAsync(viewer));
        using var anonymous = new HttpClient { BaseAddress = viewer.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/stations/{Mn}/files", Ct)).StatusCode);
    }

    [Fact]
    public async Task SameQnAgain_WithTheSameContentIsARepeat_WithOtherContentIsRefused_AndNothingOfItWritten()
    {
        (TestHost host, HttpClient viewer) = await StartAsync();
        await using TestHost _ = host;
        using HttpClient __ = viewer;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await SendAsync(station, Part("2013", "20260105080000100", 1, 1, SpectrumParts[0]), Part("2013", "20260105080000100", 1, 1, SpectrumParts[0]),
            Part("2013", "20260105080000100", 1, 1, SpectrumParts[1]));

        JsonElement file = Assert.Single(await FilesAsync(viewer));
        long id = file.GetProperty("id").GetInt64();
        IReadOnlyList<StoredRawPacket> raw = await host.Store.RawPacketsAsync(Mn, 10, Ct);
        Assert.Equal([PacketVerdict.Rejected, PacketVerdict.Accepted, PacketVerdict.Accepted], raw.Select(p => p.Packet.Verdict));
        Assert.Contains($"QN 20260105080000100 reused with other content (kept as station file {id})", raw[0].Packet.Reason, StringComparison.Ordinal);
        Assert.Contains($"sent again: already kept as station file {id}", raw[1].Packet.Reason, StringComparison.Ordinal);
        Assert.Equal([file.GetProperty("attachmentId").GetString()], ContentFiles(host));
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Transfer_WhoseQnIsNotDigits_IsRefusedWithItsReason_NothingListedOrWritten(string backend)
    {
        string files = Directory.CreateTempSubdirectory("qingshui-files-").FullName;
        (TestHost host, HttpClient viewer) = await StartAsync(backend: backend, files: files);
        await using (host)
        using (viewer)
        {
            await using RawStation station = await RawStation.ConnectAsync(host.Port);

            await SendAsync(station, Part("2013", "2026010508\u0001000100", 1, 1, SpectrumParts[0]), Part(Multimedia, "20260105080000\u0000", 1, 1, "FileData=0A0B"));

            Assert.Empty(await FilesAsync(viewer));
            Assert.Empty(ContentFiles(host));
            IReadOnlyList<StoredRawPacket> raw = await host.Store.RawPacketsAsync(Mn, 10, Ct);
            Assert.Equal(2, raw.Count);
            Assert.All(raw, p => Assert.Equal((PacketVerdict.Rejected, "file transfer refused: the QN of part 1 is not 1–20 digits"), (p.Packet.Verdict, p.Packet.Reason)));
        }

        Directory.Delete(files, recursive: true);
    }

    [Fact]
    public async Task File_WhoseContentCannotBeWritten_IsRefused_AndNotListedWithMissingContent()
    {
        (TestHost host, HttpClient viewer) = await StartAsync();
        await using TestHost _ = host;
        using HttpClient __ = viewer;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        string root = Directory.CreateDirectory(host.Server.Services.GetRequiredService<AttachmentFiles>().Root).FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "tmp"), "a file where the folder for writes should be", Ct);

        await SendAsync(station, Part("2013", "20260105080000100", 1, 1, SpectrumParts[0]));

        Assert.Empty(await FilesAsync(viewer));
        StoredRawPacket refused = Assert.Single(await host.Store.RawPacketsAsync(Mn, 10, Ct));
        Assert.Equal(PacketVerdict.Rejected, refused.Packet.Verdict);
        Assert.StartsWith("file transfer refused: it could not be kept", refused.Packet.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transfer_NotCompleteInTime_IsDroppedOnTheClock_WithoutAnotherPacket_AndRecordedWithThePartsReceived()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        (TestHost host, HttpClient viewer) = await StartAsync(s => s with { TransferTimeout = TimeSpan.FromSeconds(30) }, clock);
        await using TestHost _ = host;
        using HttpClient __ = viewer;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        StationFileReceiver files = host.Server.Services.GetRequiredService<StationFileReceiver>();
        await SendAsync(station, Part("2013", "20260105080000101", 3, 2, SpectrumParts[1]));
        Assert.Equal(1, files.OpenTransfers);

        // When 31 s pass on the server's clock and the station sends nothing more
        DateTimeOffset sent = clock.GetUtcNow();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        StoredRawPacket? dropped = null;
        while (dropped is null && DateTime.UtcNow < deadline)
        {
            if (clock.GetUtcNow() - sent < TimeSpan.FromSeconds(31))
            {
                clock.Advance(TimeSpan.FromSeconds(1));
            }

            await Task.Delay(20, Ct);
            dropped = (await host.Store.RawPacketsAsync(Mn, 10, Ct)).FirstOrDefault(p => p.Packet.Verdict == PacketVerdict.PartialSeries);
        }

        // Then the transfer is given up and the station's log says why
        Assert.NotNull(dropped);
        Assert.Contains("not complete within 30 s of its first part; received parts 2 of 3", dropped.Packet.Reason, StringComparison.Ordinal);
        Assert.Equal(0, files.OpenTransfers);
    }

    [Fact]
    public async Task Transfer_InMorePartsThanAllowed_IsRefusedFromItsFirstPart_NothingListed()
    {
        (TestHost host, HttpClient viewer) = await StartAsync(s => s with { MaxParts = 2 });
        await using TestHost _ = host;
        using HttpClient __ = viewer;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await SendAsync(station, [.. SpectrumParts.Select((p, i) => Part("2013", $"2026010508000010{i}", 3, i + 1, p))]);

        Assert.Empty(await FilesAsync(viewer));
        IReadOnlyList<StoredRawPacket> raw = await host.Store.RawPacketsAsync(Mn, 10, Ct);
        Assert.Equal(3, raw.Count);
        Assert.All(raw, p => Assert.Equal((PacketVerdict.Rejected, "file transfer refused: PNUM 3 is more than the 2 parts a file may be sent in"),
            (p.Packet.Verdict, p.Packet.Reason)));
    }


    [Fact]
    public async Task Transfers_OneStationAtItsLimitOfOpenOnes_ItsNextIsRefused_AnotherStationsIsHeld()
    {
        // Given two 2025 stations, each station allowed one transfer in progress
        (TestHost host, HttpClient viewer) = await StartAsync(s => s with { MaxOpenTransfersPerStation = 1 });
        await using TestHost _ = host;
        using HttpClient __ = viewer;
        await AddSecondStationAsync(host);
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        await using RawStation other = await RawStation.ConnectAsync(host.Port);

        // When the first begins two transfers (PNUM 2 and PNUM 3) and the second begins one
        await SendAsync(station, Part("2013", "20260105080000100", 2, 1, SpectrumParts[0]), Part("2013", "20260105080000200", 3, 1, SpectrumParts[0]));
        await SendAsync(other, Part("2013", "20260105080000300", 2, 1, SpectrumParts[0], SecondMn));

        // Then the first station's second transfer is refused with the reason, the others wait for their parts
        IReadOnlyList<StoredRawPacket> first = await host.Store.RawPacketsAsync(Mn, 10, Ct);
        Assert.Equal([PacketVerdict.Rejected, PacketVerdict.SplitPart], first.Select(p => p.Packet.Verdict));
        Assert.Equal("file transfer refused: the station has 1 file transfers being received already", first[0].Packet.Reason);
        Assert.Equal(PacketVerdict.SplitPart, Assert.Single(await host.Store.RawPacketsAsync(SecondMn, 10, Ct)).Packet.Verdict);
    }


    [Fact]
    public async Task Transfers_NodeAtItsLimitOfOpenOnes_ANewOneOfAnyStationIsRefused()
    {
        (TestHost host, HttpClient viewer) = await StartAsync(s => s with { MaxOpenTransfers = 1 });
        await using TestHost _ = host;
        using HttpClient __ = viewer;
        await AddSecondStationAsync(host);
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        await using RawStation other = await RawStation.ConnectAsync(host.Port);

        await SendAsync(station, Part("2013", "20260105080000100", 2, 1, SpectrumParts[0]));
        await SendAsync(other, Part("2013", "20260105080000300", 2, 1, SpectrumParts[0], SecondMn));

        StoredRawPacket refused = Assert.Single(await host.Store.RawPacketsAsync(SecondMn, 10, Ct));
        Assert.Equal((PacketVerdict.Rejected, "file transfer refused: 1 file transfers are being received already"), (refused.Packet.Verdict, refused.Packet.Reason));
        Assert.Equal(PacketVerdict.SplitPart, Assert.Single(await host.Store.RawPacketsAsync(Mn, 10, Ct)).Packet.Verdict);
    }


    [Fact]
    public async Task File_PastTheStationsDailyCount_IsRejectedWithItsReason_HoweverSmall_TheFirstStaysListed()
    {
        (TestHost host, HttpClient viewer) = await StartAsync(s => s with { MaxFilesPerStationPerDay = 1 });
        await using TestHost _ = host;
        using HttpClient __ = viewer;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await SendAsync(station, Part("2013", "20260105080000100", 1, 1, SpectrumParts[0]), Part("2013", "20260105080000200", 1, 1, "DataTime=20260105070000"));

        Assert.Equal(["20260105080000100"], (await FilesAsync(viewer)).Select(f => f.GetProperty("requestId").GetString()));
        StoredRawPacket refused = (await host.Store.RawPacketsAsync(Mn, 10, Ct))[0];
        Assert.Equal(PacketVerdict.Rejected, refused.Packet.Verdict);
        Assert.StartsWith("file transfer refused: the station has sent the daily limit of 1 files on ", refused.Packet.Reason, StringComparison.Ordinal);
    }


    [Fact]
    public async Task File_WhenKeepingItWouldLeaveTooLittleDiskFree_IsRejectedWithItsReason_NothingListed()
    {
        (TestHost host, HttpClient viewer) = await StartAsync(s => s with { MinFreeDiskBytes = long.MaxValue / 2 });
        await using TestHost _ = host;
        using HttpClient __ = viewer;
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        await SendAsync(station, Part("2013", "20260105080000100", 1, 1, SpectrumParts[0]));

        Assert.Empty(await FilesAsync(viewer));
        StoredRawPacket refused = Assert.Single(await host.Store.RawPacketsAsync(Mn, 10, Ct));
        Assert.Equal(PacketVerdict.Rejected, refused.Packet.Verdict);
        Assert.StartsWith($"file transfer refused: the server keeps at least {long.MaxValue / 2} bytes of disk free and has ", refused.Packet.Reason, StringComparison.Ordinal);
    }

    private static async Task AddSecondStationAsync(TestHost host)
    {
        using HttpClient operatorClient = await LedgerDesk.SignedInAsync(host, "hn-operator");
        HttpResponseMessage added = await StationRegisterApiTests.AddAsync(operatorClient, StationRegisterApiTests.NewStation(SecondMn, edition: "2025"));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
    }
}
