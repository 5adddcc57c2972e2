namespace Qingshui.Hj212;

/// <summary>The CRC algorithms seen on HJ 212 links.</summary>
public enum CrcAlgorithm
{
    /// <summary>The standard's own CRC16 (HJ 212-2017 Appendix A).</summary>
    Hj212,

    /// <summary>CRC-16/MODBUS, which some data loggers send by mistake.</summary>
    Modbus,

    /// <summary>CRC-16/MODBUS with its bytes swapped.</summary>
    ModbusByteSwapped,
}
