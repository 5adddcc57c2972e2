namespace Qingshui.Domain.Assessment;

/// <summary>
/// The rounding of the 2020 surface-water statistics rules (总站水字〔2018〕87号, 〔2020〕90号 as encoded by public
/// implementations): round half to even (四舍六入五成双) to a per-item number of decimals; when that would give 0, keep one
/// significant digit. For reporting only: classes are always computed on unrounded values.
/// </summary>
public static class StatisticalRounding
{
    // Decimal places for assessment values (评价用) and for hourly automatic values, by item id. [1 SRC: verify.]
    private static readonly Dictionary<string, (int? Assessment, int? Hourly)> Places = new(StringComparer.OrdinalIgnoreCase)
    {
        ["WT"] = (1, 1), ["pH"] = (0, 2), ["DO"] = (1, 2), ["CODMn"] = (1, 2), ["COD"] = (1, 2), ["BOD5"] = (1, null),
        ["NH3N"] = (2, 3), ["TP"] = (3, 3), ["TN"] = (2, 2), ["Cu"] = (3, 3), ["Zn"] = (3, 3), ["F"] = (3, 2), ["Se"] = (4, 3),
        ["As"] = (4, 3), ["Hg"] = (5, 6), ["Cd"] = (5, 4), ["Cr6"] = (3, 3), ["Pb"] = (3, 3), ["CN"] = (3, 4), ["VP"] = (4, 4),
        ["Oil"] = (2, 3), ["LAS"] = (2, 2), ["S2"] = (3, 3), ["FC"] = (0, 0),
        ["SO4"] = (null, 1), ["Cl"] = (null, 1), ["NO3"] = (null, 1), ["Fe"] = (null, 5), ["Mn"] = (null, 5), ["Mo"] = (null, 5),
        ["Ba"] = (null, 5), ["Co"] = (null, 5), ["Be"] = (null, 5), ["B"] = (null, 5), ["Sb"] = (null, 5), ["V"] = (null, 5),
        ["Ni"] = (null, 5), ["Ti"] = (null, 5), ["Tl"] = (null, 5),
    };

    /// <summary>Decimal places for an item's assessment values, or <c>null</c> when the rules give none.</summary>
    public static int? AssessmentPlaces(StandardItem item) => Places.TryGetValue(item.Id, out var p) ? p.Assessment : null;

    /// <summary>Decimal places for an item's hourly automatic values, or <c>null</c> when the rules give none.</summary>
    public static int? HourlyPlaces(StandardItem item) => Places.TryGetValue(item.Id, out var p) ? p.Hourly : null;

    /// <summary>Rounds half to even to <paramref name="places"/> decimals, keeping one significant digit of a non-zero value that would round to 0.</summary>
    public static decimal Round(decimal value, int places)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(places);
        decimal rounded = Math.Round(value, places, MidpointRounding.ToEven);
        if (rounded != 0 || value == 0)
        {
            return rounded;
        }

        // Keep one significant digit: round at the first non-zero decimal.
        int digits = places;
        decimal magnitude = Math.Abs(value);
        while (magnitude * Pow10(digits + 1) < 1 && digits < 27)
        {
            digits++;
        }

        return Math.Round(value, digits + 1, MidpointRounding.ToEven);
    }

    /// <summary>Rounds an item's value for reporting with its assessment decimal places (unchanged when the rules give none).</summary>
    public static decimal RoundForAssessment(StandardItem item, decimal value) =>
        AssessmentPlaces(item) is int places ? Round(value, places) : value;

    /// <summary>
    /// A mean as a statement prints it: rounded with the item's assessment decimals and written with exactly that many
    /// (8 mg/L of DO is <c>8.0</c>), except pH, whose whole-number assessment rounding would print 7.6 as <c>8</c>: pH is
    /// written with its two measured decimals (<c>7.60</c>). Items the rules give no decimals keep the value's own.
    /// </summary>
    public static string MeanText(StandardItem item, decimal mean)
    {
        ArgumentNullException.ThrowIfNull(item);
        int? places = string.Equals(item.Id, "pH", StringComparison.OrdinalIgnoreCase) ? HourlyPlaces(item) : AssessmentPlaces(item);
        if (places is not int p)
        {
            return mean.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        decimal rounded = Round(mean, p);
        int shown = Math.Max(p, (int)((decimal.GetBits(rounded)[3] >> 16) & 0xFF));
        return rounded.ToString("F" + shown.ToString(System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static decimal Pow10(int n)
    {
        decimal result = 1;
        for (int i = 0; i < n; i++)
        {
            result *= 10;
        }

        return result;
    }
}
