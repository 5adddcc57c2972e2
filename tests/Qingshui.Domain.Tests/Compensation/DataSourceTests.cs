using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Presets;

namespace Qingshui.Domain.Tests.Compensation;

/// <summary>Which stations' data decide a section's class: one named station, a precedence order, or an equal-weight mean.</summary>
public sealed class DataSourceTests
{
    private const string Jiangxi = "360300A00000000000000201";
    private const string Hunan = "430281A00000000000000202";

    private static Agreement With(DataSourceKind kind, params string[] stations)
    {
        Agreement lushui = AgreementPresets.Load("lushui-2019");
        return lushui with { Sections = [lushui.Sections[0] with { Source = new SectionDataSource(kind, stations) }] };
    }

    // Jiangxi's station reads Class Ⅱ all year; Hunan's reads Class Ⅲ in March and reports four times a day.
    private static Dictionary<string, IReadOnlyList<Observation>> TwoStations(bool hunanReportsMarch = true) => new()
    {
        [Jiangxi] = CompensationData.Year(2020, _ => WaterClass.II).ToList(),
        [Hunan] = Enumerable.Range(0, 4).SelectMany(h => CompensationData.Year(2020, m => m == 3 ? (hunanReportsMarch ? WaterClass.III : null) : WaterClass.II)
            .Select(o => o with { Time = o.Time.AddHours(h * 3) })).ToList(),
    };

    private static PeriodAccount March(Agreement agreement, Dictionary<string, IReadOnlyList<Observation>> data) => CompensationEngine.Compute(agreement, 2020, data)[2];

    [Fact]
    public void TwoStationsOneClassApart_TheAccountFollowsTheNamedStation_AndShowsBoth()
    {
        PeriodAccount jiangxi = March(With(DataSourceKind.Station, Jiangxi), TwoStations());
        PeriodAccount hunan = March(With(DataSourceKind.Station, Hunan), TwoStations());

        Assert.Equal((WaterClass.II, WaterClass.III), (jiangxi.Class!.Value, hunan.Class!.Value));
        SourceEvidence source = jiangxi.Evidence[0].Source!;
        Assert.Equal([Jiangxi], source.Used);
        Assert.Equal([(Jiangxi, (WaterClass?)WaterClass.II), (Hunan, WaterClass.III)], source.Stations.Select(s => (s.Station, s.Class)));
        Assert.Equal(0.9m, source.Stations[1].Means.Single(m => m.Item == Gb3838Table1.AmmoniaNitrogen).Mean);
    }

    [Fact]
    public void Precedence_UsesTheFirstStationWithAClass_ThenTheNext()
    {
        Assert.Equal(WaterClass.III, March(With(DataSourceKind.Precedence, Hunan, Jiangxi), TwoStations()).Class);

        PeriodAccount fallback = March(With(DataSourceKind.Precedence, Hunan, Jiangxi), TwoStations(hunanReportsMarch: false));
        Assert.Equal(WaterClass.II, fallback.Class);
        Assert.Equal([Jiangxi], fallback.Evidence[0].Source!.Used);
    }

    [Fact]
    public void EqualMean_WeighsEachStationTheSame_HoweverOftenItReports()
    {
        // NH3-N 0.4 (Jiangxi, once a day) and 0.9 (Hunan, four times a day): 0.65, not the pooled 0.8.
        PeriodAccount march = March(With(DataSourceKind.EqualMean, Jiangxi, Hunan), TwoStations());

        Assert.Equal(0.65m, march.Evidence[0].Means.Single(m => m.Item == Gb3838Table1.AmmoniaNitrogen).Mean);
        Assert.Equal(WaterClass.III, march.Class);
        Assert.Equal([Jiangxi, Hunan], march.Evidence[0].Source!.Used);
    }

    [Fact]
    public void SourceEvidence_IsRecordedAndReadBackExactly()
    {
        PeriodAccount march = March(With(DataSourceKind.Precedence, Hunan, Jiangxi), TwoStations());
        string text = LedgerJson.Write(new AccountRecorded(march, DateTimeOffset.UnixEpoch, "engine"));

        Assert.Contains("\"source\":{\"kind\":\"precedence\",\"used\":[\"430281A00000000000000202\"],\"stations\":[", text, StringComparison.Ordinal);
        Assert.Equal(text, LedgerJson.Write(LedgerJson.Read(text, "lushui-2019")));
    }

    [Fact]
    public void AgreementFile_ReadsAndWritesTheTerm_AndRejectsBadOnes()
    {
        string text = AgreementPresets.Text("lushui-2019")!;
        string good = text.Replace("\"430281A00000000000000202\"]", "\"430281A00000000000000202\"], \"dataSource\": { \"kind\": \"precedence\", \"stations\": [\"430281A00000000000000202\", \"360300A00000000000000201\"] }", StringComparison.Ordinal);
        string bad = text.Replace("\"430281A00000000000000202\"]", "\"430281A00000000000000202\"], \"dataSource\": { \"kind\": \"station\", \"stations\": [\"X\", \"430281A00000000000000202\", \"360300A00000000000000201\"] }", StringComparison.Ordinal);

        Agreement agreement = AgreementFile.Parse(good).Agreement!;

        Assert.Equal(new[] { Hunan, Jiangxi }, agreement.Sections[0].Source!.Stations);
        Assert.Equal(AgreementFile.Write(agreement), AgreementFile.Write(AgreementFile.Parse(AgreementFile.Write(agreement)).Agreement!));
        Assert.Equal(
            ["$.sections[0].dataSource.stations[0]: 'X' is not one of the section's stations", "$.sections[0].dataSource.stations: 'station' names exactly one station"],
            AgreementFile.Parse(bad).Errors.Select(e => e.ToString()));
    }
}
