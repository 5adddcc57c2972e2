namespace Qingshui.Domain.Joint;

/// <summary>Why two stations at one section disagreed, as found by those who closed the discrepancy (差异原因).</summary>
public enum DiscrepancyCause
{
    /// <summary>An analyser fault or reagent problem at one station.</summary>
    InstrumentFault,

    /// <summary>Calibration drift or a wrong standard at one station.</summary>
    CalibrationDrift,

    /// <summary>The intakes draw different water (bank, depth, mixing).</summary>
    SamplingPosition,

    /// <summary>Maintenance, an outage or a stopped pump made one station's data unrepresentative.</summary>
    Maintenance,

    /// <summary>Data lost or altered between logger and platform.</summary>
    Transmission,

    /// <summary>The water really differed (a discharge near one intake, incomplete mixing).</summary>
    RealDifference,

    /// <summary>Another cause, said in the text.</summary>
    Other,
}
