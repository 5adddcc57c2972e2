using System.Globalization;

namespace Qingshui.Domain.Assessment;

/// <summary>A reckoning period: a day, month, quarter or year of local calendar dates, <see cref="Start"/> inclusive and <see cref="End"/> exclusive.</summary>
public readonly record struct Period
{
    private Period(PeriodKind kind, DateOnly start)
    {
        Kind = kind;
        Start = start;
    }

    /// <summary>Day, month, quarter or year.</summary>
    public PeriodKind Kind { get; }

    /// <summary>First day (inclusive).</summary>
    public DateOnly Start { get; }

    /// <summary>The day after the last (exclusive).</summary>
    public DateOnly End => Kind switch
    {
        PeriodKind.Day => Start.AddDays(1),
        PeriodKind.Month => Start.AddMonths(1),
        PeriodKind.Quarter => Start.AddMonths(3),
        _ => Start.AddYears(1),
    };

    /// <summary>The period of a kind that contains a date.</summary>
    public static Period Containing(PeriodKind kind, DateOnly date) => kind switch
    {
        PeriodKind.Day => new(kind, date),
        PeriodKind.Month => new(kind, new DateOnly(date.Year, date.Month, 1)),
        PeriodKind.Quarter => new(kind, new DateOnly(date.Year, (((date.Month - 1) / 3) * 3) + 1, 1)),
        _ => new(kind, new DateOnly(date.Year, 1, 1)),
    };

    /// <summary>Whether the period contains a date.</summary>
    public bool Contains(DateOnly date) => date >= Start && date < End;

    /// <summary><c>2024-06-01</c>, <c>2024-06</c>, <c>2024-Q2</c> or <c>2024</c>.</summary>
    public override string ToString() => Kind switch
    {
        PeriodKind.Day => Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PeriodKind.Month => Start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => string.Create(CultureInfo.InvariantCulture, $"{Start.Year}-Q{((Start.Month - 1) / 3) + 1}"),
        _ => Start.Year.ToString(CultureInfo.InvariantCulture),
    };
}
