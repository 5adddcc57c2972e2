using System.Globalization;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Alerts;

/// <summary>Whether each kind of rule's condition holds after a reading, and how to say what was seen.</summary>
internal static class AlertConditions
{
    /// <summary>True or false after this reading; <c>null</c> when the reading says nothing about it (an invalid value for a value rule).</summary>
    public static bool? Evaluate(AlertSeries series, Reading reading, Section? section)
    {
        AlertRule rule = series.Rule;
        if (rule.Kind == AlertKind.InvalidRun)
        {
            series.Run = reading.Valid ? 0 : series.Run + 1;
            return series.Run >= rule.Count;
        }

        if (!reading.Valid)
        {
            return null;
        }

        switch (rule.Kind)
        {
            case AlertKind.TargetExceeded:
                return WorseThanTarget(reading, section);
            case AlertKind.TargetExceededFor:
                return WorseFor(series, reading, section);
            case AlertKind.FastRise:
                return Rise(series, reading);
            case AlertKind.FlatLine:
                series.Run = series.HasLastValue && series.LastValue == reading.Value ? series.Run + 1 : 1;
                series.LastValue = reading.Value;
                series.HasLastValue = true;
                return series.Run >= rule.Count;
            case AlertKind.Statistical:
                return series.Detector!.Step((double)reading.Value);
            default:
                return null;
        }
    }

    /// <summary>One line for the alert: what the rule saw.</summary>
    public static string Describe(AlertSeries series)
    {
        AlertRule rule = series.Rule;
        string last = series.HasLastValue || series.Evidence().Length > 0
            ? series.Evidence()[^1].Value.ToString(CultureInfo.InvariantCulture) : "";
        string name = Parameters.ParameterCatalogue.Find(series.Parameter)?.Abbreviation ?? series.Parameter;
        return rule.Kind switch
        {
            AlertKind.TargetExceeded => $"{name} {last} worse than the target class",
            AlertKind.TargetExceededFor => string.Create(CultureInfo.InvariantCulture, $"{name} worse than the target class for {rule.Duration.TotalHours:0} h"),
            AlertKind.FastRise => string.Create(CultureInfo.InvariantCulture, $"{name} rose faster than {rule.RatePerHour} per hour, to {last}"),
            AlertKind.FlatLine => string.Create(CultureInfo.InvariantCulture, $"{name} stuck at {last} for {rule.Count} values"),
            AlertKind.InvalidRun => string.Create(CultureInfo.InvariantCulture, $"{name}: {rule.Count} invalid values in a row"),
            AlertKind.Statistical => string.Create(CultureInfo.InvariantCulture,
                $"{name} {last}: statistical event (residual {series.Detector!.LastResidual:0.0} σ)"),
            _ => rule.Id,
        };
    }

    private static bool? WorseThanTarget(Reading reading, Section? section)
    {
        if (section is null || !Observations.TryFrom(reading.Parameter, reading.PeriodStart, reading.Value, reading.Unit, true, out Observation o) || o.Value < 0)
        {
            return null;
        }

        // The single-item classification of ItemClassifier, without building its record for every reading.
        ItemLimit limit = o.Item.LimitFor(section.Waterbody);
        return limit.Kind switch
        {
            LimitKind.None => null,
            LimitKind.Single => !limit.Meets(o.Value),
            _ => limit.ClassOf(o.Value) > section.TargetClass,
        };
    }

    private static bool? WorseFor(AlertSeries series, Reading reading, Section? section)
    {
        if (WorseThanTarget(reading, section) is not bool worse)
        {
            return null;
        }

        // A gap longer than the reading's own period breaks the run: hours not seen are not hours of bad water.
        TimeSpan period = PeriodOf(reading.Kind);
        if (!worse || series.Run == 0 || series.LastTime is not DateTimeOffset last || reading.PeriodStart - last > period)
        {
            series.Run = worse ? 1 : 0;
            series.RunStart = reading.PeriodStart;
        }
        else
        {
            series.Run++;
        }

        // Once open, the alert is held by any worse value: a dip must not restart the count and let the alert clear.
        return worse && (series.Open || reading.PeriodStart + period - series.RunStart >= series.Rule.Duration);
    }

    private static bool Rise(AlertSeries series, Reading reading)
    {
        bool rising = false;
        if (series.HasLastValue && series.LastTime is DateTimeOffset last)
        {
            double hours = (reading.PeriodStart - last).TotalHours;

            // Over a long gap a rise says nothing about a rate; at most a day apart counts.
            rising = hours is > 0 and <= 24 && (reading.Value - series.LastValue) / (decimal)hours > series.Rule.RatePerHour;
        }

        series.LastValue = reading.Value;
        series.HasLastValue = true;
        return rising;
    }

    private static TimeSpan PeriodOf(ReadingKind kind) => kind switch
    {
        ReadingKind.Hour => TimeSpan.FromHours(1),
        ReadingKind.FourHour => TimeSpan.FromHours(4),
        ReadingKind.Day => TimeSpan.FromDays(1),
        ReadingKind.Minute => TimeSpan.FromMinutes(1),
        _ => TimeSpan.FromMinutes(10),
    };
}
