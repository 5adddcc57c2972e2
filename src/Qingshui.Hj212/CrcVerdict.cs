namespace Qingshui.Hj212;

/// <summary>Which CRC a frame's CRC field matched.</summary>
public enum CrcVerdict
{
    /// <summary>The HJ 212 CRC matched.</summary>
    Hj212,

    /// <summary>Only CRC-16/MODBUS matched (accepted under <see cref="CrcTolerance.AcceptModbus"/>).</summary>
    Modbus,

    /// <summary>Only byte-swapped CRC-16/MODBUS matched (accepted under <see cref="CrcTolerance.AcceptModbus"/>).</summary>
    ModbusByteSwapped,

    /// <summary>No CRC matched; accepted only under <see cref="CrcTolerance.NoCheck"/>.</summary>
    Unchecked,
}
