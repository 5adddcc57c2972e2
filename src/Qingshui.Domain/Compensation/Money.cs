namespace Qingshui.Domain.Compensation;

/// <summary>Amounts of money: decimal yuan, rounded to the fen (0.01 yuan) by one named rule.</summary>
public static class Money
{
    /// <summary>Rounds yuan to the fen with the given midpoint rule (agreements say which; half away from zero is the accounting default).</summary>
    public static decimal RoundToFen(decimal yuan, MidpointRounding rounding = MidpointRounding.AwayFromZero) => Math.Round(yuan, 2, rounding);

    /// <summary>Yuan written as 万 (10,000 yuan) or 亿 (100,000,000 yuan) where exact, else in yuan: <c>100万</c>, <c>1.2亿</c>, <c>1,234.56元</c>.</summary>
    public static string ToChinese(decimal yuan)
    {
        decimal absolute = Math.Abs(yuan);
        if (absolute >= 100_000_000 && absolute % 1_000_000 == 0)
        {
            return (yuan / 100_000_000).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "亿元";
        }

        if (absolute >= 10_000 && absolute % 100 == 0)
        {
            return (yuan / 10_000).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "万元";
        }

        return yuan.ToString("#,##0.00", System.Globalization.CultureInfo.InvariantCulture) + "元";
    }
}
