namespace Qingshui.Hj212;

/// <summary>
/// How strictly a station's CRC is checked. Off (<see cref="Strict"/>) by default; every reading accepted under a
/// tolerance is marked with the tolerance that let it in.
/// </summary>
public enum CrcTolerance
{
    /// <summary>Only the HJ 212 CRC is accepted.</summary>
    Strict,

    /// <summary>The HJ 212 CRC, CRC-16/MODBUS or byte-swapped MODBUS is accepted.</summary>
    AcceptModbus,

    /// <summary>The CRC field must be four hexadecimal digits, but its value is not checked.</summary>
    NoCheck,
}
