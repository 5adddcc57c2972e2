using System.Globalization;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Alerts;

/// <summary>
/// Runs a rule set over readings as they come, keeping per-series state, and says when an alert is raised or cleared.
/// The server feeds it committed batches; <c>qingshui alerts replay</c> feeds it stored history. Both get the same alerts.
/// </summary>
/// <remarks>
/// <para>Readings must come in time order per series; one at or before the series' last time is skipped (a retransmission).</para>
/// <para>Hysteresis: a series raises once when its condition is first met and clears only after the condition has been
/// gone for the rule's <see cref="AlertRule.ClearAfter"/> (measured in data time), so one event gives one alert.
/// Silence is measured on the time the caller gives (receipt time live, data time in a replay) and clears when data come back.</para>
/// <para>Not thread-safe: one caller at a time. Allocates only for new series and for signals.</para>
/// </remarks>
public sealed class AlertEvaluator
{
    private readonly Dictionary<string, StationRules> _stations = new(StringComparer.Ordinal);

    /// <summary>An evaluator of <paramref name="rules"/> over the stations of <paramref name="basin"/> (unknown stations are not watched).</summary>
    public AlertEvaluator(Basin basin, IReadOnlyList<AlertRule> rules)
    {
        ArgumentNullException.ThrowIfNull(basin);
        ArgumentNullException.ThrowIfNull(rules);
        foreach (Station station in basin.Stations)
        {
            Section? section = basin.FindSection(station.Section);
            AlertRule[] applying = [.. rules.Where(r => r.AppliesTo(station.DeviceId, section?.Id))];
            if (applying.Length > 0)
            {
                _stations[station.DeviceId] = new StationRules(station.DeviceId, section, applying);
            }
        }
    }

    /// <summary>Starts the silence clocks of every watched station at <paramref name="now"/> (a station never heard from is silent since then).</summary>
    public void Watch(DateTimeOffset now)
    {
        foreach (StationRules station in _stations.Values)
        {
            foreach (AlertSeries silence in station.Silences)
            {
                silence.LastTime ??= now;
            }
        }
    }

    /// <summary>Marks alerts still open in the store as open here, so a restart neither raises them again nor forgets to clear them.</summary>
    public void Restore(IEnumerable<Alert> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        foreach (Alert alert in open)
        {
            if (_stations.TryGetValue(alert.Station, out StationRules? station)
                && station.Rules.FirstOrDefault(r => r.Id == alert.RuleId) is AlertRule rule)
            {
                AlertSeries series = station.Series(rule, alert.Parameter ?? "");
                series.Open = true;
                series.LastTrue = alert.Evidence.Count > 0 ? alert.Evidence[^1].Time : alert.RaisedAt;
            }
        }
    }

    /// <summary>Takes one reading; signals go to <paramref name="signals"/>.</summary>
    /// <param name="reading">The reading.</param>
    /// <param name="received">When it arrived (live: the commit time; a replay: the reading's own time); silence is measured on it.</param>
    /// <param name="signals">Where raised and cleared alerts are added.</param>
    public void Observe(Reading reading, DateTimeOffset received, List<AlertSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(signals);
        if (!_stations.TryGetValue(reading.StationId, out StationRules? station))
        {
            return;
        }

        foreach (AlertSeries silence in station.Silences)
        {
            Heard(silence, received, signals);
        }

        Evaluate(station, reading, signals);
    }

