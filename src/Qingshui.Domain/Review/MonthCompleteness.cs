using Qingshui.Domain.Assessment;

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

/// <summary>A value as completeness counts it: which parameter, on which local day, and whether it counts.</summary>
/// <param name="Parameter">Parameter code.</param>
/// <param name="Day">The local day it belongs to (in the station's offset).</param>
/// <param name="Valid">Whether it is valid data (after review).</param>
public readonly record struct DayValue(string Parameter, DateOnly Day, bool Valid);

/// <summary>Completeness of a station-month per parameter (domain.md §9: a setting, since the national rules are unpublished).</summary>
public static class MonthCompleteness
{
    /// <summary>
    /// Each parameter's completeness in <paramref name="month"/> from its values. Days after <paramref name="until"/> (exclusive)
    /// are not yet due, so they are not counted as incomplete.
    /// </summary>
    /// <param name="month">The month.</param>
    /// <param name="parameters">The parameters expected (also those without any value).</param>
    /// <param name="values">The month's values, any order.</param>
    /// <param name="rulesOf">The rule a parameter's data follow.</param>
    /// <param name="until">The first day not yet due (the month's end when it is over).</param>
    public static IReadOnlyList<ParameterCompleteness> Of(
        Period month, IEnumerable<string> parameters, IEnumerable<DayValue> values, Func<string, CompletenessRules> rulesOf, DateOnly until)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(rulesOf);
        var counts = new Dictionary<string, Dictionary<DateOnly, int>>(StringComparer.Ordinal);
        foreach (string parameter in parameters)
        {
            counts.TryAdd(parameter, []);
        }

        foreach (DayValue value in values)
        {
            if (!month.Contains(value.Day))
            {
                continue;
            }

            if (!counts.TryGetValue(value.Parameter, out Dictionary<DateOnly, int>? days))
            {
                counts[value.Parameter] = days = [];
            }

            days[value.Day] = days.GetValueOrDefault(value.Day) + (value.Valid ? 1 : 0);
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
}
