namespace Qingshui.Domain.Joint;

/// <summary>
/// How far two stations' means of one item may differ (比对允许偏差): an absolute bound in the item's unit, a relative
/// bound (a fraction of the mean of the two values), or both.
/// </summary>
/// <remarks>
/// With both bounds a difference exceeds the tolerance only when it exceeds each of them: at low concentrations the
/// absolute bound decides, at high ones the relative bound (a relative bound alone would flag 0.02 against 0.03 mg/L).
/// A difference exactly on a bound is within it.
/// </remarks>
/// <param name="ItemId">The GB 3838 item (<c>NH3N</c>).</param>
/// <param name="Absolute">Largest allowed |A − B| in the item's unit, or null.</param>
/// <param name="Relative">Largest allowed |A − B| / ((|A| + |B|) / 2), as a fraction (0.2 = 20 %), or null.</param>
public sealed record Tolerance(string ItemId, decimal? Absolute, decimal? Relative)
{
    /// <summary>The difference of <paramref name="a"/> and <paramref name="b"/> (A − B) judged against this tolerance.</summary>
    public MeanDifference Compare(decimal a, decimal b)
    {
        decimal difference = a - b;
        decimal magnitude = Math.Abs(difference);
        decimal level = (Math.Abs(a) + Math.Abs(b)) / 2;
        decimal? relative = level == 0 ? null : magnitude / level;
        bool overAbsolute = Absolute is not decimal absolute || magnitude > absolute;
        bool overRelative = Relative is not decimal bound || (relative is decimal r ? r > bound : magnitude > 0);
        return new MeanDifference(difference, relative, overAbsolute && overRelative);
    }

    /// <summary>"±0.1 or ±20 %" style text for reports.</summary>
    public string Describe()
    {
        var parts = new List<string>(2);
        if (Absolute is decimal absolute)
        {
            parts.Add("±" + absolute.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (Relative is decimal relative)
        {
            parts.Add("±" + (relative * 100).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + " %");
        }

        return string.Join(" or ", parts);
    }
}
