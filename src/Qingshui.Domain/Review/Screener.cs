using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Review;

/// <summary>
/// Applies <see cref="ScreeningRules"/> to readings in the order they commit, keeping each series' recent values for
/// the spike, stuck and flat rules. Each reading comes back with its validity and the id of the rule that marked it
/// (<see cref="Reading.ScreenRule"/>); its value is never changed.
/// </summary>
/// <remarks>
/// <para>Rules apply in the order of <see cref="ScreeningRuleIds.All"/>; the first rule that makes the reading invalid
/// is the one kept, else the first that makes it suspect. A reading is valid unless a rule makes it invalid.</para>
/// <para>Only a reading newer than the newest already seen in its series, and not already invalid by its flag, range
/// or physics, meets the sequence rules and joins the series' history: a retransmission or a late back-fill of an
/// older hour is screened by the other rules only, and a faulty value never becomes a baseline.</para>
/// <para>A spike is measured from the last value that was not a spike, so the value after a spike (coming back) is not
/// a spike; a second far value in a row is a new level, not a spike.</para>
/// <para>Not thread-safe: one writer screens, in commit order.</para>
/// </remarks>
public sealed class Screener
{
    // One entry per series met: its settings resolved once, and its history when a sequence rule watches it.
    private readonly Dictionary<(string Station, string Parameter, ReadingKind Kind), SeriesEntry> _series = [];

    /// <summary>Creates a screener with empty history.</summary>
    public Screener(ScreeningRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        Rules = rules;
    }

    /// <summary>The rules applied.</summary>
    public ScreeningRules Rules { get; }

    /// <summary>The reading with its screening result (the same instance when nothing changes).</summary>
    public Reading Screen(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        SeriesEntry series = EntryOf(reading);
        ParameterScreening settings = series.Settings;
        decimal value = reading.Value;
        var result = new Outcome();
        result.Apply(Rules.VerdictOf(reading.Flag), ScreeningRuleIds.Flag);
        bool impossible = series.Possible?.IsOutside(value) == true;
        result.Apply(impossible ? ScreeningVerdict.Invalid : ScreeningVerdict.Valid, ScreeningRuleIds.Impossible);
        if (settings.Range is RangeLimit range && range.IsOutside(value))
        {
            result.Apply(range.Verdict, ScreeningRuleIds.Range);
        }

        if (settings.DetectionLimit is DetectionLimit limit && value < limit.Limit)
        {
            result.Apply(limit.Verdict, ScreeningRuleIds.DetectionLimit);
        }

        if (result.Verdict != ScreeningVerdict.Invalid && series.History is SeriesHistory history)
        {
            Sequence(reading, settings, history, ref result);
        }

        ReadingMarks marks = impossible ? reading.Marks | ReadingMarks.OutOfPhysicalRange : reading.Marks;
        bool valid = result.Verdict != ScreeningVerdict.Invalid;
        return valid == reading.Valid && result.Rule == reading.ScreenRule && marks == reading.Marks
            ? reading
            : reading with { Valid = valid, ScreenRule = result.Rule, Marks = marks };
    }

    /// <summary>Adds a stored reading to its series' history without judging it (to warm up after a restart), oldest first.</summary>
    public void Remember(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (reading.Valid && EntryOf(reading).History is SeriesHistory history && reading.PeriodStart > history.Newest)
        {
            history.Add(reading.PeriodStart, reading.Value, string.Equals(reading.ScreenRule, ScreeningRuleIds.Spike, StringComparison.Ordinal));
        }
    }

    private static void Sequence(Reading reading, ParameterScreening settings, SeriesHistory history, ref Outcome result)
    {
        if (reading.PeriodStart <= history.Newest)
        {
            return;
        }

        decimal value = reading.Value;
        bool spike = settings.Spike is SpikeLimit s && history.IsSpike(value, s.Jump);
        if (spike)
        {
            result.Apply(settings.Spike!.Verdict, ScreeningRuleIds.Spike);
        }

        if (settings.Stuck is StuckLimit stuck && history.RunWith(value) >= stuck.Count)
        {
            result.Apply(stuck.Verdict, ScreeningRuleIds.Stuck);
        }

        if (settings.Flat is FlatLimit flat && history.IsFlatWith(value, flat.Window, flat.Epsilon))
        {
            result.Apply(flat.Verdict, ScreeningRuleIds.Flat);
        }

        history.Add(reading.PeriodStart, value, spike);
    }

    private SeriesEntry EntryOf(Reading reading)
    {
        var key = (reading.StationId, reading.Parameter, reading.Kind);
        if (!_series.TryGetValue(key, out SeriesEntry? entry))
        {
            ParameterScreening settings = Rules.For(reading.StationId, reading.Parameter);
            SeriesHistory? history = settings.WatchesSequence && Rules.SequenceKinds.Contains(reading.Kind)
                ? new SeriesHistory(settings.Flat?.Window ?? 1)
                : null;
            entry = new SeriesEntry(settings, ScreeningRules.PossibleFor(reading.Parameter, settings), history);
            _series.Add(key, entry);
        }

        return entry;
    }

    private sealed record SeriesEntry(ParameterScreening Settings, RangeLimit? Possible, SeriesHistory? History);

    // The strongest verdict so far and the first rule that gave it.
    private struct Outcome
    {
        public ScreeningVerdict Verdict;
        public string? Rule;

        public void Apply(ScreeningVerdict verdict, string rule)
        {
            if (verdict > Verdict)
            {
                Verdict = verdict;
                Rule = rule;
            }
        }
    }
}
