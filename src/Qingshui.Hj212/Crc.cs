namespace Qingshui.Hj212;

/// <summary>
/// HJ 212 CRC16 ("ANSI CRC16", HJ 212-2017 Appendix A) and the CRC-16/MODBUS variants some field devices send instead.
/// </summary>
/// <remarks>
/// The HJ 212 algorithm keeps only the register's high byte before XOR-ing the next byte
/// (<c>reg = (reg &gt;&gt; 8) ^ b</c>) and then shifts eight times with the polynomial 0xA001. That differs from
/// CRC-16/MODBUS, which XORs into the low byte and keeps all 16 bits. Check values for <c>123456789</c>:
/// HJ 212 <c>2F80</c>, MODBUS <c>4B37</c>. The CRC covers the data segment only (not the header, length, CRC or
/// terminator) and is computed over bytes, never over UTF-16 characters.
/// </remarks>
public static class Crc
{
    // After (reg >> 8) ^ b the register is below 256, so the eight shift/XOR steps depend on one byte only:
    // one table lookup per byte gives the same result as the standard's bit loop.
    private static readonly ushort[] ShiftTable = BuildShiftTable();

    // Only the high byte of each step feeds the next: x' = High[x] ^ b, and the CRC is ShiftTable[x] of the last x.
    // High is linear over GF(2) (the shift/XOR steps are), so eight bytes fold into one lookup chain:
    // x'' = High^8[x] ^ High^7[b1] ^ … ^ High^1[b7] ^ b8, where the seven byte lookups do not wait for each other.
    private static readonly byte[][] HighPowers = BuildHighPowers();

    /// <summary>Computes the HJ 212 CRC16 of a data segment.</summary>
    public static ushort ComputeHj212(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return 0xFFFF;
        }

        byte[][] h = HighPowers;
        byte[] h1 = h[1], h2 = h[2], h3 = h[3], h4 = h[4], h5 = h[5], h6 = h[6], h7 = h[7], h8 = h[8];
        int x = 0xFF ^ data[0];
        int i = 1;
        for (; i + 8 <= data.Length; i += 8)
        {
            ReadOnlySpan<byte> b = data.Slice(i, 8);
            x = h8[x] ^ h7[b[0]] ^ h6[b[1]] ^ h5[b[2]] ^ h4[b[3]] ^ h3[b[4]] ^ h2[b[5]] ^ h1[b[6]] ^ b[7];
        }

        for (; i < data.Length; i++)
        {
            x = h1[x] ^ data[i];
        }

        return ShiftTable[x];
    }

    /// <summary>Computes CRC-16/MODBUS (init 0xFFFF, reflected polynomial 0xA001), as written low byte last.</summary>
    public static ushort ComputeModbus(ReadOnlySpan<byte> data)
    {
        ushort[] table = ShiftTable;
        int reg = 0xFFFF;
        foreach (byte b in data)
        {
            reg = (reg >> 8) ^ table[(reg ^ b) & 0xFF];
        }

        return (ushort)reg;
    }

    /// <summary>Computes CRC-16/MODBUS with its two bytes swapped, as some data loggers write it.</summary>
    public static ushort ComputeModbusByteSwapped(ReadOnlySpan<byte> data)
    {
        ushort crc = ComputeModbus(data);
        return unchecked((ushort)((crc << 8) | (crc >> 8)));
    }

    /// <summary>Computes the CRC of <paramref name="data"/> with the given algorithm.</summary>
    public static ushort Compute(CrcAlgorithm algorithm, ReadOnlySpan<byte> data) => algorithm switch
    {
        CrcAlgorithm.Hj212 => ComputeHj212(data),
        CrcAlgorithm.Modbus => ComputeModbus(data),
        CrcAlgorithm.ModbusByteSwapped => ComputeModbusByteSwapped(data),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
    };

    /// <summary>Writes a CRC as four upper-case hexadecimal digits, high byte first.</summary>
    public static void WriteHex(ushort crc, Span<byte> destination)
    {
        ReadOnlySpan<byte> digits = "0123456789ABCDEF"u8;
        destination[0] = digits[(crc >> 12) & 0xF];
        destination[1] = digits[(crc >> 8) & 0xF];
        destination[2] = digits[(crc >> 4) & 0xF];
        destination[3] = digits[crc & 0xF];
    }

    /// <summary>Parses four hexadecimal digits, upper or lower case.</summary>
    public static bool TryParseHex(ReadOnlySpan<byte> text, out ushort crc)
    {
        crc = 0;
        if (text.Length != 4)
        {
            return false;
        }

        int value = 0;
        foreach (byte c in text)
        {
            int digit = HexValue(c);
            if (digit < 0)
            {
                return false;
            }

            value = (value << 4) | digit;
        }

        crc = (ushort)value;
        return true;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => -1,
    };

    private static byte[][] BuildHighPowers()
    {
        var powers = new byte[9][];
        powers[0] = new byte[256];
        for (int x = 0; x < 256; x++)
        {
            powers[0][x] = (byte)x;
        }

        for (int k = 1; k <= 8; k++)
        {
            powers[k] = new byte[256];
            for (int x = 0; x < 256; x++)
            {
                powers[k][x] = (byte)(ShiftTable[powers[k - 1][x]] >> 8);
            }
        }

        return powers;
    }

    private static ushort[] BuildShiftTable()
    {
        var table = new ushort[256];
        for (int i = 0; i < 256; i++)
        {
            int reg = i;
            for (int bit = 0; bit < 8; bit++)
            {
                bool lsb = (reg & 1) != 0;
                reg >>= 1;
                if (lsb)
                {
                    reg ^= 0xA001;
                }
            }

            table[i] = (ushort)reg;
        }

        return table;
    }
}
