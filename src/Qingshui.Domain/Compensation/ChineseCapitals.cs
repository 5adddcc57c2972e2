using System.Globalization;
using System.Text;

namespace Qingshui.Domain.Compensation;

/// <summary>
/// 大写金额: an amount written in Chinese capital numerals, as cheques, payment orders and settlement statements need it
/// (《支付结算办法》附件一《正确填写票据和结算凭证的基本规定》).
/// </summary>
/// <remarks>
/// 壹 is always written before 拾 (10 → 壹拾元整); a run of zeros inside the number is one 零, also across 万 and 亿
/// (100,001 → 壹拾万零壹元整); 元 ending in 0 before a non-zero 角, and 角 of 0 before a non-zero 分, are marked with 零
/// (1,000,000,000.05 → 壹拾亿元零伍分); 整 follows 元 or 角 and never 分. An amount is never negative here: which way money
/// goes is said by payer and payee, not by a sign.
/// </remarks>
public static class ChineseCapitals
{
    /// <summary>The largest amount written (under a 万亿).</summary>
    public const decimal Maximum = 999_999_999_999.99m;

    private const string Digits = "零壹贰叁肆伍陆柒捌玖";
    private static readonly string[] PlaceUnits = ["", "拾", "佰", "仟"];
    private static readonly string[] GroupUnits = ["", "万", "亿"];

    /// <summary>Writes yuan (rounded to the fen, half away from zero) in capitals: <c>10_000_000m</c> → 壹仟万元整.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The amount is negative or above <see cref="Maximum"/>.</exception>
    public static string Of(decimal yuan)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(yuan);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(yuan, Maximum);
        decimal fenTotal = Money.RoundToFen(yuan) * 100;
        long integer = (long)(fenTotal / 100);
        int jiao = (int)(fenTotal / 10 % 10);
        int fen = (int)(fenTotal % 10);
        var text = new StringBuilder();
        if (integer > 0)
        {
            text.Append(Integer(integer)).Append('元');
        }

        if (jiao > 0)
        {
            text.Append(integer > 0 && integer % 10 == 0 ? "零" : "").Append(Digits[jiao]).Append('角');
        }
        else if (fen > 0 && integer > 0)
        {
            text.Append('零');
        }

        if (fen > 0)
        {
            return text.Append(Digits[fen]).Append('分').ToString();
        }

        return text.Length == 0 ? "零元整" : text.Append('整').ToString();
    }

    // Four-digit groups from the top; a zero (inside a group, a whole zero group, or a group's leading zeros) is written
    // once, and only between two written digits.
    private static string Integer(long value)
    {
        string digits = value.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        bool zeroPending = false;
        for (int i = 0; i < digits.Length; i++)
        {
            int position = digits.Length - 1 - i;
            int digit = digits[i] - '0';
            if (digit == 0)
            {
                zeroPending = text.Length > 0;
            }
            else
            {
                text.Append(zeroPending ? "零" : "").Append(Digits[digit]).Append(PlaceUnits[position % 4]);
                zeroPending = false;
            }

            if (position % 4 == 0 && position > 0 && GroupHasDigit(digits, i))
            {
                text.Append(GroupUnits[position / 4]);
            }
        }

        return text.ToString();
    }

    // Whether the four-digit group ending at index end (inclusive) has a non-zero digit.
    private static bool GroupHasDigit(string digits, int end)
    {
        for (int i = end; i >= 0 && i > end - 4; i--)
        {
            if (digits[i] != '0')
            {
                return true;
            }
        }

        return false;
    }
}
