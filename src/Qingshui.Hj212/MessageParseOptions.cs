namespace Qingshui.Hj212;

/// <summary>How to read a data segment.</summary>
/// <param name="UtcOffset">The offset the station's clock keeps (normally UTC+8).</param>
/// <param name="Edition">The station's configured edition; when given, departures from it are reported as warnings.</param>
public sealed record MessageParseOptions(TimeSpan UtcOffset, Hj212Edition? Edition = null)
{
    /// <summary>UTC+8, no edition check.</summary>
    public static MessageParseOptions Default { get; } = new(Hj212Time.ChinaStandardOffset);
}
