namespace Qingshui.Domain.Parameters;

/// <summary>
/// The surface-water parameters Qingshui knows: HJ 212-2017 codes with their 2005 codes and default units
/// (HJ 212-2017 Table B.1), extension codes used by surface-water stations, and the national release's column names.
/// </summary>
/// <remarks>Unknown codes are not an error: readings keep the code as sent, so nothing a station reports is lost.</remarks>
public static class ParameterCatalogue
{
    /// <summary>pH (w01001).</summary>
    public static Parameter PH { get; } = new("w01001", "001", "pH", "pH", "pH", Unit.Dimensionless, "pH(无量纲)");

    /// <summary>溶解氧, dissolved oxygen (w01009).</summary>
    public static Parameter DissolvedOxygen { get; } = new("w01009", null, "DO", "溶解氧", "dissolved oxygen", Unit.MilligramPerLitre, "溶解氧(mg/L)");

    /// <summary>水温, water temperature (w01010).</summary>
    public static Parameter WaterTemperature { get; } = new("w01010", null, "WT", "水温", "water temperature", Unit.DegreeCelsius, "水温(℃)");

    /// <summary>高锰酸盐指数, permanganate index (w01019).</summary>
    public static Parameter PermanganateIndex { get; } = new("w01019", null, "CODMn", "高锰酸盐指数", "permanganate index", Unit.MilligramPerLitre, "高锰酸盐指数(mg/L)");

    /// <summary>氨氮, ammonia nitrogen (w21003).</summary>
    public static Parameter AmmoniaNitrogen { get; } = new("w21003", "060", "NH3-N", "氨氮", "ammonia nitrogen", Unit.MilligramPerLitre, "氨氮(mg/L)");

    /// <summary>总磷, total phosphorus (w21011).</summary>
    public static Parameter TotalPhosphorus { get; } = new("w21011", "101", "TP", "总磷", "total phosphorus", Unit.MilligramPerLitre, "总磷(mg/L)");

    /// <summary>总氮, total nitrogen (w21001).</summary>
    public static Parameter TotalNitrogen { get; } = new("w21001", "065", "TN", "总氮", "total nitrogen", Unit.MilligramPerLitre, "总氮(mg/L)");

    /// <summary>电导率, conductivity (w01014).</summary>
    public static Parameter Conductivity { get; } = new("w01014", null, "EC", "电导率", "conductivity", Unit.MicrosiemensPerCentimetre, "电导率(μS/cm)");

    /// <summary>浊度, turbidity (w01003, extension code).</summary>
    public static Parameter Turbidity { get; } = new("w01003", null, "Turb", "浊度", "turbidity", Unit.Ntu, "浊度(NTU)");

    /// <summary>Every known parameter.</summary>
    public static IReadOnlyList<Parameter> All { get; } =
    [
        PH, DissolvedOxygen, WaterTemperature, Conductivity, Turbidity, PermanganateIndex, AmmoniaNitrogen, TotalPhosphorus, TotalNitrogen,
        new("w01004", null, "SD", "透明度", "transparency", Unit.Metre),
        new("w01016", null, "Chla", "叶绿素a", "chlorophyll a", Unit.MilligramPerLitre, "叶绿素α(mg/L)"),
        new("w19011", null, "Algae", "藻密度", "algal density", Unit.CellsPerLitre, "藻密度(cells/L)"),
        new("w01017", "010", "BOD5", "五日生化需氧量", "five-day biochemical oxygen demand", Unit.MilligramPerLitre),
        new("w01018", "011", "COD", "化学需氧量", "chemical oxygen demand", Unit.MilligramPerLitre),
        new("w02003", "550", "FC", "粪大肠菌群", "fecal coliform", Unit.CountPerLitre),
        new("w19002", "520", "LAS", "阴离子表面活性剂", "anionic surfactant", Unit.MilligramPerLitre),
        new("w20111", "020", "Hg", "总汞", "mercury", Unit.MicrogramPerLitre),
        new("w20115", "022", "Cd", "总镉", "cadmium", Unit.MicrogramPerLitre),
        new("w20117", "024", "Cr6", "六价铬", "hexavalent chromium", Unit.MicrogramPerLitre),
        new("w20119", "026", "As", "总砷", "arsenic", Unit.MicrogramPerLitre),
        new("w20120", "027", "Pb", "总铅", "lead", Unit.MicrogramPerLitre),
        new("w20122", "029", "Cu", "总铜", "copper", Unit.MilligramPerLitre),
        new("w20123", "030", "Zn", "总锌", "zinc", Unit.MilligramPerLitre),
        new("w20124", "031", "Mn", "总锰", "manganese", Unit.MilligramPerLitre),
        new("w20125", "032", "Fe", "总铁", "iron", Unit.MilligramPerLitre),
        new("w20128", "035", "Se", "总硒", "selenium", Unit.MicrogramPerLitre),
        new("w21007", "064", "NO3-N", "硝酸盐", "nitrate", Unit.MilligramPerLitre),
        new("w21016", "070", "CN", "氰化物", "cyanide", Unit.MilligramPerLitre),
        new("w21017", "072", "F", "氟化物", "fluoride", Unit.MilligramPerLitre),
        new("w21019", "071", "S2", "硫化物", "sulfide", Unit.MilligramPerLitre),
        new("w21022", "090", "Cl", "氯化物", "chloride", Unit.MilligramPerLitre),
        new("w21038", null, "SO4", "硫酸盐", "sulfate", Unit.MilligramPerLitre),
        new("w22001", "080", "Oil", "石油类", "petroleum", Unit.MilligramPerLitre),
        new("w23002", "110", "VP", "挥发酚", "volatile phenol", Unit.MilligramPerLitre),
        new("w00000", "B01", "Flow", "污水流量", "flow", Unit.LitrePerSecond),
    ];

    private static readonly Dictionary<string, Parameter> ByCode = All.ToDictionary(p => p.Code, StringComparer.Ordinal);
    private static readonly Dictionary<string, Parameter> ByLegacyCode =
        All.Where(p => p.LegacyCode is not null).ToDictionary(p => p.LegacyCode!, StringComparer.Ordinal);

    /// <summary>Finds a parameter by its 2017 code.</summary>
    public static Parameter? Find(string code) => ByCode.GetValueOrDefault(code);

    /// <summary>Finds a parameter by the code a station sends under its edition (6-character or 3-character).</summary>
    public static Parameter? FindWireCode(string code, bool legacyEdition) =>
        legacyEdition ? ByLegacyCode.GetValueOrDefault(code) ?? ByCode.GetValueOrDefault(code) : ByCode.GetValueOrDefault(code);
}
