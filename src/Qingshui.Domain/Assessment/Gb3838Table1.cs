using Qingshui.Domain.Parameters;

namespace Qingshui.Domain.Assessment;

/// <summary>
/// GB 3838-2002 Table 1, 地表水环境质量标准基本项目标准限值: the 24 basic items and their limits for classes Ⅰ–Ⅴ (mg/L
/// unless stated). Values cross-checked across several independent copies (docs/assessment.md).
/// </summary>
public static class Gb3838Table1
{
    private const StandardTable T = StandardTable.Basic;
    private const Unit MgL = Unit.MilligramPerLitre;

    /// <summary>1 水温: no class limit (the standard limits human-caused weekly changes only).</summary>
    public static StandardItem WaterTemperature { get; } = new("WT", "水温", "water temperature", T, 1, "w01010", Unit.DegreeCelsius, ItemLimit.NotClassified);

    /// <summary>2 pH: 6–9 for every class.</summary>
    public static StandardItem PH { get; } = new("pH", "pH值", "pH", T, 2, "w01001", Unit.Dimensionless, ItemLimit.Range(6, 9));

    /// <summary>3 溶解氧 ≥: 饱和率90%（或7.5）, 6, 5, 3, 2. The saturation alternative for Ⅰ is not used (it needs temperature and pressure).</summary>
    public static StandardItem DissolvedOxygen { get; } = new("DO", "溶解氧", "dissolved oxygen", T, 3, "w01009", MgL, ItemLimit.Lower(7.5m, 6, 5, 3, 2));

    /// <summary>4 高锰酸盐指数 ≤ 2, 4, 6, 10, 15.</summary>
    public static StandardItem PermanganateIndex { get; } = new("CODMn", "高锰酸盐指数", "permanganate index", T, 4, "w01019", MgL, ItemLimit.Upper(2, 4, 6, 10, 15));

    /// <summary>5 化学需氧量 ≤ 15, 15, 20, 30, 40.</summary>
    public static StandardItem ChemicalOxygenDemand { get; } = new("COD", "化学需氧量(COD)", "chemical oxygen demand", T, 5, "w01018", MgL, ItemLimit.Upper(15, 15, 20, 30, 40));

    /// <summary>6 五日生化需氧量 ≤ 3, 3, 4, 6, 10.</summary>
    public static StandardItem BiochemicalOxygenDemand { get; } = new("BOD5", "五日生化需氧量(BOD5)", "five-day biochemical oxygen demand", T, 6, "w01017", MgL, ItemLimit.Upper(3, 3, 4, 6, 10));

    /// <summary>7 氨氮 ≤ 0.15, 0.5, 1.0, 1.5, 2.0.</summary>
    public static StandardItem AmmoniaNitrogen { get; } = new("NH3N", "氨氮(NH3-N)", "ammonia nitrogen", T, 7, "w21003", MgL, ItemLimit.Upper(0.15m, 0.5m, 1.0m, 1.5m, 2.0m));

    /// <summary>8 总磷 ≤ 0.02, 0.1, 0.2, 0.3, 0.4; 湖、库 0.01, 0.025, 0.05, 0.1, 0.2.</summary>
    public static StandardItem TotalPhosphorus { get; } = new("TP", "总磷(以P计)", "total phosphorus", T, 8, "w21011", MgL,
        ItemLimit.Upper(0.02m, 0.1m, 0.2m, 0.3m, 0.4m), LakeLimit: ItemLimit.Upper(0.01m, 0.025m, 0.05m, 0.1m, 0.2m));

    /// <summary>9 总氮（湖、库，以N计）≤ 0.2, 0.5, 1.0, 1.5, 2.0.</summary>
    public static StandardItem TotalNitrogen { get; } = new("TN", "总氮(湖、库,以N计)", "total nitrogen", T, 9, "w21001", MgL, ItemLimit.Upper(0.2m, 0.5m, 1.0m, 1.5m, 2.0m));

    /// <summary>10 铜 ≤ 0.01, 1.0, 1.0, 1.0, 1.0.</summary>
    public static StandardItem Copper { get; } = new("Cu", "铜", "copper", T, 10, "w20122", MgL, ItemLimit.Upper(0.01m, 1.0m, 1.0m, 1.0m, 1.0m), IsToxic: true);

    /// <summary>11 锌 ≤ 0.05, 1.0, 1.0, 2.0, 2.0.</summary>
    public static StandardItem Zinc { get; } = new("Zn", "锌", "zinc", T, 11, "w20123", MgL, ItemLimit.Upper(0.05m, 1.0m, 1.0m, 2.0m, 2.0m), IsToxic: true);

    /// <summary>12 氟化物（以F⁻计）≤ 1.0, 1.0, 1.0, 1.5, 1.5.</summary>
    public static StandardItem Fluoride { get; } = new("F", "氟化物(以F-计)", "fluoride", T, 12, "w21017", MgL, ItemLimit.Upper(1.0m, 1.0m, 1.0m, 1.5m, 1.5m));

