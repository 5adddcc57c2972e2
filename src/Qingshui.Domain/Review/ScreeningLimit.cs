namespace Qingshui.Domain.Review;

/// <summary>A screening setting with its verdict: a bound, threshold, count or window, and what a reading that trips it becomes.</summary>
/// <param name="Verdict">Suspect or invalid.</param>
public abstract record ScreeningLimit(ScreeningVerdict Verdict);

/// <summary>Measuring range (量程): below <paramref name="Min"/> or above <paramref name="Max"/> trips it (either may be open).</summary>
/// <param name="Min">Lowest value the instrument measures, in the parameter's unit.</param>
/// <param name="Max">Highest value the instrument measures.</param>
/// <param name="Verdict">Suspect or invalid.</param>
public sealed record RangeLimit(decimal? Min, decimal? Max, ScreeningVerdict Verdict) : ScreeningLimit(Verdict)
{
    /// <summary>Whether the value lies outside (the bounds themselves are inside).</summary>
    public bool IsOutside(decimal value) => value < Min || value > Max;
}

/// <summary>Detection limit (检出限): a value strictly below it trips it; it is stored as given.</summary>
/// <param name="Limit">The limit, in the parameter's unit.</param>
/// <param name="Verdict">Suspect or invalid.</param>
public sealed record DetectionLimit(decimal Limit, ScreeningVerdict Verdict) : ScreeningLimit(Verdict);

/// <summary>Spike: a value whose distance from the last value that was not a spike is strictly above <paramref name="Jump"/>.</summary>
/// <param name="Jump">The largest jump that is not a spike, in the parameter's unit.</param>
/// <param name="Verdict">Suspect or invalid.</param>
public sealed record SpikeLimit(decimal Jump, ScreeningVerdict Verdict) : ScreeningLimit(Verdict);

/// <summary>Stuck value: the <paramref name="Count"/>-th equal value in a row, and every further one, trips it.</summary>
/// <param name="Count">How many equal values in a row make a stuck value.</param>
/// <param name="Verdict">Suspect or invalid.</param>
public sealed record StuckLimit(int Count, ScreeningVerdict Verdict) : ScreeningLimit(Verdict);

/// <summary>Flat line: the last <paramref name="Window"/> values span a range strictly below <paramref name="Epsilon"/>.</summary>
/// <param name="Window">How many values (this one and those before it).</param>
/// <param name="Epsilon">The smallest range that is not flat, in the parameter's unit.</param>
/// <param name="Verdict">Suspect or invalid.</param>
public sealed record FlatLimit(int Window, decimal Epsilon, ScreeningVerdict Verdict) : ScreeningLimit(Verdict);
