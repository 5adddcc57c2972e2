using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Qingshui.Domain.Access;
using Qingshui.Hj212;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage;
using Qingshui.Testing;

namespace Qingshui.Server.Tests.Api;

/// <summary>
/// Text with a NUL character (U+0000), which PostgreSQL cannot store, is refused at the edges with the same answer on
/// both stores: a 400 naming the field over HTTP, a reject with its reason over HJ 212 (and the link goes on).
/// </summary>
public sealed class NulTextTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Backends => new() { "sqlite", "postgres" };

    private static async Task<TestHost> StartAsync(string backend, string files)
    {
        string? database = backend == "postgres" ? await PostgresCluster.CreateDatabaseAsync() : null;
        TestHost host = database is null
            ? await TestHost.StartAsync()
            : await TestHost.StartAsync(configure: o => o with { DatabasePath = database, FilesDirectory = files });
        await Members.AddAsync(host, "hn-operator", "hunan", Role.Operator);
        return host;
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task JsonBodyWithANul_Is400NamingTheField_AndNothingIsStored(string backend)
    {
        string files = Directory.CreateTempSubdirectory("qingshui-nul-").FullName;
        await using (TestHost host = await StartAsync(backend, files))
        {
            using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");

            HttpResponseMessage inName = await StationRegisterApiTests.AddAsync(hunan, new
            {
                mn = StationRegisterApiTests.NewMn, password = "hn0777", name = new { zh = "新\0站", en = "New station" }, section = "liling-wangfang",
                edition = "2017", parameters = new[] { "w01001" },
            });
            HttpResponseMessage inList = await StationRegisterApiTests.AddAsync(hunan, new
            {
                mn = StationRegisterApiTests.NewMn, password = "hn0777", name = new { zh = "新站", en = "New station" }, section = "liling-wangfang",
                edition = "2017", parameters = new[] { "w01001", "w21\u0000011" },
            });
            HttpResponseMessage inQuery = await hunan.GetAsync("/api/v1/audit?actor=hn%00operator", Ct);

            Assert.Equal((HttpStatusCode.BadRequest, "name.zh"), (inName.StatusCode, await FieldAsync(inName)));
            Assert.Equal((HttpStatusCode.BadRequest, "parameters[1]"), (inList.StatusCode, await FieldAsync(inList)));
            Assert.Equal((HttpStatusCode.BadRequest, "actor"), (inQuery.StatusCode, await FieldAsync(inQuery)));
            Assert.Equal("application/problem+json", inName.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.NotFound, (await hunan.GetAsync($"/api/v1/stations/{StationRegisterApiTests.NewMn}/registration", Ct)).StatusCode);

            // The same body without the NUL is taken
            Assert.Equal(HttpStatusCode.Created, (await StationRegisterApiTests.AddAsync(hunan, StationRegisterApiTests.NewStation())).StatusCode);
        }

        Directory.Delete(files, recursive: true);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task PacketWithANul_IsRejectedWithItsReason_AndTheNextPacketIsAcknowledged(string backend)
    {
        string files = Directory.CreateTempSubdirectory("qingshui-nul-").FullName;
        await using (TestHost host = await StartAsync(backend, files))
        {
            await using RawStation station = await RawStation.ConnectAsync(host.Port);
            await station.SendAsync(Hourly("20240601090000001", "N\0"));
            await station.SendAsync(Hourly("20240601090000002", "N"));
            Hj212Message answer = await station.ReceiveAsync();

            Assert.Equal(("9014", "20240601090000002"), (answer.Command, answer.RequestId));
            IReadOnlyList<StoredRawPacket> packets = await host.Store.RawPacketsAsync(StationRegisterApiTests.HunanMn, 10, Ct);
            StoredRawPacket rejected = Assert.Single(packets, p => p.Packet.Verdict == PacketVerdict.Rejected);
            Assert.StartsWith("NulCharacter at data offset ", rejected.Packet.Reason, StringComparison.Ordinal);
            Assert.DoesNotContain('\0', rejected.Packet.Reason!);
            Assert.Single(packets, p => p.Packet.Verdict == PacketVerdict.Accepted);
        }

        Directory.Delete(files, recursive: true);
    }

    private static byte[] Hourly(string qn, string flag) => FrameEncoder.Encode(
        $"QN={qn};ST=21;CN=2061;PW={StationRegisterApiTests.HunanPassword};MN={StationRegisterApiTests.HunanMn};Flag=5;CP=&&DataTime=20240601080000;w01001-Avg=7.52,w01001-Flag={flag}&&");

    private static async Task<string> FieldAsync(HttpResponseMessage response)
    {
        JsonElement body = await response.BodyAsync();
        return Assert.Single(body.GetProperty("errors").EnumerateObject()).Name;
    }
}
