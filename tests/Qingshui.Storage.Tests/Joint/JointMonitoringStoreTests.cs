using Qingshui.Domain.Assessment;
using Qingshui.Domain.Joint;
using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Tests.Joint;

public abstract class JointMonitoringStoreTests(StoreBackend backend) : BackendStoreTests<IDiscrepancyStore>(backend)
{
    private static readonly DateTimeOffset Now = new(2024, 4, 2, 9, 0, 0, TimeSpan.FromHours(8));

    // Both backends' stores keep sampling events too.
    private ISamplingStore Sampling => (ISamplingStore)Store;

    private static Discrepancy March(string item = "NH3N") => new(0, "jinyushi", "A", "B", ["jiangxi", "hunan"], item,
        Period.Containing(PeriodKind.Month, new DateOnly(2024, 3, 1)), 1.2m, 0.8m, 0.4m, "±0.1 or ±20 %", Now, null);

    [Fact]
    public async Task Open_TheSamePairItemAndPeriodTwice_StoresOneRecord()
    {
        IReadOnlyList<Discrepancy> first = await Store.OpenAsync([March(), March("TP")], Ct);
        IReadOnlyList<Discrepancy> again = await Store.OpenAsync([March() with { MeanA = 1.3m }], Ct);

        Assert.Equal(2, first.Count);
        Assert.Empty(again);
        Discrepancy found = (await Store.FindDiscrepancyAsync(first[0].Id, Ct))!;
        Assert.Equal(("2024-03", PeriodKind.Month, 1.2m, 0.8m, 0.4m, true), (found.Period.ToString(), found.Period.Kind, found.MeanA, found.MeanB, found.Difference, found.IsOpen));
        Assert.Equal(["jiangxi", "hunan"], found.Jurisdictions);
    }

    [Fact]
    public async Task Open_Several_GivesThemIdsInTheOrderGiven_AndListsFilterAndPage()
    {
        IReadOnlyList<Discrepancy> opened = await Store.OpenAsync([March("TP"), March("NH3N"), March("DO") with { Section = "other" }], Ct);

        Assert.Equal(["TP", "NH3N", "DO"], opened.Select(d => d.ItemId));
        Assert.True(opened[0].Id < opened[1].Id && opened[1].Id < opened[2].Id);
        Assert.Equal([opened[2].Id, opened[1].Id], (await Store.ListDiscrepanciesAsync(new DiscrepancyQuery(2), Ct)).Select(d => d.Id));
        Assert.Equal([opened[0].Id], (await Store.ListDiscrepanciesAsync(new DiscrepancyQuery(10, Before: opened[1].Id), Ct)).Select(d => d.Id));
        Assert.Equal([opened[1].Id, opened[0].Id], (await Store.ListDiscrepanciesAsync(new DiscrepancyQuery(10, Section: "jinyushi"), Ct)).Select(d => d.Id));
        Assert.Equal([opened[1].Id], (await Store.ListDiscrepanciesAsync(new DiscrepancyQuery(10, ItemId: "NH3N", Open: true), Ct)).Select(d => d.Id));
        Assert.Empty(await Store.ListDiscrepanciesAsync(new DiscrepancyQuery(10, Year: 2023), Ct));
    }

    [Fact]
    public async Task Close_RecordsCauseWhoAndWhen_Once()
    {
        long id = (await Store.OpenAsync([March()], Ct))[0].Id;
        var closing = new DiscrepancyClosing(DiscrepancyCause.CalibrationDrift, "Hunan analyser recalibrated 2024-04-03", "hn-operator", "hunan", Now.AddDays(1));

        Discrepancy? closed = await Store.CloseAsync(id, closing, Ct);
        Discrepancy? twice = await Store.CloseAsync(id, closing with { Actor = "jx-operator" }, Ct);

        Assert.Equal(closing, closed!.Closing);
        Assert.Null(twice);
        Assert.Equal([], (await Store.ListDiscrepanciesAsync(new DiscrepancyQuery(10, Open: true), Ct)).Select(d => d.Id));
        Assert.Equal([id], (await Store.ListDiscrepanciesAsync(new DiscrepancyQuery(10, Open: false, Year: 2024), Ct)).Select(d => d.Id));
    }

    [Fact]
    public async Task Sampling_CreateSetResultsAndFind_GivesBackWhatWasWritten()
    {
        var e = new SamplingEvent(0, "jinyushi", Now, "left bank, 20 m above the intake", [new Sampler("jiangxi", "Li"), new Sampler("hunan", "Wang")],
            ["JYS-1"], [], [new string('a', 64)], "", "office-coordinator", "joint-office", Now);
        SamplingEvent stored = await Sampling.CreateSamplingAsync(e, Ct);
        LabResult[] results = [new("JYS-1", "Pingxiang", "jiangxi", "TP", 0.01m, true), new("JYS-1", "Zhuzhou", "hunan", "TP", 0.03m, false)];

        Assert.True(await Sampling.SetResultsAsync(stored.Id, results, Ct));
        Assert.False(await Sampling.SetResultsAsync(stored.Id + 1, results, Ct));
        SamplingEvent found = (await Sampling.FindSamplingAsync(stored.Id, Ct))!;

        Assert.Equal((Now, e.Place, "Wang"), (found.SampledAt, found.Place, found.Samplers[1].Name));
        Assert.Equal(results, found.Results);
        Assert.Equal([stored.Id], (await Sampling.ListSamplingAsync(new SamplingQuery(10, "jinyushi", Now.AddHours(-1), Now.AddHours(1)), Ct)).Select(s => s.Id));
    }
}

public sealed class SqliteJointMonitoringStoreTests() : JointMonitoringStoreTests(StoreBackend.Sqlite);

public sealed class PostgresJointMonitoringStoreTests() : JointMonitoringStoreTests(StoreBackend.Postgres);
