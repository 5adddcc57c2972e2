namespace Qingshui.Hj212;

/// <summary>What differs between editions, as data: the parser, the encoder and the checks read this table instead of branching.</summary>
/// <param name="Edition">The edition described.</param>
/// <param name="VersionBits">The Flag version field (bits 2–7) this edition writes.</param>
/// <param name="RequiresRequestId">Whether uploads must carry QN.</param>
/// <param name="RequiresFlag">Whether uploads must carry Flag.</param>
/// <param name="PollutantCodeLength">Length of the pollutant codes (6 in 2017, 3 in 2005).</param>
public sealed record EditionProfile(Hj212Edition Edition, int VersionBits, bool RequiresRequestId, bool RequiresFlag, int PollutantCodeLength)
{
    /// <summary>HJ 212-2017 (HJ 212-2017 §6.3.2, Table 3).</summary>
    public static EditionProfile Edition2017 { get; } = new(Hj212Edition.Edition2017, 1, true, true, 6);

    /// <summary>HJ/T 212-2005.</summary>
    public static EditionProfile Edition2005 { get; } = new(Hj212Edition.Edition2005, 0, false, false, 3);

    /// <summary>HJ 212-2025: 2017's rules with Flag version bits 000010 (Flag 8, or 9 with acknowledgement).</summary>
    public static EditionProfile Edition2025 { get; } = new(Hj212Edition.Edition2025, 2, true, true, 6);

    /// <summary>The profile of an edition.</summary>
    public static EditionProfile For(Hj212Edition edition) => edition switch
    {
        Hj212Edition.Edition2017 => Edition2017,
        Hj212Edition.Edition2005 => Edition2005,
        Hj212Edition.Edition2025 => Edition2025,
        _ => throw new ArgumentOutOfRangeException(nameof(edition), edition, null),
    };

    /// <summary>Whether this edition SM4-encrypts the data area of <paramref name="command"/> when the station has a key.</summary>
    /// <remarks>
    /// HJ 212-2025 as two public implementations agree: data commands 2000–2999, key exchange 1014 and device
    /// information 3020. The earlier editions encrypt nothing.
    /// </remarks>
    public bool EncryptsDataArea(ReadOnlySpan<char> command) =>
        Edition == Hj212Edition.Edition2025 && command.Length == 4
        && (command[0] == '2' || command.SequenceEqual(CommandCode.KeyExchange) || command.SequenceEqual(CommandCode.DeviceInformation));

    /// <summary>The Flag value this edition writes for the given A and D bits.</summary>
    public int Flag(bool acknowledge, bool split) => (VersionBits << 2) | (split ? 2 : 0) | (acknowledge ? 1 : 0);
}
