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

    /// <summary>The profile of an edition.</summary>
    public static EditionProfile For(Hj212Edition edition) => edition switch
    {
        Hj212Edition.Edition2017 => Edition2017,
        Hj212Edition.Edition2005 => Edition2005,
        _ => throw new ArgumentOutOfRangeException(nameof(edition), edition, null),
    };

    /// <summary>The Flag value this edition writes for the given A and D bits.</summary>
    public int Flag(bool acknowledge, bool split) => (VersionBits << 2) | (split ? 2 : 0) | (acknowledge ? 1 : 0);
}
