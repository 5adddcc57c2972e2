using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Review;

/// <summary>One parameter's hourly values on one local day of a station: how many were received and how many are valid.</summary>
/// <param name="Parameter">Parameter code.</param>
/// <param name="Day">The local day (in the station's offset).</param>
/// <param name="Received">Hourly values stored that day.</param>
/// <param name="Valid">Of them valid (after screening and review).</param>
public readonly record struct HourlyDayCount(string Parameter, DateOnly Day, int Received, int Valid);

/// <summary>A station's transmission rate (数据传输率) and valid-data rate (数据有效率) over one day or month.</summary>
/// <param name="From">The first day counted.</param>
/// <param name="To">The day after the last one counted.</param>
/// <param name="HoursExpected">Hours due in the period: 24 a past day, the hours already over today, none for days to come.</param>
/// <param name="HoursReceived">Hours with hourly values, a day's being the most hourly values any parameter has that day.</param>
/// <param name="Values">Hourly values received, every parameter.</param>
/// <param name="ValidValues">Of them valid.</param>
public sealed record StationRate(DateOnly From, DateOnly To, int HoursExpected, int HoursReceived, int Values, int ValidValues)
{
    /// <summary>Hours received / hours expected, rounded to 4 decimals (at most 1); null when no hour was due.</summary>
    public decimal? TransmissionRate => HoursExpected == 0 ? null : Math.Round(Math.Min(1m, (decimal)HoursReceived / HoursExpected), 4);

    /// <summary>Valid values / values received, rounded to 4 decimals; null when nothing was received.</summary>
    public decimal? ValidRate => Values == 0 ? null : Math.Round((decimal)ValidValues / Values, 4);
}

/// <summary>
/// Transmission and valid-data rates per day or month, as provincial platforms show them for operators, from the hourly
/// values counted per parameter and day. A station sends its parameters of an hour together (one HJ 212 2061 packet), so
/// the hours it sent on a day are the most hourly values one parameter has that day (at most 24).
/// </summary>
public static class StationRates
{
    /// <summary>The rates of each day or month (<paramref name="period"/>) of [<paramref name="from"/>, <paramref name="to"/>) that has begun.</summary>
    /// <param name="days">Hourly values per parameter and day, any order (days outside the range are ignored).</param>
    /// <param name="from">The first day.</param>
    /// <param name="to">The day after the last.</param>
    /// <param name="period"><see cref="PeriodKind.Day"/> or <see cref="PeriodKind.Month"/> (a range's first and last months may be partial).</param>
    /// <param name="today">The station's local day now.</param>
    /// <param name="hoursOverToday">Whole hours of <paramref name="today"/> already over (0–24).</param>
    public static IReadOnlyList<StationRate> Of(
        IEnumerable<HourlyDayCount> days, DateOnly from, DateOnly to, PeriodKind period, DateOnly today, int hoursOverToday)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);
        ArgumentOutOfRangeException.ThrowIfNotEqual(period is PeriodKind.Day or PeriodKind.Month, true, nameof(period));
        ArgumentOutOfRangeException.ThrowIfNegative(hoursOverToday);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hoursOverToday, 24);
        var perDay = new Dictionary<DateOnly, (int Hours, int Values, int Valid)>();
        foreach (HourlyDayCount day in days)
        {
            if (day.Day < from || day.Day >= to)
            {
                continue;
            }

            (int hours, int values, int valid) = perDay.GetValueOrDefault(day.Day);
            perDay[day.Day] = (Math.Max(hours, Math.Min(24, day.Received)), values + day.Received, valid + day.Valid);
        }

        var rates = new List<StationRate>();
        for (DateOnly start = from; start < to && start <= today; start = End(start))
        {
            DateOnly end = End(start);
            int expected = 0, received = 0, values = 0, valid = 0;
            for (DateOnly d = start; d < end && d <= today; d = d.AddDays(1))
            {
                (int hours, int v, int ok) = perDay.GetValueOrDefault(d);
                expected += d < today ? 24 : hoursOverToday;
                received += hours;
                values += v;
                valid += ok;
            }

            rates.Add(new StationRate(start, end, expected, received, values, valid));
        }

        return rates;

        DateOnly End(DateOnly start)
        {
            DateOnly next = period == PeriodKind.Day ? start.AddDays(1) : new DateOnly(start.Year, start.Month, 1).AddMonths(1);
            return next < to ? next : to;
        }
    }
}
