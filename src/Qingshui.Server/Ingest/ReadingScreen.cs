using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;
using Qingshui.Storage;

namespace Qingshui.Server.Ingest;

/// <summary>
/// Screens each batch on the ingest writer, just before it is written, so every reading is stored with its validity
/// and the rule that marked it in the same transaction. The rules are the Domain's; this only holds the series history.
/// </summary>
/// <remarks>Used by the single writer only, in commit order (the screener is not thread-safe).</remarks>
internal sealed class ReadingScreen(ServerOptions options)
{
    private readonly Screener _screener = new(options.Screening ?? ScreeningFile.Default(options.Basin.DataFlags));
    private readonly System.Collections.Concurrent.ConcurrentQueue<IReadOnlyList<IngestRecord>> _elsewhere = new();

    public ScreeningRules Rules => _screener.Rules;

    /// <summary>Replaces each record's readings by their screened copies (records with nothing changed are kept as they are).</summary>
    public void Apply(List<IngestRecord> records)
    {
        RememberElsewhere();
        for (int i = 0; i < records.Count; i++)
        {
            IngestRecord record = records[i];
            Reading[]? screened = null;
            for (int j = 0; j < record.Readings.Count; j++)
            {
                Reading reading = record.Readings[j];
                Reading result = _screener.Screen(reading);
                if (!ReferenceEquals(result, reading))
                {
                    screened ??= [.. record.Readings];
                    screened[j] = result;
                }
            }

            if (screened is not null)
            {
                records[i] = record with { Readings = screened };
            }
        }
    }

    /// <summary>
    /// Takes in readings another node screened and committed (a station may send each value to a different node): they
    /// join the series history at the writer's next batch, so a stuck run or a spike spanning two nodes is still seen.
    /// </summary>
    public void Observe(IReadOnlyList<IngestRecord> records)
    {
        _elsewhere.Enqueue(records);

        // A node that takes no stations' data itself never drains: keep the newest batches only, history is bounded anyway.
        while (_elsewhere.Count > MaxElsewhere && _elsewhere.TryDequeue(out _))
        {
        }
    }

    private const int MaxElsewhere = 4_096;

    private void RememberElsewhere()
    {
        while (_elsewhere.TryDequeue(out IReadOnlyList<IngestRecord>? records))
        {
            foreach (Reading reading in records.SelectMany(r => r.Readings))
            {
                _screener.Remember(reading);
            }
        }
    }

    /// <summary>
    /// Warms the series history from the newest stored readings, so a restart does not forget a run of stuck values or
    /// the baseline of a spike. Called before the writer starts. A spike stored just before is then taken as a baseline.
    /// </summary>
    public async Task WarmAsync(IAlertStore store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        TimeSpan span = LookBack(_screener.Rules);
        if (span <= TimeSpan.Zero)
        {
            return;
        }

        await foreach ((string station, ReadingValue v) in store.ReplayValuesAsync(now - span, now.AddMinutes(1), cancellationToken))
        {
            _screener.Remember(v.Of(station));
        }
    }

    // As many periods of the coarsest watched kind as the longest rule needs, and one more; real-time and minute values by the hour.
    private static TimeSpan LookBack(ScreeningRules rules)
    {
        if (rules.LongestSequence == 0 || rules.SequenceKinds.Count == 0)
        {
            return TimeSpan.Zero;
        }

        TimeSpan period = rules.SequenceKinds.Max(k => k switch
        {
            ReadingKind.Day => TimeSpan.FromDays(1),
            ReadingKind.FourHour => TimeSpan.FromHours(4),
            _ => TimeSpan.FromHours(1),
        });
        return TimeSpan.FromTicks(Math.Min(period.Ticks * (rules.LongestSequence + 1), TimeSpan.FromDays(31).Ticks));
    }
}
