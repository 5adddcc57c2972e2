using Qingshui.Domain.Assessment;
using Qingshui.Domain.Compensation;

namespace Qingshui.Domain.Review;

/// <summary>One parameter's completeness over a station-month: valid values per day against the rule, and valid days against the month's rule.</summary>
/// <param name="Parameter">Parameter code.</param>
/// <param name="ValidDays">Days with at least the rule's valid values.</param>
/// <param name="RequiredDays">Valid days the month needs.</param>
/// <param name="RequiredPerDay">Valid values a day needs.</param>
/// <param name="IncompleteDays">Days of the month (up to its end, or today) with fewer valid values than the rule asks.</param>
public sealed record ParameterCompleteness(string Parameter, int ValidDays, int RequiredDays, int RequiredPerDay, IReadOnlyList<DateOnly> IncompleteDays)
{
    /// <summary>Whether the month has enough valid days.</summary>
    public bool Complete => ValidDays >= RequiredDays;
}

/// <summary>How many valid values of a parameter a local day has.</summary>
/// <param name="Parameter">Parameter code.</param>
/// <param name="Day">The local day (in the station's offset).</param>
/// <param name="Valid">Valid values that day (after review).</param>
public readonly record struct DayCount(string Parameter, DateOnly Day, int Valid);

/// <summary>Completeness of a station-month per parameter (domain.md §9: a setting, since the national rules are unpublished).</summary>
public static class MonthCompleteness
{
    /// <summary>
    /// Each parameter's completeness in <paramref name="month"/> from its valid values per day. Days after <paramref name="until"/> (exclusive)
    /// are not yet due, so they are not counted as incomplete.
    /// </summary>
    /// <param name="month">The month.</param>
    /// <param name="parameters">The parameters expected (also those without any value).</param>
    /// <param name="days">Valid values per parameter and day, any order (days outside the month are ignored).</param>
    /// <param name="rulesOf">The rule a parameter's data follow.</param>
    /// <param name="until">The first day not yet due (the month's end when it is over).</param>
    public static IReadOnlyList<ParameterCompleteness> Of(
        Period month, IEnumerable<string> parameters, IEnumerable<DayCount> days, Func<string, CompletenessRules> rulesOf, DateOnly until)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(rulesOf);
        var counts = new Dictionary<string, Dictionary<DateOnly, int>>(StringComparer.Ordinal);
        foreach (string parameter in parameters)
        {
            counts.TryAdd(parameter, []);
        }

        foreach (DayCount day in days)
        {
            if (!month.Contains(day.Day))
            {
                continue;
            }

            if (!counts.TryGetValue(day.Parameter, out Dictionary<DateOnly, int>? perDay))
            {
                counts[day.Parameter] = perDay = [];
            }

            perDay[day.Day] = perDay.GetValueOrDefault(day.Day) + day.Valid;
        }

        DateOnly end = until < month.End ? until : month.End;
        return counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c =>
        {
            CompletenessRules rules = rulesOf(c.Key);
            var incomplete = new List<DateOnly>();
            int validDays = 0;
            for (DateOnly day = month.Start; day < end; day = day.AddDays(1))
            {
                if (c.Value.GetValueOrDefault(day) >= rules.MinValuesPerDay)
                {
                    validDays++;
                }
                else
                {
                    incomplete.Add(day);
                }
            }

            return new ParameterCompleteness(c.Key, validDays, rules.MinDaysPerMonth, rules.MinValuesPerDay, incomplete);
        }).ToArray();
    }

    /// <summary>
    /// The completeness a station's parameter follows: that of the first agreement whose sections the station reports for
    /// (its per-item terms included), else <see cref="CompletenessRules.Default"/>.
    /// </summary>
    public static Func<string, CompletenessRules> RulesFor(IEnumerable<Agreement> agreements, string stationId)
    {
        ArgumentNullException.ThrowIfNull(agreements);
        Agreement? agreement = agreements.FirstOrDefault(a => a.Sections.Any(s =>
            s.Stations.Contains(stationId, StringComparer.Ordinal) || (s.Source?.Stations.Contains(stationId, StringComparer.Ordinal) ?? false)));
        return parameter => agreement is null ? CompletenessRules.Default
            : StandardItems.ForParameter(parameter) is StandardItem item ? agreement.CompletenessOf(item) : agreement.Completeness;
    }
}
