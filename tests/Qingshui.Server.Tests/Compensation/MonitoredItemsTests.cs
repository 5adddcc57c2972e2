using System.Text;
using System.Text.Json;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Presets;
using Qingshui.Domain.Readings;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage;

namespace Qingshui.Server.Tests.Compensation;

/// <summary>The basin file's <c>monitoredItems</c> reach the server's reckoning: an item the section does not monitor is left out of the rule.</summary>
public sealed class MonitoredItemsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Jinyushi without TP in its list (the release's "*"), as a basin file may say.
    private static Basin WithoutPhosphorus() => BasinFile.Parse(BasinPresets.Text("pingshui-lushui")!
        .Replace("\"id\": \"jinyushi\",", "\"id\": \"jinyushi\", \"monitoredItems\": [\"pH\", \"DO\", \"CODMn\", \"NH3N\"],", StringComparison.Ordinal)).Basin!;

    [Fact]
    public async Task Recompute_SectionNotMonitoringTotalPhosphorus_ClassesTheMonthFromTheOtherFourItems()
    {
        await using TestHost host = await LedgerDesk.StartAsync(configure: o => o with { Basin = WithoutPhosphorus() });
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        await WriteMarchWithoutPhosphorusAsync(host.Store);

        HttpResponseMessage recomputed = await office.RecomputeAsync(2024);

        Assert.Equal(System.Net.HttpStatusCode.OK, recomputed.StatusCode);
        JsonElement march = (await recomputed.BodyAsync()).GetProperty("accounts")[2];
        Assert.Equal(("2024-03", "Determined"), (march.GetProperty("period").GetString(), march.GetProperty("status").GetString()));
        Assert.Equal(["TP"], march.GetProperty("evidence")[0].GetProperty("notMonitored").EnumerateArray().Select(i => i.GetString()));
    }

    [Fact]
    public async Task Recompute_MonitoringNotKnown_LeavesAMonthWithoutTotalPhosphorusUndetermined()
    {
        await using TestHost host = await LedgerDesk.StartAsync();
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        await WriteMarchWithoutPhosphorusAsync(host.Store);

        JsonElement march = (await (await office.RecomputeAsync(2024)).BodyAsync()).GetProperty("accounts")[2];

        Assert.Equal("Undetermined", march.GetProperty("status").GetString());
    }

    // One hourly value a day in March 2024 of pH, DO, CODMn and NH3-N at Class Ⅱ from Jinyushi's Jiangxi station; no TP at all.
    private static async Task WriteMarchWithoutPhosphorusAsync(IReadingStore store)
    {
        const string station = "360300A00000000000000201";
        (Parameter Parameter, decimal Value)[] items =
            [(ParameterCatalogue.PH, 7.6m), (ParameterCatalogue.DissolvedOxygen, 8.2m), (ParameterCatalogue.PermanganateIndex, 1.8m), (ParameterCatalogue.AmmoniaNitrogen, 0.4m)];
        var start = new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(8));
        Reading[] readings = [.. Enumerable.Range(0, 31).SelectMany(day => items.Select(i => new Reading(station, i.Parameter.Code, ReadingKind.Hour, start.AddDays(day),
            i.Value, i.Parameter.DefaultUnit, "N", true, ReadingMarks.None, i.Value, i.Value)))];
        var packet = new RawPacket(start, "127.0.0.1:50000", station, "2061", PacketVerdict.Accepted, null, Encoding.ASCII.GetBytes(station));
        await store.WriteAsync([new IngestRecord(packet, readings)], Ct);
    }
}
