using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Alerts;

/// <summary>What the evaluator keeps for one (rule, station, parameter): the hysteresis state, the rule's running counts, recent values.</summary>
internal sealed class AlertSeries(AlertRule rule, string station, string? section, string parameter)
{
    private const int EvidenceKept = 6;
    private readonly AlertValue[] _evidence = new AlertValue[EvidenceKept];
    private int _evidenceCount;
    private int _evidenceNext;

    public AlertRule Rule { get; } = rule;

    public string Station { get; } = station;

    public string? Section { get; } = section;

    public string Parameter { get; } = parameter;

    public bool Open { get; set; }

    public DateTimeOffset LastTrue { get; set; }

    /// <summary>The last reading taken (readings at or before it are retransmissions or late: skipped).</summary>
    public DateTimeOffset? LastTime { get; set; }

    public decimal LastValue { get; set; }

    public bool HasLastValue { get; set; }

    /// <summary>Values in the current run (flat line, invalid run) or when the run of worse classes began.</summary>
    public int Run { get; set; }

    public DateTimeOffset RunStart { get; set; }

    public CanaryDetector? Detector { get; set; }

    public void Keep(Reading reading)
    {
        // A ring: the newest value overwrites the oldest.
        _evidence[_evidenceNext] = new AlertValue(reading.PeriodStart, reading.Value, reading.Valid);
        _evidenceNext = _evidenceNext == EvidenceKept - 1 ? 0 : _evidenceNext + 1;
        _evidenceCount = Math.Min(_evidenceCount + 1, EvidenceKept);
    }

    /// <summary>The values kept, oldest first (allocates: called only when an alert is raised).</summary>
    public AlertValue[] Evidence()
    {
        var values = new AlertValue[_evidenceCount];
        for (int i = 0; i < _evidenceCount; i++)
        {
            values[i] = _evidence[(_evidenceNext - _evidenceCount + i + EvidenceKept) % EvidenceKept];
        }

        return values;
    }
}
