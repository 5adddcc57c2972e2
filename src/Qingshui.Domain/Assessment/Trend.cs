namespace Qingshui.Domain.Assessment;

/// <summary>A Spearman trend test over a series of period values in time order.</summary>
/// <param name="Coefficient">rs = 1 − 6Σd²/(N³ − N); positive means rising concentration.</param>
/// <param name="Count">N.</param>
/// <param name="CriticalValue">Wp at the significance level, or <c>null</c> when N is below the table.</param>
/// <param name="Significant">|rs| ≥ Wp.</param>
public sealed record TrendResult(double Coefficient, int Count, double? CriticalValue, bool Significant)
{
    /// <summary>Rising (concentration up: quality worse), falling, or no significant trend.</summary>
    public string Direction => !Significant ? "none" : Coefficient > 0 ? "rising" : "falling";
}

/// <summary>
/// Trend by Spearman rank correlation (地表水环境质量评价办法): rank the values (ties get average ranks), correlate with
/// time order, compare |rs| with the one-sided critical value Wp.
/// </summary>
public static class Trend
{
    /// <summary>
    /// Critical values (one-sided) as printed in Chinese monitoring manuals, α = 0.05 and 0.01. Recalled, not read in the
    /// 评价办法 itself [UNCONFIRMED]; N = 5–10 agree with exact enumeration. For an N between printed rows the smaller
    /// printed N is used, which is the stricter value.
    /// </summary>
    public static IReadOnlyDictionary<int, (double Alpha05, double Alpha01)> ManualTable { get; } = new Dictionary<int, (double, double)>
    {
        [5] = (0.900, 1.000), [6] = (0.829, 0.943), [7] = (0.714, 0.893), [8] = (0.643, 0.833), [9] = (0.600, 0.783), [10] = (0.564, 0.746),
        [12] = (0.506, 0.712), [14] = (0.456, 0.645), [16] = (0.425, 0.601), [18] = (0.399, 0.564), [20] = (0.377, 0.534),
        [22] = (0.359, 0.508), [24] = (0.343, 0.485), [26] = (0.329, 0.465), [28] = (0.317, 0.448), [30] = (0.306, 0.432),
    };

    /// <summary>Tests a series; <paramref name="alpha"/> is 0.05 or 0.01.</summary>
    public static TrendResult Spearman(IReadOnlyList<decimal> values, double alpha = 0.05, IReadOnlyDictionary<int, (double Alpha05, double Alpha01)>? table = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (alpha is not (0.05 or 0.01))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "the table gives 0.05 and 0.01");
        }

        table ??= ManualTable;
        int n = values.Count;
        if (n < 2)
        {
            return new TrendResult(0, n, null, false);
        }

        double[] ranks = AverageRanks(values);
        double sumSquares = 0;
        for (int i = 0; i < n; i++)
        {
            double d = (i + 1) - ranks[i];
            sumSquares += d * d;
        }

        double rs = 1 - (6 * sumSquares / ((double)n * n * n - n));
        double? critical = Critical(n, alpha, table);
        // The table is printed to three decimals, so rs is compared at three decimals too (as done by hand).
        return new TrendResult(rs, n, critical, critical is double w && Math.Round(Math.Abs(rs), 3, MidpointRounding.ToEven) >= w);
    }

    private static double? Critical(int n, double alpha, IReadOnlyDictionary<int, (double Alpha05, double Alpha01)> table)
    {
        int? row = table.Keys.Where(k => k <= n).Select(k => (int?)k).Max();
        return row is int r ? (alpha == 0.05 ? table[r].Alpha05 : table[r].Alpha01) : null;
    }

    private static double[] AverageRanks(IReadOnlyList<decimal> values)
    {
        int[] order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && values[order[j + 1]] == values[order[i]])
            {
                j++;
            }

            double rank = ((i + 1) + (j + 1)) / 2.0;
            for (int k = i; k <= j; k++)
            {
                ranks[order[k]] = rank;
            }

            i = j + 1;
        }

        return ranks;
    }
}
