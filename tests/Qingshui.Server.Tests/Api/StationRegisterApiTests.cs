using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Hj212;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Tests.Api;

public sealed class StationRegisterApiTests
{
    internal const string NewMn = "430281A00000000000000777";
    internal const string HunanMn = "430281A00000000000000301";
    internal const string HunanPassword = "hn0301";
    private static readonly DateTimeOffset Eight = new(2024, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A host with operators and a viewer of both provinces and an operator of the joint office.</summary>
    internal static async Task<TestHost> StartAsync(double commandTimeoutSeconds = 10)
    {
        TestHost host = await TestHost.StartAsync(configure: o => o with { CommandTimeout = TimeSpan.FromSeconds(commandTimeoutSeconds) });
        await Members.AddAsync(host, "hn-operator", "hunan", Role.Operator);
        await Members.AddAsync(host, "jx-operator", "jiangxi", Role.Operator);
        await Members.AddAsync(host, "hn-viewer", "hunan", Role.Viewer);
        await Members.AddAsync(host, "office-operator", "joint-office", Role.Operator, Role.Admin);
        return host;
    }

    internal static object NewStation(string mn = NewMn, string section = "liling-wangfang", string edition = "2017") => new
    {
        mn, password = "hn0777", name = new { zh = "新站", en = "New station" }, section, edition, parameters = new[] { "w01001", "w21011" },
    };

    internal static Task<HttpResponseMessage> AddAsync(HttpClient client, object body) => client.PostAsJsonAsync("/api/v1/stations", body, Ct);

    internal static Task<HttpResponseMessage> ChangeAsync(HttpClient client, string mn, object body) =>
        client.PatchAsJsonAsync($"/api/v1/stations/{mn}", body, Ct);

    internal static Task<HttpResponseMessage> RotateAsync(HttpClient client, string mn, string password) =>
        client.PostAsJsonAsync($"/api/v1/stations/{mn}/password", new { password }, Ct);

    private static async Task<Hj212Message> UploadAsync(TestHost host, string mn, string pw, string qn = "20240601090000001", CrcAlgorithm crc = CrcAlgorithm.Hj212)
    {
        await using RawStation station = await RawStation.ConnectAsync(host.Port);
        await station.SendAsync(Hourly(mn, pw, qn, crc));
        return await station.ReceiveAsync();
    }

    private static byte[] Hourly(string mn, string pw, string qn, CrcAlgorithm crc) =>
        FrameEncoder.Encode($"QN={qn};ST=21;CN=2061;PW={pw};MN={mn};Flag=5;CP=&&DataTime=20240601080000;w01001-Avg=7.52,w01001-Flag=N;w21011-Avg=0.081,w21011-Flag=N&&", crc);

    private static async Task<IReadOnlyList<AuditEntry>> AuditAsync(TestHost host) =>
        await host.Server.Services.GetRequiredService<IAuditStore>().ReadAsync(0, 1000, Ct);

    // The live state takes committed readings on its own task: poll the section with a deadline.
    private static async Task<bool> SectionShowsLatestAsync(HttpClient client, string section, string mn, string parameter)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            JsonElement body = await (await client.GetAsync($"/api/v1/sections/{section}", Ct)).BodyAsync();
            if (body.GetProperty("stations").EnumerateArray().Any(s => s.GetProperty("mn").GetString() == mn
                && s.GetProperty("latest").EnumerateArray().Any(v => v.GetProperty("parameter").GetString() == parameter)))
            {
                return true;
            }

            await Task.Delay(50, Ct);
        }
        while (DateTime.UtcNow < deadline);
        return false;
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) => (await response.BodyAsync()).GetProperty("detail").GetString()!;

    [Fact]
    public async Task Add_ByHunanOperator_TheStationsNextPacketIsAcknowledgedAndStored_AndListed()
    {
        await using TestHost host = await StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        Hj212Message before = await UploadAsync(host, NewMn, "hn0777");

        HttpResponseMessage added = await AddAsync(hunan, NewStation());
        Hj212Message after = await UploadAsync(host, NewMn, "hn0777", qn: "20240601090000002");

        Assert.Equal(("9011", "4"), (before.Command, before.Data.Field("QnRtn")));
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal($"/api/v1/stations/{NewMn}/registration", added.Headers.Location?.OriginalString);
        JsonElement body = await added.BodyAsync();
        Assert.Equal(("hunan", "2017", "strict", "+08:00"), (body.GetProperty("operator").GetString(), body.GetProperty("edition").GetString(),
            body.GetProperty("crc").GetString(), body.GetProperty("utcOffset").GetString()));
        Assert.False(body.TryGetProperty("password", out _));
        Assert.Equal(("9014", "20240601090000002", NewMn), (after.Command, after.RequestId, after.DeviceId));
        IReadOnlyList<StoredReading> stored = await host.Store.ReadingsAsync(new ReadingQuery(NewMn, null, null, Eight, Eight.AddHours(1)), Ct);
        Assert.Equal(["w01001", "w21011"], stored.Select(r => r.Reading.Parameter).Order());
        JsonElement list = await (await hunan.GetAsync("/api/v1/stations", Ct)).BodyAsync();
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("mn").GetString() == NewMn && s.GetProperty("section").GetString() == "liling-wangfang");
        Assert.True(await SectionShowsLatestAsync(hunan, "liling-wangfang", NewMn, "w21011"), "the section's stations do not show the new station's latest value");
        AuditRecord audit = (await AuditAsync(host))[^1].Record;
        Assert.Equal(("hn-operator", "hunan", "station.add", NewMn, AuditOutcome.Done), (audit.Actor, audit.Organisation, audit.Action, audit.Target, audit.Outcome));
        Assert.DoesNotContain("hn0777", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RotatePassword_OldOneIsRefusedAndTheNewAccepted_WithoutRestart_AndTheSecretIsNeverShown()
    {
        await using TestHost host = await StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        Assert.Equal("9014", (await UploadAsync(host, HunanMn, HunanPassword)).Command);

        HttpResponseMessage rotated = await RotateAsync(hunan, HunanMn, "Rot@ted-301");
        Hj212Message old = await UploadAsync(host, HunanMn, HunanPassword, qn: "20240601090000002");
        Hj212Message renewed = await UploadAsync(host, HunanMn, "Rot@ted-301", qn: "20240601090000003");

        Assert.Equal(HttpStatusCode.NoContent, rotated.StatusCode);
        Assert.Empty(await rotated.Content.ReadAsStringAsync(Ct));
        Assert.Equal(("9011", "3"), (old.Command, old.Data.Field("QnRtn")));
        Assert.Equal(("9014", "20240601090000003"), (renewed.Command, renewed.RequestId));
        AuditRecord audit = (await AuditAsync(host))[^1].Record;
        Assert.Equal(("hn-operator", "station.password", HunanMn, AuditOutcome.Done), (audit.Actor, audit.Action, audit.Target, audit.Outcome));
        Assert.Contains("\"password\":\"***\"", audit.After, StringComparison.Ordinal);
        Assert.DoesNotContain("Rot@ted-301", audit.Before + audit.After, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Message.Contains("Rot@ted-301", StringComparison.Ordinal) || e.Message.Contains(HunanPassword, StringComparison.Ordinal));
        string registration = await (await hunan.GetAsync($"/api/v1/stations/{HunanMn}/registration", Ct)).Content.ReadAsStringAsync(Ct);
        Assert.Contains(HunanMn, registration, StringComparison.Ordinal);
        Assert.DoesNotContain("Rot@ted-301", registration, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Change_EditionAndCrcTolerance_ApplyToTheNextPacket()
    {
        await using TestHost host = await StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        await using RawStation station = await RawStation.ConnectAsync(host.Port);

        // Given a strict station, a packet with a MODBUS CRC is rejected (no acknowledgement), the next good one answered
        await station.SendAsync(Hourly(HunanMn, HunanPassword, "20240601090000001", CrcAlgorithm.Modbus));
        await station.SendAsync(Hourly(HunanMn, HunanPassword, "20240601090000002", CrcAlgorithm.Hj212));
        Assert.Equal("20240601090000002", (await station.ReceiveAsync()).RequestId);

        // When its CRC tolerance and edition change, on the same connection
        HttpResponseMessage changed = await ChangeAsync(hunan, HunanMn, new { crc = "accept-modbus", edition = "2005" });
        await station.SendAsync(Hourly(HunanMn, HunanPassword, "20240601090000003", CrcAlgorithm.Modbus));
        Hj212Message ack = await station.ReceiveAsync();

        // Then the MODBUS packet is accepted and acknowledged
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        JsonElement body = await changed.BodyAsync();
        Assert.Equal(("accept-modbus", "2005"), (body.GetProperty("crc").GetString(), body.GetProperty("edition").GetString()));
        Assert.Equal(("9014", "20240601090000003"), (ack.Command, ack.RequestId));
        IReadOnlyList<StoredRawPacket> packets = await host.Store.RawPacketsAsync(HunanMn, 10, Ct);
        Assert.Equal([PacketVerdict.Accepted, PacketVerdict.Accepted, PacketVerdict.Rejected], packets.Select(p => p.Packet.Verdict));
    }

    [Fact]
    public async Task Change_HunanStationByJiangxiOperator_Is403NamingBothJurisdictions_AndAudited()
    {
        await using TestHost host = await StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");

        HttpResponseMessage change = await ChangeAsync(jiangxi, HunanMn, new { crc = "no-check" });
        HttpResponseMessage rotate = await RotateAsync(jiangxi, HunanMn, "taken-over");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (change.StatusCode, rotate.StatusCode));
        Assert.Equal("application/problem+json", change.Content.Headers.ContentType?.MediaType);
        string detail = await DetailAsync(change);
        Assert.Contains("'jiangxi'", detail, StringComparison.Ordinal);
        Assert.Contains("'hunan'", detail, StringComparison.Ordinal);
        AuditRecord[] refusals = [.. (await AuditAsync(host)).Select(e => e.Record).Where(r => r.Outcome == AuditOutcome.Refused)];
        Assert.Equal([("jx-operator", "jiangxi", "station.change", HunanMn), ("jx-operator", "jiangxi", "station.password", HunanMn)],
            refusals.Select(r => (r.Actor, r.Organisation, r.Action, r.Target)));
        Assert.Equal("hn0301", host.Server.Services.GetRequiredService<Qingshui.Server.Ingest.StationRegister>().Find(HunanMn)!.Password);
        Assert.Equal("9014", (await UploadAsync(host, HunanMn, HunanPassword)).Command);
    }

    [Fact]
    public async Task Add_AtAnotherJurisdictionsSection_Is403_AtASharedBoundarySection_IsAllowed()
    {
        await using TestHost host = await StartAsync();
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");

        HttpResponseMessage inHunan = await AddAsync(jiangxi, NewStation("360300A00000000000000888", "liling-wangfang"));
        HttpResponseMessage forHunan = await AddAsync(jiangxi, new { mn = "360300A00000000000000889", password = "jx0889", name = new { zh = "代", en = "Proxy" },
            section = "jinyushi", edition = "2017", @operator = "hunan" });
        HttpResponseMessage atBoundary = await AddAsync(hunan, NewStation(section: "jinyushi"));

        Assert.Equal(HttpStatusCode.Forbidden, inHunan.StatusCode);
        Assert.Contains("section 'liling-wangfang' lies in 'hunan'", await DetailAsync(inHunan), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, forHunan.StatusCode);
        Assert.Equal(HttpStatusCode.Created, atBoundary.StatusCode);
        Assert.Null(host.Server.Services.GetRequiredService<Qingshui.Server.Ingest.StationRegister>().Find("360300A00000000000000888"));
    }

    [Fact]
    public async Task Writes_ByViewer_AndByTheJointOffice_Are403_Anonymous_Is401_WithoutAntiforgery_Is403()
    {
        await using TestHost host = await StartAsync();
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-operator");
        using HttpClient anonymous = Members.Client(host);
        using HttpClient noToken = Members.Client(host);
        Assert.Equal(HttpStatusCode.OK, (await noToken.SignInAsync("hn-operator", Members.Password)).StatusCode);

        HttpResponseMessage byViewer = await RotateAsync(viewer, HunanMn, "viewer-pw");
        HttpResponseMessage byOffice = await RotateAsync(office, HunanMn, "office-pw");
        HttpResponseMessage byAnonymous = await RotateAsync(anonymous, HunanMn, "anon-pw1");
        HttpResponseMessage withoutToken = await RotateAsync(noToken, HunanMn, "forged-pw");

        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Contains("needs the role operator", await DetailAsync(byViewer), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byOffice.StatusCode);
        Assert.Contains("acts for no jurisdiction", await DetailAsync(byOffice), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, byAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withoutToken.StatusCode);
        Assert.Contains("antiforgery", await DetailAsync(withoutToken), StringComparison.OrdinalIgnoreCase);
        AuditRecord[] refusals = [.. (await AuditAsync(host)).Select(e => e.Record).Where(r => r.Outcome == AuditOutcome.Refused)];
        Assert.Contains(refusals, r => r is { Actor: "hn-viewer", Action: "station.password" });
        Assert.Contains(refusals, r => r is { Actor: "office-operator", Organisation: "joint-office", Action: "station.password", Target: HunanMn });
        Assert.Equal("9014", (await UploadAsync(host, HunanMn, HunanPassword)).Command);
    }

    [Fact]
    public async Task Restart_KeepsTheRegistersChanges_AndLogsOnceWhereTheBasinFileDiffers()
    {
        await using TestHost host = await StartAsync();
        using (HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator"))
        {
            Assert.Equal(HttpStatusCode.Created, (await AddAsync(hunan, NewStation())).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await RotateAsync(hunan, HunanMn, "after-restart")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await ChangeAsync(hunan, HunanMn, new { name = new { en = "Liling Wangfang (renamed)" } })).StatusCode);
        }

        host.Logs.Entries.Clear();
        await host.RestartAsync();

        Hj212Message old = await UploadAsync(host, HunanMn, HunanPassword);
        Assert.Equal(("9011", "3"), (old.Command, old.Data.Field("QnRtn")));
        Assert.Equal("9014", (await UploadAsync(host, HunanMn, "after-restart", qn: "20240601090000002")).Command);
        Assert.Equal("9014", (await UploadAsync(host, NewMn, "hn0777", qn: "20240601090000003")).Command);
        using HttpClient again = await LedgerDesk.SignedInAsync(host, "hn-operator");
        JsonElement registration = await (await again.GetAsync($"/api/v1/stations/{HunanMn}/registration", Ct)).BodyAsync();
        Assert.Equal("Liling Wangfang (renamed)", registration.GetProperty("name").GetProperty("en").GetString());
        var differs = host.Logs.Entries.Where(e => e.EventId == 5702).ToArray();
        Assert.Equal($"Station {HunanMn} differs between the basin file and the store's register in password, name; the store's is used (change stations over /api/v1/stations)",
            Assert.Single(differs).Message);
    }

    [Fact]
    public async Task Add_InvalidFields_Is400NamingEachField()
    {
        await using TestHost host = await StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");

        HttpResponseMessage response = await AddAsync(hunan, new
        {
            mn = "430281A00000000000000-77", password = "pw;1", name = new { zh = "", en = "X" }, section = "nowhere", edition = "2019",
            crc = "lenient", utcOffset = "08:00", parameters = new[] { "w01001", "w99999", "w01001" }, units = new Dictionary<string, string> { ["w21011"] = "furlongs" },
        });
        HttpResponseMessage taken = await AddAsync(hunan, NewStation(HunanMn));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonElement errors = (await response.BodyAsync()).GetProperty("errors");
        Assert.Equal(["crc", "edition", "mn", "name.zh", "parameters[1]", "parameters[2]", "password", "section", "units.w21011", "utcOffset"],
            errors.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("registered already", (await taken.BodyAsync()).GetProperty("errors").GetProperty("mn")[0].GetString(), StringComparison.Ordinal);
        Assert.Null(host.Server.Services.GetRequiredService<Qingshui.Server.Ingest.StationRegister>().Find("430281A00000000000000-77"));
    }

    [Fact]
    public async Task Change_FieldsThatMayNotChange_Are400_UnknownStation_Is404()
    {
        await using TestHost host = await StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");

        HttpResponseMessage response = await ChangeAsync(hunan, HunanMn, new { mn = NewMn, password = "sneaky-pw", @operator = "jiangxi" });
        HttpResponseMessage same = await RotateAsync(hunan, HunanMn, HunanPassword);
        HttpResponseMessage missing = await ChangeAsync(hunan, NewMn, new { crc = "strict" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["mn", "operator", "password"], (await response.BodyAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, same.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("hn0301", host.Server.Services.GetRequiredService<Qingshui.Server.Ingest.StationRegister>().Find(HunanMn)!.Password);
    }

    [Fact]
    public async Task Add_BodyOverTheLimit_IsRefusedUnread_AndNothingIsAdded()
    {
        await using TestHost host = await StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");

        HttpResponseMessage response = await AddAsync(hunan, new
        {
            mn = NewMn, password = "hn0777", name = new { zh = "新站", en = new string('x', (int)Qingshui.Server.Api.StationRegisterApi.MaxBodyBytes) },
            section = "liling-wangfang", edition = "2017",
        });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(host.Server.Services.GetRequiredService<Qingshui.Server.Ingest.StationRegister>().Find(NewMn));
    }

    [Fact]
    public async Task RotatePassword_WithAnOperatorsBearerToken_NeedsNoAntiforgery_AndIsAuditedUnderTheToken()
    {
        await using TestHost host = await StartAsync();
        (string id, string secret, string text) = Qingshui.Server.Accounts.TokenSecrets.Issue();
        ApiToken token = ApiToken.Create(id, "hunan", [Role.Operator], "provincial bridge", DateTimeOffset.UtcNow, TimeSpan.FromDays(30)).Token!;
        Assert.Equal(AccountWrite.Added, await host.Server.Services.GetRequiredService<ITokenStore>().AddTokenAsync(token, Qingshui.Server.Accounts.TokenSecrets.Hash(secret), Ct));
        using HttpClient bridge = Members.Client(host);
        bridge.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", text);

        HttpResponseMessage rotated = await RotateAsync(bridge, HunanMn, "bridge-301");

        Assert.Equal(HttpStatusCode.NoContent, rotated.StatusCode);
        Assert.Equal("9014", (await UploadAsync(host, HunanMn, "bridge-301")).Command);
        AuditRecord audit = (await AuditAsync(host))[^1].Record;
        Assert.Equal(("token:" + id, "hunan", "station.password"), (audit.Actor, audit.Organisation, audit.Action));
    }

    [Fact]
    public async Task Change_MovingAStation_MovesItsSectionsCurrentClass_AndTellsDashboards()
    {
        await using TestHost host = await StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        DateTimeOffset time = DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset);
        await using (RawStation station = await RawStation.ConnectAsync(host.Port))
        {
            await station.SendAsync(FrameEncoder.Encode($"QN={time:yyyyMMddHHmmssfff};ST=21;CN=2011;PW={HunanPassword};MN={HunanMn};Flag=5;CP=&&DataTime={time:yyyyMMddHHmmss};"
                + "w01001-Rtd=7.5,w01001-Flag=N;w01009-Rtd=7.8,w01009-Flag=N;w01019-Rtd=1.5,w01019-Flag=N;w21003-Rtd=0.1,w21003-Flag=N;w21011-Rtd=0.015,w21011-Flag=N&&"));
            Assert.Equal("9014", (await station.ReceiveAsync()).Command);
        }

        Assert.True(await SectionShowsLatestAsync(hunan, "liling-wangfang", HunanMn, "w21011"));
        using HttpResponseMessage events = await hunan.GetAsync("/api/v1/events", HttpCompletionOption.ResponseHeadersRead, Ct);
        using var reader = new StreamReader(await events.Content.ReadAsStreamAsync(Ct));
        Assert.Equal(": connected", await reader.ReadLineAsync(Ct));

        HttpResponseMessage moved = await ChangeAsync(hunan, HunanMn, new { section = "lushui-mouth" });

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var classes = new Dictionary<string, string?>();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        while (classes.Count < 2 && await reader.ReadLineAsync(timeout.Token) is string line)
        {
            if (line == "event: class")
            {
                JsonElement data = JsonDocument.Parse((await reader.ReadLineAsync(timeout.Token))!["data: ".Length..]).RootElement;
                classes[data.GetProperty("section").GetString()!] = data.GetProperty("class").GetString();
            }
        }

        Assert.Equal(new Dictionary<string, string?> { ["liling-wangfang"] = null, ["lushui-mouth"] = "Ⅰ" }, classes);
        JsonElement mouth = await (await hunan.GetAsync("/api/v1/sections/lushui-mouth", Ct)).BodyAsync();
        Assert.Contains(mouth.GetProperty("stations").EnumerateArray(), s => s.GetProperty("mn").GetString() == HunanMn);
    }

    [Fact]
    public async Task ConcurrentWrites_LeaveTheLiveRegisterEqualToTheStore_AndEachAudited()
    {
        await using TestHost host = await StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        string[] crcs = ["strict", "accept-modbus", "no-check"];

        HttpResponseMessage[] answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => i % 4 == 3
            ? RotateAsync(hunan, HunanMn, $"parallel-{i:00}")
            : ChangeAsync(hunan, HunanMn, new { name = new { en = $"Wangfang {i}" }, crc = crcs[i % 3], utcOffset = $"+0{i % 9}:00" })));

        Assert.All(answers, a => Assert.True(a.IsSuccessStatusCode, a.StatusCode.ToString()));
        Domain.Network.Station live = host.Server.Services.GetRequiredService<Qingshui.Server.Ingest.StationRegister>().Find(HunanMn)!;
        Domain.Network.Station stored = (await host.Server.Services.GetRequiredService<IStationStore>().StationsAsync(Ct)).Single(s => s.DeviceId == HunanMn);
        Assert.Empty(Domain.Network.StationRules.Differences(live, stored));
        Assert.Equal(12, (await AuditAsync(host)).Count(e => e.Record.Target == HunanMn && e.Record.Outcome == AuditOutcome.Done));
        Assert.Equal("9014", (await UploadAsync(host, HunanMn, live.Password)).Command);
    }
}
