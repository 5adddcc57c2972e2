namespace Qingshui.Domain.Network;

/// <summary>How strictly a station's CRC is checked; anything but <see cref="Strict"/> marks every reading it lets in.</summary>
public enum CrcPolicy
{
    /// <summary>Only the HJ 212 CRC (default).</summary>
    Strict,

    /// <summary>Also CRC-16/MODBUS and its byte-swapped form, which some loggers send.</summary>
    AcceptModbus,

    /// <summary>The CRC field is not checked.</summary>
    NoCheck,
}
