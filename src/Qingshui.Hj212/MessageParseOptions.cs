namespace Qingshui.Hj212;

/// <summary>How to read a data segment.</summary>
/// <param name="UtcOffset">The offset the station's clock keeps (normally UTC+8).</param>
/// <param name="Edition">The station's configured edition; when given, departures from it are reported as warnings.</param>
/// <param name="Cipher">
/// The station's data-area key (HJ 212-2025). When given with edition 2025, the data area of every command the edition
/// encrypts (<see cref="EditionProfile.EncryptsDataArea"/>) must decrypt with it, or the message fails; without it
/// data areas are read as clear text.
/// </param>
public sealed record MessageParseOptions(TimeSpan UtcOffset, Hj212Edition? Edition = null, IDataAreaCipher? Cipher = null)
{
    /// <summary>UTC+8, no edition check.</summary>
    public static MessageParseOptions Default { get; } = new(Hj212Time.ChinaStandardOffset);
}
