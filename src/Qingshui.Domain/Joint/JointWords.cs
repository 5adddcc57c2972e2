namespace Qingshui.Domain.Joint;

/// <summary>The words the store, the API and reports use for joint-monitoring values.</summary>
public static class JointWords
{
    /// <summary>Discrepancy cause by word.</summary>
    public static IReadOnlyDictionary<string, DiscrepancyCause> CauseByWord { get; } = new Dictionary<string, DiscrepancyCause>(StringComparer.Ordinal)
    {
        ["instrument-fault"] = DiscrepancyCause.InstrumentFault,
        ["calibration-drift"] = DiscrepancyCause.CalibrationDrift,
        ["sampling-position"] = DiscrepancyCause.SamplingPosition,
        ["maintenance"] = DiscrepancyCause.Maintenance,
        ["transmission"] = DiscrepancyCause.Transmission,
        ["real-difference"] = DiscrepancyCause.RealDifference,
        ["other"] = DiscrepancyCause.Other,
    };

    /// <summary>Chinese names of the causes, for reports.</summary>
    public static IReadOnlyDictionary<DiscrepancyCause, string> CauseChinese { get; } = new Dictionary<DiscrepancyCause, string>
    {
        [DiscrepancyCause.InstrumentFault] = "仪器故障",
        [DiscrepancyCause.CalibrationDrift] = "校准漂移",
        [DiscrepancyCause.SamplingPosition] = "采水位置差异",
        [DiscrepancyCause.Maintenance] = "运维或停机",
        [DiscrepancyCause.Transmission] = "数据传输",
        [DiscrepancyCause.RealDifference] = "水质确有差异",
        [DiscrepancyCause.Other] = "其他",
    };

    /// <summary>The word of a cause.</summary>
    public static string Word(DiscrepancyCause cause) => CauseByWord.First(p => p.Value == cause).Key;
}
