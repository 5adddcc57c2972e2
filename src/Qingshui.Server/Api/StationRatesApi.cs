using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Ingest;
using Qingshui.Storage;

namespace Qingshui.Server.Api;

/// <summary>
/// <c>GET /api/v1/stations/{mn}/rates</c>: a station's transmission and valid-data rates per day or month, from the hourly
/// values counted per parameter and day as they are written (the review queue's counts), so a year costs no pass over readings.
/// </summary>
internal static class StationRatesApi
{
    public const int MaxDays = 366;
    public const int MaxMonthDays = 3 * 366;

    public const string Summary = "The station's transmission rate (hours received / hours expected) and valid-data rate (valid / received hourly values) "
        + "per day or month: ?period=day|month (default day), ?from=&to= local days YYYY-MM-DD or months YYYY-MM, [from, to) "
        + "(default the last 30 days, or the last 12 months); at most 366 days per day, 3 years per month. Days to come are not counted.";

    public static async Task<Results<Ok<StationRatesDto>, ProblemHttpResult, ValidationProblem>> Rates(
        string mn, [AsParameters] StationRatesQuery query, StationRegister register, IReviewStore store, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (register.Find(mn) is not Station station)
        {
            return BasinsApi.NotFoundProblem("station", mn);
        }

        var errors = new Dictionary<string, string[]>();
        PeriodKind period = query.Period switch
        {
            null or "day" => PeriodKind.Day,
            "month" => PeriodKind.Month,
            _ => Error(errors, "period", $"'{Bounded(query.Period)}' is not day or month", PeriodKind.Day),
        };
        DateTimeOffset now = clock.GetUtcNow().ToOffset(station.UtcOffset);
        DateOnly today = DateOnly.FromDateTime(now.DateTime);
        DateOnly to = DayOf(query.To, "to", errors) ?? today.AddDays(1);
        DateOnly from = DayOf(query.From, "from", errors)
            ?? (period == PeriodKind.Day ? to.AddDays(-30) : new DateOnly(to.AddDays(-1).Year, to.AddDays(-1).Month, 1).AddMonths(-11));
        int longest = period == PeriodKind.Day ? MaxDays : MaxMonthDays;
        if (errors.Count == 0 && from >= to)
        {
            errors["from"] = ["must be before 'to'"];
        }
        else if (errors.Count == 0 && to.DayNumber - from.DayNumber > longest)
        {
            errors["from"] = [period == PeriodKind.Day
                ? $"at most {MaxDays} days per request with period=day; ask for the rest in further requests, or use period=month"
                : "at most 3 years per request with period=month; ask for the rest in further requests"];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        IReadOnlyList<ReviewDayCount> counts = await store.DayCountsAsync(station.DeviceId, ReadingKind.Hour, from, to, cancellationToken);
        IReadOnlyList<StationRate> rates = StationRates.Of(counts.Select(c => new HourlyDayCount(c.Parameter, c.Day, c.Readings, c.Valid)),
            from, to, period, today, now.Hour);
        string text = period == PeriodKind.Day ? "day" : "month";
        return TypedResults.Ok(new StationRatesDto(station.DeviceId, text, from, to, rates.Select(r => new StationRateDto(
            r.From.ToString(period == PeriodKind.Day ? "yyyy-MM-dd" : "yyyy-MM", CultureInfo.InvariantCulture), r.From, r.To,
            r.HoursExpected, r.HoursReceived, r.TransmissionRate, r.Values, r.ValidValues, r.ValidRate)).ToArray()));
    }

    // A local day YYYY-MM-DD, or a month YYYY-MM meaning its first day.
    private static DateOnly? DayOf(string? text, string name, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if ((DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)
                || DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            && QueryTime.CheckYear(day.Year, name, errors))
        {
            return day;
        }

        errors.TryAdd(name, [$"'{Bounded(text)}' is not a day like 2024-03-01 or a month like 2024-03"]);
        return null;
    }

    private static T Error<T>(Dictionary<string, string[]> errors, string name, string message, T fallback)
    {
        errors[name] = [message];
        return fallback;
    }

    private static string Bounded(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
