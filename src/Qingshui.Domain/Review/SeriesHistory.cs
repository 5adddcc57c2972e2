namespace Qingshui.Domain.Review;

/// <summary>
/// What the sequence rules remember of one series (station, parameter, kind): the newest period seen, the last value
/// that was not a spike, the current run of equal values and the last values for the flat-line window.
/// </summary>
internal sealed class SeriesHistory(int window)
{
    private readonly decimal[] _recent = new decimal[Math.Max(window, 1)];
    private int _count;
    private int _next;

    public DateTimeOffset Newest { get; private set; } = DateTimeOffset.MinValue;

    public decimal? Baseline { get; private set; }

    public bool LastWasSpike { get; private set; }

    public decimal? Previous { get; private set; }

    public int Run { get; private set; }

    /// <summary>Whether a spike with this jump: far from the baseline, and not right after another spike (two in a row are a new level).</summary>
    public bool IsSpike(decimal value, decimal jump) => Baseline is decimal b && !LastWasSpike && Math.Abs(value - b) > jump;

    /// <summary>The run of equal values this value would make.</summary>
    public int RunWith(decimal value) => Previous == value ? Run + 1 : 1;

    /// <summary>Whether this value and the window's last <paramref name="size"/> − 1 values span less than <paramref name="epsilon"/>.</summary>
    /// <remarks>Walks back from the newest value and stops as soon as the span reaches ε: a living series stops after a value or two.</remarks>
    public bool IsFlatWith(decimal value, int size, decimal epsilon)
    {
        if (_count + 1 < size || size > _recent.Length + 1)
        {
            return false;
        }

        decimal min = value, max = value;
        int at = _next;
        for (int i = 1; i < size; i++)
        {
            at = at == 0 ? _recent.Length - 1 : at - 1;
            decimal v = _recent[at];
            if (v < min)
            {
                min = v;
            }
            else if (v > max)
            {
                max = v;
            }

            if (max - min >= epsilon)
            {
                return false;
            }
        }

        return true;
    }

    public void Add(DateTimeOffset periodStart, decimal value, bool spike)
    {
        Newest = periodStart;
        Run = RunWith(value);
        Previous = value;
        LastWasSpike = spike;
        if (!spike)
        {
            Baseline = value;
        }

        _recent[_next] = value;
        _next = _next + 1 == _recent.Length ? 0 : _next + 1;
        _count = Math.Min(_count + 1, _recent.Length);
    }
}
