using System.Globalization;
using Qingshui.Domain.Review;

namespace Qingshui.Storage.Postgres;

/// <summary>Station-months as review keeps them: the first day of the month, written '2024-03'.</summary>
internal static class ReviewMonths
{
    /// <summary>The months a decision reaches into, in its own offset, first to last.</summary>
    public static IEnumerable<DateOnly> Of(ReviewDecision decision)
    {
        DateOnly first = MonthOf(decision.From), last = MonthOf(decision.To.AddTicks(-1));
        for (DateOnly month = first; month <= last; month = month.AddMonths(1))
        {
            yield return month;
        }
    }

    public static string Text(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static DateOnly Parse(string text) => DateOnly.ParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly MonthOf(DateTimeOffset at) => new(at.Year, at.Month, 1);
}
