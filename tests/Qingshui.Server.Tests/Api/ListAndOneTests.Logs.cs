using System.Globalization;
using System.Net;
using System.Text.Json;
using Qingshui.Hj212;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Server.Tests.Compensation;

namespace Qingshui.Server.Tests.Api;

// The logs and registers listed under a station or an agreement: each listed entry by its id, nothing of another owner's.
public sealed partial class ListAndOneTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StationPackets_EachListedOne_IsServedByItsId_NotUnderAnotherStationOrAsUnattributed()
    {
        // Given stations that sent an hour of data, and a packet from an MN the basin does not know
        await using TestHost host = await TestHost.StartAsync();
        using HttpClient client = ApiClient.For(host);
        await ApiClient.SendRecentHoursAsync(host, 1);
        string qn = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        await using (RawStation stranger = await RawStation.ConnectAsync(host.Port))
        {
            await stranger.SendAsync(FrameEncoder.Encode($"QN={qn};ST=21;CN=2011;PW=123456;MN=999999A00000000000000999;Flag=5;CP=&&DataTime={qn[..14]};w21003-Rtd=0.5&&"));
            await stranger.IsClosedByServerAsync(TimeSpan.FromMilliseconds(500));
        }

        string mn = TestHost.Preset.Stations[0].DeviceId;
        string other = TestHost.Preset.Stations[1].DeviceId;
        JsonElement[] listed = [.. (await client.GetJsonAsync($"/api/v1/stations/{mn}/packets")).EnumerateArray()];
        JsonElement[] unattributed = [.. (await WaitForAsync(client, "/api/v1/stations/unattributed/packets")).EnumerateArray()];

        // When each is fetched by its id
        string[] fetched = [.. await Task.WhenAll(listed.Select(async p => (await client.GetJsonAsync($"/api/v1/stations/{mn}/packets/{IdOf(p)}")).ToString()))];
        string[] fetchedUnattributed = [.. await Task.WhenAll(unattributed.Select(async p =>
            (await client.GetJsonAsync($"/api/v1/stations/unattributed/packets/{IdOf(p)}")).ToString()))];

        // Then each is served as listed; under another station, as unattributed, or unknown it is a 404; a bad id a 400 naming it
        Assert.NotEmpty(listed);
        Assert.Equal(listed.Select(p => p.ToString()), fetched);
        Assert.Equal(unattributed.Select(p => p.ToString()), fetchedUnattributed);
        Assert.Equal(404, (await client.GetProblemAsync($"/api/v1/stations/{other}/packets/{IdOf(listed[0])}")).Status);
        Assert.Equal(404, (await client.GetProblemAsync($"/api/v1/stations/unattributed/packets/{IdOf(listed[0])}")).Status);
        Assert.Equal(404, (await client.GetProblemAsync($"/api/v1/stations/{mn}/packets/{IdOf(unattributed[0])}")).Status);
        Assert.Equal(404, (await client.GetProblemAsync($"/api/v1/stations/{mn}/packets/999999")).Status);
        Assert.Equal(404, (await client.GetProblemAsync($"/api/v1/stations/000000000000/packets/{IdOf(listed[0])}")).Status);
        (int status, _, JsonElement body) = await client.GetProblemAsync($"/api/v1/stations/{mn}/packets/-1");
        Assert.Equal((400, true), (status, body.GetProperty("errors").TryGetProperty("packet", out _)));
    }

    [Fact]
    public async Task StationCommands_EachListedOne_IsServedByItsId_NotUnderAnotherStation()
    {
        // Given commands the station could not be sent (it is not connected): each is logged all the same
        await using TestHost host = await StationCommandsApiTests.StartAsync();
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        Assert.Equal(HttpStatusCode.Conflict, (await StationCommandsApiTests.SetIntervalAsync(office, new { action = "tighten", seconds = 60 })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await StationCommandsApiTests.SetIntervalAsync(office, new { action = "tighten", seconds = 120, reference = "b" })).StatusCode);
        string mn = StationCommandsApiTests.Mn;
        string other = TestHost.Preset.Stations.First(s => s.DeviceId != mn).DeviceId;

        JsonElement[] listed = [.. (await office.GetJsonAsync($"/api/v1/stations/{mn}/commands")).GetProperty("commands").EnumerateArray()];
        string[] fetched = [.. await Task.WhenAll(listed.Select(async c => (await office.GetJsonAsync($"/api/v1/stations/{mn}/commands/{IdOf(c)}")).ToString()))];

        Assert.Equal(2, listed.Length);
        Assert.Equal(listed.Select(c => c.ToString()), fetched);
        Assert.Equal(404, (await office.GetProblemAsync($"/api/v1/stations/{other}/commands/{IdOf(listed[0])}")).Status);
        Assert.Equal(404, (await office.GetProblemAsync($"/api/v1/stations/{mn}/commands/{IdOf(listed[0]) + 100}")).Status);
        (int status, _, JsonElement body) = await office.GetProblemAsync($"/api/v1/stations/{mn}/commands/x");
        Assert.Equal((400, true), (status, body.GetProperty("errors").TryGetProperty("command", out _)));
    }

    [Fact]
    public async Task AgreementIncidents_ProposedAndRegistered_AreEachServedByTheirId_AsTheRegisterListsThem()
    {
        // Given an incident proposed for the register of Lushui
        (TestHost host, long incident) = await IncidentRegisterDesk.StartAsync();
        await using TestHost owned = host;
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-finance");
        string register = $"/api/v1/agreements/{LedgerDesk.Agreement}/incidents";
        Assert.Equal(HttpStatusCode.OK, (await office.ProposeAsync(incident)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hunan.ConfirmIncidentAsync(incident)).StatusCode);

        // When it is fetched by its incident while proposed, then by its number once every party confirmed it
        JsonElement proposed = (await hunan.GetJsonAsync(register)).GetProperty("proposed")[0];
        JsonElement proposal = await hunan.GetJsonAsync($"{register}/proposals/{incident}");
        Assert.Equal(HttpStatusCode.OK, (await jiangxi.ConfirmIncidentAsync(incident)).StatusCode);
        JsonElement registered = (await hunan.GetJsonAsync(register)).GetProperty("registered")[0];
        JsonElement first = await hunan.GetJsonAsync($"{register}/1");

        // Then each is served as the register lists it; a registered proposal, a number past the end and another agreement are 404s
        Assert.Equal(proposed.ToString(), proposal.ToString());
        Assert.Equal(["hunan"], proposal.GetProperty("confirmedByParty").EnumerateObject().Select(p => p.Name));
        Assert.Equal(registered.ToString(), first.ToString());
        Assert.Equal((1, "jinyushi"), (first.GetProperty("number").GetInt32(), first.GetProperty("section").GetString()));
        Assert.Equal(404, (await hunan.GetProblemAsync($"{register}/proposals/{incident}")).Status);
        Assert.Equal(404, (await hunan.GetProblemAsync($"{register}/2")).Status);
        Assert.Equal(404, (await hunan.GetProblemAsync("/api/v1/agreements/no-such/incidents/1")).Status);
        (int status, _, JsonElement body) = await hunan.GetProblemAsync($"{register}/0");
        Assert.Equal((400, true), (status, body.GetProperty("errors").TryGetProperty("number", out _)));
    }

    [Fact]
    public async Task StatementYears_AreTheTermsYears_EachServedAsAStatement_WithWhatTheLedgerRecorded()
    {
        // Given Lushui's books (term 2019-07 to 2025-12) with 2024 recorded and March 2024 confirmed by both parties
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-finance");
        using HttpClient jiangxi = await LedgerDesk.SignedInAsync(host, "jx-finance");
        Assert.Equal(HttpStatusCode.OK, (await hunan.DecideAsync("2024-03")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await hunan.ConfirmAsync("2024-03")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await jiangxi.ConfirmAsync("2024-03")).StatusCode);

        JsonElement[] years = [.. (await hunan.GetJsonAsync($"/api/v1/agreements/{LedgerDesk.Agreement}/statements")).EnumerateArray()];
        JsonElement y2024 = years.Single(y => y.GetProperty("year").GetInt32() == 2024);
        JsonElement y2019 = years.Single(y => y.GetProperty("year").GetInt32() == 2019);

        Assert.Equal(Enumerable.Range(2019, 7), years.Select(y => y.GetProperty("year").GetInt32()));
        Assert.Equal((12, 12, 1, false), (y2024.GetProperty("periods").GetInt32(), y2024.GetProperty("recorded").GetInt32(),
            y2024.GetProperty("confirmed").GetInt32(), y2024.GetProperty("closed").GetBoolean()));
        Assert.Equal(6, y2019.GetProperty("periods").GetInt32());
        foreach (JsonElement year in years)
        {
            Assert.Equal(HttpStatusCode.OK, (await hunan.GetAsync($"/api/v1/agreements/{LedgerDesk.Agreement}/statements/{year.GetProperty("year").GetInt32()}", Ct)).StatusCode);
        }

        Assert.Equal(404, (await hunan.GetProblemAsync("/api/v1/agreements/no-such/statements")).Status);
    }

    private static long IdOf(JsonElement item) => item.GetProperty("id").GetInt64();

    private static async Task<JsonElement> WaitForAsync(HttpClient client, string path)
    {
        DateTime deadline = DateTime.UtcNow.AddSeconds(10);
        JsonElement answer;
        while ((answer = await client.GetJsonAsync(path)).GetArrayLength() == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{path} stayed empty");
            await Task.Delay(100, Ct);
        }

        return answer;
    }
}
