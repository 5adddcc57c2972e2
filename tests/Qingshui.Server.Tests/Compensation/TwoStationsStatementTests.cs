using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Access;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage;
using Qingshui.Storage.Compensation;

namespace Qingshui.Server.Tests.Compensation;

/// <summary>Jinyushi's two stations one class apart in a month, stored and reckoned under a data-source term, and the statement showing both.</summary>
public sealed class TwoStationsStatementTests
{
    private const string Jiangxi = "360300A00000000000000201";
    private const string Hunan = "430281A00000000000000202";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(Jiangxi, "Ⅲ", "hunan", "jiangxi")]
    [InlineData(Hunan, "Ⅳ", "jiangxi", "hunan")]
    public async Task StationsOneClassApart_TheAccountFollowsTheDataSourceTerm_AndTheStatementShowsBoth(string named, string expectedClass, string payer, string payee)
    {
        // Given March 2024 at Jinyushi: NH3-N 0.9 (Class Ⅲ) at Jiangxi's station, 1.2 (Class Ⅳ) at Hunan's; pooled they would read 1.05 (Ⅳ)
        Agreement agreement = LedgerDesk.Lushui with
        {
            Sections = [LedgerDesk.Lushui.Sections[0] with { Source = new SectionDataSource(DataSourceKind.Station, [named]) }],
        };
        var clock = new ManualClock(new DateTimeOffset(2025, 2, 10, 2, 0, 0, TimeSpan.Zero));
        await using TestHost host = await TestHost.StartAsync(configure: o => o with { Agreements = [agreement] }, clock: clock);
        await Members.AddAsync(host, "office-coordinator", "joint-office", Role.Coordinator);
        using HttpClient office = await LedgerDesk.SignedInAsync(host, "office-coordinator");
        await WriteMarchAsync(host.Store, Jiangxi, 0.9m);
        await WriteMarchAsync(host.Store, Hunan, 1.2m);

        // When the year is recomputed from the store over the web
        JsonElement march = (await (await office.RecomputeAsync(2024)).BodyAsync()).GetProperty("accounts")[2];
        string markdown = await office.GetStringAsync($"/api/v1/agreements/{LedgerDesk.Agreement}/statements/2024?format=md&lang=en", Ct);

        // Then March follows the named station, the evidence names it, and the statement shows both stations with their difference
        Assert.Equal((expectedClass, payer, payee), (march.GetProperty("class").GetString(), march.GetProperty("payer").GetString(), march.GetProperty("payee").GetString()));
        JsonElement source = march.GetProperty("evidence")[0].GetProperty("source");
        Assert.Equal([named], source.GetProperty("used").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal([Jiangxi, Hunan], source.GetProperty("stations").EnumerateArray().Select(s => s.GetProperty("station").GetString()));
        string row = markdown.Split('\n').Single(line => line.StartsWith("| 2024-03 | NH3N |", StringComparison.Ordinal));
        Assert.Contains($"{Jiangxi} 0.90 (Ⅲ) \\| {Hunan} 1.20 (Ⅳ)", row, StringComparison.Ordinal);
        Assert.EndsWith($"| 0.30 | {named} |", row, StringComparison.Ordinal);
    }

    // One value a day of the five core items through March 2024; only NH3-N differs between the stations.
    private static async Task WriteMarchAsync(IReadingStore store, string station, decimal ammonia)
    {
        (Parameter Parameter, decimal Value)[] items = [(ParameterCatalogue.PH, 7.6m), (ParameterCatalogue.DissolvedOxygen, 8.2m),
            (ParameterCatalogue.PermanganateIndex, 1.8m), (ParameterCatalogue.AmmoniaNitrogen, ammonia), (ParameterCatalogue.TotalPhosphorus, 0.015m)];
        var start = new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.FromHours(8));
        Reading[] readings = [.. Enumerable.Range(0, 31).SelectMany(day => items.Select(i => new Reading(station, i.Parameter.Code, ReadingKind.Hour, start.AddDays(day),
            i.Value, i.Parameter.DefaultUnit, "N", true, ReadingMarks.None, i.Value, i.Value)))];
        var packet = new RawPacket(start, "127.0.0.1:50000", station, "2061", PacketVerdict.Accepted, null, Encoding.ASCII.GetBytes(station));
        await store.WriteAsync([new IngestRecord(packet, readings)], Ct);
    }
}
