using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Storage.Assessment;

namespace Qingshui.Storage.Tests.Assessment;

public sealed class SqliteYearClassesTests() : YearClassesTests(StoreBackend.Sqlite);

public sealed class PostgresYearClassesTests() : YearClassesTests(StoreBackend.Postgres);

/// <summary>A network's year of four-hourly values loaded into a store, read back by a scan and classified: the same classes as in memory.</summary>
public abstract class YearClassesTests(StoreBackend backend) : BackendStoreTests<IBulkReadingStore>(backend)
{
    private const int Year = 2023, ValuesPerDay = 6;
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset NewYear = new(Year, 1, 1, 0, 0, 0, Beijing);
    private static readonly EvaluationRule Rule = EvaluationRule.FivePlusX();

    // Parameters written: the seven GB 3838 items the automatic stations measure, and conductivity, which is none.
    private static readonly (string Code, StandardItem? Item)[] Parameters =
    [
        ("w01010", Gb3838Table1.WaterTemperature), ("w01001", Gb3838Table1.PH), ("w01009", Gb3838Table1.DissolvedOxygen), ("w01014", null),
        ("w01019", Gb3838Table1.PermanganateIndex), ("w21003", Gb3838Table1.AmmoniaNitrogen), ("w21011", Gb3838Table1.TotalPhosphorus),
        ("w21001", Gb3838Table1.TotalNitrogen),
    ];

    private static readonly SectionStation[] Sections =
    [
        new("S0", "M0", WaterbodyKind.River), new("S1", "M1", WaterbodyKind.River), new("S2", "M2", WaterbodyKind.Lake),
        new("S3", "M3", WaterbodyKind.River), new("S4", "M4", WaterbodyKind.Reservoir),
    ];

    [Fact]
    public async Task ReadAndAssess_AYearLoadedIntoTheStore_GivesTheInMemoryPipelinesClasses()
    {
        int slots = 365 * ValuesPerDay;
        var inMemory = new YearGrid(Sections, Year, Beijing, ValuesPerDay);
        for (int month = 1; month <= 12; month++)
        {
            var readings = new List<Reading>();
            for (int s = 0; s < Sections.Length; s++)
            {
                for (int slot = SlotOf(month); slot < (month == 12 ? slots : SlotOf(month + 1)); slot++)
                {
                    foreach ((string code, StandardItem? item) in Parameters)
                    {
                        (decimal value, bool valid) = ValueOf(s, code, slot);
                        // Station M3 reports total phosphorus in µg/L: the scan converts it as assessment does.
                        Unit unit = s == 3 && item == Gb3838Table1.TotalPhosphorus ? Unit.MicrogramPerLitre : item?.Unit ?? Unit.MicrosiemensPerCentimetre;
                        readings.Add(new Reading(Sections[s].StationId, code, ReadingKind.FourHour, NewYear.AddHours(4 * slot),
                            unit == Unit.MicrogramPerLitre ? value * 1000 : value, unit, valid ? "N" : "D", valid));
                        if (item is not null)
                        {
                            inMemory.Put(s, item, slot, value, valid);
                        }
                    }
                }
            }

            await Store.LoadAsync(readings, Ct);
        }

        // Left out of the grid: a value between two four-hour slots, and a station no section has.
        await Store.LoadAsync(
        [
            new Reading("M1", "w21003", ReadingKind.FourHour, NewYear.AddDays(40).AddHours(2), 9m, Unit.MilligramPerLitre, "N", true),
            new Reading("X9", "w21003", ReadingKind.FourHour, NewYear.AddDays(40), 9m, Unit.MilligramPerLitre, "N", true),
        ], Ct);

        YearGrid fromStore = await YearClasses.ReadAsync(Store, Sections, Year, Beijing, ReadingKind.FourHour, ValuesPerDay, Ct);
        SectionYear[] expected = YearClasses.Assess(inMemory, Rule);
        SectionYear[] actual = YearClasses.Assess(fromStore, Rule, parallelism: 2);

        // The value between slots reaches the grid and is left out; conductivity and X9 are not read at all (the scan
        // is limited to the series the grid takes).
        Assert.Equal((1L, 0L, 0L, 0L), fromStore.LeftOut);
        Assert.Equal(expected.Select(Summary), actual.Select(Summary));
        // The network is not uniform: classes differ between sections and months, and some months have no class.
        Assert.True(actual.SelectMany(y => y.Months).Select(m => m.Class).Distinct().Count() >= 3);
    }

