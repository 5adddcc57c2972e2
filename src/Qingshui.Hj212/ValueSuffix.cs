namespace Qingshui.Hj212;

/// <summary>The per-pollutant field suffixes of HJ 212-2017 §6.3.3 (<c>xxxxxx-Rtd</c> and so on).</summary>
public enum ValueSuffix
{
    /// <summary><c>-Rtd</c>: real-time value.</summary>
    Rtd,

    /// <summary><c>-Min</c>: minimum over the interval.</summary>
    Min,

    /// <summary><c>-Avg</c>: mean over the interval.</summary>
    Avg,

    /// <summary><c>-Max</c>: maximum over the interval.</summary>
    Max,

    /// <summary><c>-Cou</c>: cumulative value over the interval.</summary>
    Cou,

    /// <summary><c>-ZsRtd</c>: converted (折算) real-time value.</summary>
    ZsRtd,

    /// <summary><c>-ZsMin</c>: converted minimum.</summary>
    ZsMin,

    /// <summary><c>-ZsAvg</c>: converted mean.</summary>
    ZsAvg,

    /// <summary><c>-ZsMax</c>: converted maximum.</summary>
    ZsMax,
}