    /// <summary>13 硒 ≤ 0.01, 0.01, 0.01, 0.02, 0.02.</summary>
    public static StandardItem Selenium { get; } = new("Se", "硒", "selenium", T, 13, "w20128", MgL, ItemLimit.Upper(0.01m, 0.01m, 0.01m, 0.02m, 0.02m), IsToxic: true);

    /// <summary>14 砷 ≤ 0.05, 0.05, 0.05, 0.1, 0.1.</summary>
    public static StandardItem Arsenic { get; } = new("As", "砷", "arsenic", T, 14, "w20119", MgL, ItemLimit.Upper(0.05m, 0.05m, 0.05m, 0.1m, 0.1m), IsToxic: true);

    /// <summary>15 汞 ≤ 0.00005, 0.00005, 0.0001, 0.001, 0.001.</summary>
    public static StandardItem Mercury { get; } = new("Hg", "汞", "mercury", T, 15, "w20111", MgL, ItemLimit.Upper(0.00005m, 0.00005m, 0.0001m, 0.001m, 0.001m), IsToxic: true);

    /// <summary>16 镉 ≤ 0.001, 0.005, 0.005, 0.005, 0.01.</summary>
    public static StandardItem Cadmium { get; } = new("Cd", "镉", "cadmium", T, 16, "w20115", MgL, ItemLimit.Upper(0.001m, 0.005m, 0.005m, 0.005m, 0.01m), IsToxic: true);

    /// <summary>17 铬（六价）≤ 0.01, 0.05, 0.05, 0.05, 0.1.</summary>
    public static StandardItem HexavalentChromium { get; } = new("Cr6", "铬(六价)", "hexavalent chromium", T, 17, "w20117", MgL, ItemLimit.Upper(0.01m, 0.05m, 0.05m, 0.05m, 0.1m), IsToxic: true);

    /// <summary>18 铅 ≤ 0.01, 0.01, 0.05, 0.05, 0.1.</summary>
    public static StandardItem Lead { get; } = new("Pb", "铅", "lead", T, 18, "w20120", MgL, ItemLimit.Upper(0.01m, 0.01m, 0.05m, 0.05m, 0.1m), IsToxic: true);

    /// <summary>19 氰化物 ≤ 0.005, 0.05, 0.2, 0.2, 0.2.</summary>
    public static StandardItem Cyanide { get; } = new("CN", "氰化物", "cyanide", T, 19, "w21016", MgL, ItemLimit.Upper(0.005m, 0.05m, 0.2m, 0.2m, 0.2m), IsToxic: true);

    /// <summary>20 挥发酚 ≤ 0.002, 0.002, 0.005, 0.01, 0.1.</summary>
    public static StandardItem VolatilePhenol { get; } = new("VP", "挥发酚", "volatile phenol", T, 20, "w23002", MgL, ItemLimit.Upper(0.002m, 0.002m, 0.005m, 0.01m, 0.1m));

    /// <summary>21 石油类 ≤ 0.05, 0.05, 0.05, 0.5, 1.0.</summary>
    public static StandardItem Petroleum { get; } = new("Oil", "石油类", "petroleum", T, 21, "w22001", MgL, ItemLimit.Upper(0.05m, 0.05m, 0.05m, 0.5m, 1.0m));

    /// <summary>22 阴离子表面活性剂 ≤ 0.2, 0.2, 0.2, 0.3, 0.3.</summary>
    public static StandardItem AnionicSurfactant { get; } = new("LAS", "阴离子表面活性剂", "anionic surfactant", T, 22, "w19002", MgL, ItemLimit.Upper(0.2m, 0.2m, 0.2m, 0.3m, 0.3m));

    /// <summary>23 硫化物 ≤ 0.05, 0.1, 0.2, 0.5, 1.0.</summary>
    public static StandardItem Sulfide { get; } = new("S2", "硫化物", "sulfide", T, 23, "w21019", MgL, ItemLimit.Upper(0.05m, 0.1m, 0.2m, 0.5m, 1.0m));

    /// <summary>24 粪大肠菌群（个/L）≤ 200, 2000, 10000, 20000, 40000.</summary>
    public static StandardItem FecalColiform { get; } = new("FC", "粪大肠菌群", "fecal coliform", T, 24, "w02003", Unit.CountPerLitre, ItemLimit.Upper(200, 2000, 10000, 20000, 40000));

    /// <summary>All 24 items in the table's order.</summary>
    public static IReadOnlyList<StandardItem> Items { get; } =
    [
        WaterTemperature, PH, DissolvedOxygen, PermanganateIndex, ChemicalOxygenDemand, BiochemicalOxygenDemand, AmmoniaNitrogen,
        TotalPhosphorus, TotalNitrogen, Copper, Zinc, Fluoride, Selenium, Arsenic, Mercury, Cadmium, HexavalentChromium, Lead,
        Cyanide, VolatilePhenol, Petroleum, AnionicSurfactant, Sulfide, FecalColiform,
    ];
}