    /// <summary>
    /// Takes one reading from history to rebuild the series' state (after a restart), without touching silence: when a
    /// stored reading arrived is not known, so it says nothing about whether the station is silent now.
    /// </summary>
    public void Recall(Reading reading, List<AlertSignal> signals)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(signals);
        if (_stations.TryGetValue(reading.StationId, out StationRules? station))
        {
            Evaluate(station, reading, signals);
        }
    }

    private static void Evaluate(StationRules station, Reading reading, List<AlertSignal> signals)
    {
        AlertSeries?[] ofParameter = station.SeriesOf(reading.Parameter);
        for (int i = 0; i < ofParameter.Length; i++)
        {
            AlertRule rule = station.Rules[i];
            if (rule.Kind == AlertKind.Silence || rule.ReadingKind != reading.Kind || !rule.Watches(reading.Parameter))
            {
                continue;
            }

            AlertSeries series = ofParameter[i] ??= station.Series(rule, reading.Parameter);
            if (series.LastTime is DateTimeOffset last && reading.PeriodStart <= last)
            {
                continue;
            }

            bool? condition = AlertConditions.Evaluate(series, reading, station.Section);
            series.LastTime = reading.PeriodStart;
            series.Keep(reading);
            if (condition is bool met)
            {
                Settle(series, met, reading.PeriodStart, signals);
            }
        }
    }

    /// <summary>Raises silence alerts for every watched station not heard from for longer than its rule allows at <paramref name="now"/>.</summary>
    public void CheckSilence(DateTimeOffset now, List<AlertSignal> signals)
    {
        foreach (StationRules station in _stations.Values)
        {
            CheckSilence(station, now, signals);
        }
    }

    /// <summary>The same for one station (a replay goes station by station).</summary>
    public void CheckSilence(string stationId, DateTimeOffset now, List<AlertSignal> signals)
    {
        if (_stations.TryGetValue(stationId, out StationRules? station))
        {
            CheckSilence(station, now, signals);
        }
    }

    private static void CheckSilence(StationRules station, DateTimeOffset now, List<AlertSignal> signals)
    {
        foreach (AlertSeries silence in station.Silences)
        {
            if (!silence.Open && silence.LastTime is DateTimeOffset last && now - last > silence.Rule.Duration)
            {
                silence.Open = true;
                DateTimeOffset at = last + silence.Rule.Duration;
                string reason = string.Create(CultureInfo.InvariantCulture,
                    $"no data since {last:yyyy-MM-dd HH:mm zzz}, more than {silence.Rule.Duration.TotalMinutes:0} minutes");
                signals.Add(new AlertSignal(true, NewAlert(silence, at, [], reason)));
            }
        }
    }

    private static void Heard(AlertSeries silence, DateTimeOffset received, List<AlertSignal> signals)
    {
        if (silence.Open)
        {
            silence.Open = false;
            signals.Add(new AlertSignal(false, NewAlert(silence, received, [], "data again") with { ClearedAt = received }));
        }

        if (silence.LastTime is not DateTimeOffset last || received > last)
        {
            silence.LastTime = received;
        }
    }

    private static void Settle(AlertSeries series, bool met, DateTimeOffset at, List<AlertSignal> signals)
    {
        if (met)
        {
            series.LastTrue = at;
            if (!series.Open)
            {
                series.Open = true;
                signals.Add(new AlertSignal(true, NewAlert(series, at, series.Evidence(), AlertConditions.Describe(series))));
            }
        }
        else if (series.Open && at - series.LastTrue >= series.Rule.ClearAfter)
        {
            series.Open = false;
            signals.Add(new AlertSignal(false, NewAlert(series, at, [], "condition gone") with { ClearedAt = at }));
        }
    }

    private static Alert NewAlert(AlertSeries series, DateTimeOffset at, AlertValue[] evidence, string reason) => new(
        0, series.Rule.Id, series.Rule.Kind, series.Rule.Severity, series.Section, series.Station,
        series.Parameter.Length == 0 ? null : series.Parameter, at, null, evidence, reason);

    /// <summary>The rules that apply to one station and its series.</summary>
    private sealed class StationRules
    {
        private readonly Dictionary<(string Rule, string Parameter), AlertSeries> _series = [];

        // Per parameter, each rule's series by the rule's index: one lookup per reading instead of one per rule.
        private readonly Dictionary<string, AlertSeries?[]> _byParameter = new(StringComparer.Ordinal);

        public StationRules(string station, Section? section, AlertRule[] rules)
        {
            Station = station;
            Section = section;
            Rules = rules;
            Silences = [.. rules.Where(r => r.Kind == AlertKind.Silence).Select(r => Series(r, ""))];
        }

        public string Station { get; }

        public Section? Section { get; }

        public AlertRule[] Rules { get; }

        public AlertSeries[] Silences { get; }

        public AlertSeries?[] SeriesOf(string parameter)
        {
            if (!_byParameter.TryGetValue(parameter, out AlertSeries?[]? series))
            {
                _byParameter[parameter] = series = new AlertSeries?[Rules.Length];
            }

            return series;
        }

        public AlertSeries Series(AlertRule rule, string parameter)
        {
            if (!_series.TryGetValue((rule.Id, parameter), out AlertSeries? series))
            {
                _series[(rule.Id, parameter)] = series = new AlertSeries(rule, Station, Section?.Id, parameter)
                {
                    Detector = rule.Canary is CanarySettings canary ? new CanaryDetector(canary) : null,
                };
            }

            return series;
        }
    }
}
