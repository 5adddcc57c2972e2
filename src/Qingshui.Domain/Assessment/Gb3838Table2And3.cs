using Qingshui.Domain.Parameters;

namespace Qingshui.Domain.Assessment;

/// <summary>
/// GB 3838-2002 Tables 2 and 3 (centralized drinking-water sources): single limits, mg/L. Table 3 holds only the
/// items whose limits two or more sources confirm, or one source with the structure confirmed (docs/assessment.md);
/// toluene (No. 20) and items 40–70 are left out until the official text is read.
/// </summary>
public static class Gb3838Table2And3
{
    private static StandardItem T2(int n, string id, string zh, string en, string? code, decimal limit) =>
        new(id, zh, en, StandardTable.Supplementary, n, code, Unit.MilligramPerLitre, ItemLimit.Single(limit));

    private static StandardItem T3(int n, string id, string zh, string en, decimal limit) =>
        new(id, zh, en, StandardTable.Specific, n, null, Unit.MilligramPerLitre, ItemLimit.Single(limit));

    /// <summary>Table 2: sulfate, chloride, nitrate, iron, manganese.</summary>
    public static IReadOnlyList<StandardItem> Table2 { get; } =
    [
        T2(1, "SO4", "硫酸盐(以SO42-计)", "sulfate", "w21038", 250),
        T2(2, "Cl", "氯化物(以Cl-计)", "chloride", "w21022", 250),
        T2(3, "NO3", "硝酸盐(以N计)", "nitrate", "w21007", 10),
        T2(4, "Fe", "铁", "iron", "w20125", 0.3m),
        T2(5, "Mn", "锰", "manganese", "w20124", 0.1m),
    ];

    /// <summary>Table 3: the confirmed specific items.</summary>
    public static IReadOnlyList<StandardItem> Table3 { get; } =
    [
        T3(1, "CHCl3", "三氯甲烷", "chloroform", 0.06m),
        T3(2, "CCl4", "四氯化碳", "carbon tetrachloride", 0.002m),
        T3(3, "CHBr3", "三溴甲烷", "bromoform", 0.1m),
        T3(4, "CH2Cl2", "二氯甲烷", "dichloromethane", 0.02m),
        T3(5, "DCA12", "1,2-二氯乙烷", "1,2-dichloroethane", 0.03m),
        T3(6, "ECH", "环氧氯丙烷", "epichlorohydrin", 0.02m),
        T3(7, "VC", "氯乙烯", "vinyl chloride", 0.005m),
        T3(8, "DCE11", "1,1-二氯乙烯", "1,1-dichloroethylene", 0.03m),
        T3(9, "DCE12", "1,2-二氯乙烯", "1,2-dichloroethylene", 0.05m),
        T3(10, "TCE", "三氯乙烯", "trichloroethylene", 0.07m),
        T3(11, "PCE", "四氯乙烯", "tetrachloroethylene", 0.04m),
        T3(12, "CP", "氯丁二烯", "chloroprene", 0.002m),
        T3(13, "HCBD", "六氯丁二烯", "hexachlorobutadiene", 0.0006m),
        T3(14, "Styrene", "苯乙烯", "styrene", 0.02m),
        T3(15, "HCHO", "甲醛", "formaldehyde", 0.9m),
        T3(16, "CH3CHO", "乙醛", "acetaldehyde", 0.05m),
        T3(17, "Acrolein", "丙烯醛", "acrolein", 0.1m),
        T3(18, "Chloral", "三氯乙醛", "chloral", 0.01m),
        T3(19, "Benzene", "苯", "benzene", 0.01m),
        T3(21, "Ethylbenzene", "乙苯", "ethylbenzene", 0.3m),
        T3(22, "Xylene", "二甲苯", "xylene", 0.5m),
        T3(23, "Cumene", "异丙苯", "cumene", 0.25m),
        T3(24, "Chlorobenzene", "氯苯", "chlorobenzene", 0.3m),
        T3(25, "DCB12", "1,2-二氯苯", "1,2-dichlorobenzene", 1.0m),
        T3(26, "DCB14", "1,4-二氯苯", "1,4-dichlorobenzene", 0.3m),
        T3(27, "TCB", "三氯苯", "trichlorobenzene", 0.02m),
        T3(28, "TeCB", "四氯苯", "tetrachlorobenzene", 0.02m),
        T3(29, "HCB", "六氯苯", "hexachlorobenzene", 0.05m),
        T3(30, "Nitrobenzene", "硝基苯", "nitrobenzene", 0.017m),
        T3(31, "DNB", "二硝基苯", "dinitrobenzene", 0.5m),
        T3(32, "DNT24", "2,4-二硝基甲苯", "2,4-dinitrotoluene", 0.0003m),
        T3(33, "TNT", "2,4,6-三硝基甲苯", "2,4,6-trinitrotoluene", 0.5m),
        T3(34, "NCB", "硝基氯苯", "nitrochlorobenzene", 0.05m),
        T3(35, "DNCB24", "2,4-二硝基氯苯", "2,4-dinitrochlorobenzene", 0.5m),
        T3(36, "DCP24", "2,4-二氯苯酚", "2,4-dichlorophenol", 0.093m),
        T3(37, "TCP246", "2,4,6-三氯苯酚", "2,4,6-trichlorophenol", 0.2m),
        T3(38, "PCP", "五氯酚", "pentachlorophenol", 0.009m),
        T3(39, "Aniline", "苯胺", "aniline", 0.1m),
        T3(71, "Mo", "钼", "molybdenum", 0.07m),
        T3(72, "Co", "钴", "cobalt", 1.0m),
        T3(73, "Be", "铍", "beryllium", 0.002m),
        T3(74, "B", "硼", "boron", 0.5m),
        T3(75, "Sb", "锑", "antimony", 0.005m),
        T3(76, "Ni", "镍", "nickel", 0.02m),
        T3(77, "Ba", "钡", "barium", 0.7m),
        T3(78, "V", "钒", "vanadium", 0.05m),
        T3(79, "Ti", "钛", "titanium", 0.1m),
        T3(80, "Tl", "铊", "thallium", 0.0001m),
    ];
}
