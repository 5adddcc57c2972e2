namespace Qingshui.Hj212;

/// <summary>The edition of the protocol a station speaks. Configured per station, never guessed from Flag alone.</summary>
public enum Hj212Edition
{
    /// <summary>HJ 212-2017: 24-character MN, Flag version bits 000001, 6-character pollutant codes (<c>w01018</c>).</summary>
    Edition2017,

    /// <summary>HJ/T 212-2005: 14-character MN, Flag 0–3 or absent, QN often absent, 3-character codes (<c>011</c>).</summary>
    Edition2005,

    /// <summary>
    /// HJ 212-2025: 2017's framing and codes, Flag version bits 000010, data areas of some commands SM4-encrypted
    /// (see <see cref="EditionProfile.EncryptsDataArea"/>).
    /// </summary>
    Edition2025,
}
