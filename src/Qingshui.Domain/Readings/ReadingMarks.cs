namespace Qingshui.Domain.Readings;

/// <summary>How a reading was let in when that was not the strict default; kept with the value so disputes can see it.</summary>
[Flags]
public enum ReadingMarks
{
    /// <summary>Accepted strictly.</summary>
    None = 0,

    /// <summary>Its packet carried a CRC-16/MODBUS instead of the HJ 212 CRC (station tolerance).</summary>
    ModbusCrc = 1,

    /// <summary>Its packet carried a byte-swapped CRC-16/MODBUS (station tolerance).</summary>
    ModbusByteSwappedCrc = 2,

    /// <summary>Its packet's CRC was not checked (station tolerance).</summary>
    CrcUnchecked = 4,

    /// <summary>It came from a split message that never completed.</summary>
    PartialMessage = 8,

    /// <summary>Its packet departed from the station's configured edition.</summary>
    EditionMismatch = 16,

    /// <summary>The value is physically impossible for its parameter (a negative concentration, pH above 14); stored, but not valid.</summary>
    OutOfPhysicalRange = 32,

    /// <summary>A reviewer decided on it (confirmed, invalidated or corrected it): a retransmission of the station's value no longer replaces it.</summary>
    Reviewed = 64,
}
