namespace Qingshui.Domain.Compensation;

/// <summary>How a value below the detection limit (<c>0.025L</c>, <c>ND</c>) enters a mean: an agreement term, recorded on the statement.</summary>
public enum BelowLimitRule
{
    /// <summary>Half the detection limit (common practice; not confirmed for any agreement).</summary>
    HalfLimit,

    /// <summary>The detection limit itself.</summary>
    Limit,

    /// <summary>Zero.</summary>
    Zero,
}