    [Fact]
    public async Task ReadAndAssess_MonthlyMeans_EqualThoseOfTheObservationPath()
    {
        var readings = new List<Reading>();
        for (int slot = 0; slot < 365 * ValuesPerDay; slot++)
        {
            (decimal value, bool valid) = ValueOf(1, "w21003", slot);
            readings.Add(new Reading("M1", "w21003", ReadingKind.FourHour, NewYear.AddHours(4 * slot), value, Unit.MilligramPerLitre, valid ? "N" : "D", valid));
        }

        await Store.LoadAsync(readings, Ct);

        YearGrid grid = await YearClasses.ReadAsync(Store, Sections, Year, Beijing, ReadingKind.FourHour, ValuesPerDay, Ct);
        SectionYear year = YearClasses.Assess(grid, Rule)[1];
        IReadOnlyList<PeriodMean> months = PeriodAggregator.Aggregate(Observations.FromReadings(readings), PeriodKind.Month);
        Assert.Equal(months.Select(m => m.Mean), year.Months.Select(m => m.Items.Single(i => i.Item == Gb3838Table1.AmmoniaNitrogen).Value));
        Assert.Equal(PeriodAggregator.Aggregate(Observations.FromReadings(readings), PeriodKind.Year).Single().Mean,
            year.Year.Items.Single(i => i.Item == Gb3838Table1.AmmoniaNitrogen).Value);
    }

    private static int SlotOf(int month) => (new DateOnly(Year, month, 1).DayNumber - new DateOnly(Year, 1, 1).DayNumber) * ValuesPerDay;

    // Deterministic values with the decimals instruments give; one section polluted in summer, one value in 97 invalid, and
    // section 4 missing pH in March (a month without a class under 5+X).
    private static (decimal Value, bool Valid) ValueOf(int section, string code, int slot)
    {
        int month = new DateOnly(Year, 1, 1).AddDays(slot / ValuesPerDay).Month;
        decimal wave = ((section * 31) + (slot * 17)) % 23 / 23m;
        decimal polluted = section == 2 && month is 6 or 7 or 8 ? 1 : 0;
        bool valid = (slot + section) % 97 != 0 && !(section == 4 && month == 3 && code == "w01001");
        decimal value = code switch
        {
            "w01010" => Math.Round(12 + (10 * wave), 1),
            "w01001" => Math.Round(7.2m + (0.6m * wave), 2),
            "w01009" => Math.Round(8.5m - (3 * wave) - (2 * polluted), 2),
            "w01014" => Math.Round(250 + (40 * wave), 1),
            "w01019" => Math.Round(2 + (2.5m * wave) + (3 * polluted) + (section * 0.4m), 1),
            "w21003" => Math.Round(0.15m + (0.4m * wave) + (0.8m * polluted) + (section * 0.07m), 3),
            "w21011" => Math.Round(0.04m + (0.08m * wave) + (0.1m * polluted), 3),
            _ => Math.Round(0.8m + wave + polluted, 2),
        };
        return (value, valid);
    }

    private static string Summary(SectionYear year) =>
        $"{year.SectionId}: " + string.Join(" | ", year.Months.Append(year.Year).Select(a =>
            $"{a.Class?.ToString() ?? "-"} " + string.Join(",", a.Items.Select(i => $"{i.Item.Id}={i.Value}"))));
}
