namespace Qingshui.Simulation;

/// <summary>
/// A logger's upload rhythm, which the platform may change with HJ 212 1062 (set the real-time interval): the step
/// between DataTimes and, in a paced run, the real time between uploads (the interval divided by
/// <see cref="SimulationOptions.TimeScale"/>). Only a real-time (2011) run follows a 1062 in its uploads; any run
/// remembers the interval and reports it (1061).
/// </summary>
internal sealed class UploadPace
{
    // What a logger whose uploads are not real-time data reports as its real-time interval until told otherwise.
    private const int NotRealtimeDefaultSeconds = 300;

    private readonly Lock _lock = new();
    private readonly bool _followsRealtime;
    private readonly double _timeScale;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public UploadPace(SimulationOptions options)
    {
        _followsRealtime = options.Command == Hj212.CommandCode.RealTimeData;
        _timeScale = options.TimeScale;
        DataStep = options.Interval;
        Period = options.Rate > 0 ? TimeSpan.FromSeconds(1 / options.Rate) : null;
        RealtimeSeconds = _followsRealtime ? (int)Math.Round(options.Interval.TotalSeconds) : NotRealtimeDefaultSeconds;
    }

    /// <summary>The step between consecutive DataTimes.</summary>
    public TimeSpan DataStep { get; private set; }

    /// <summary>Real time between uploads; <c>null</c> sends as fast as acknowledgements allow.</summary>
    public TimeSpan? Period { get; private set; }

    /// <summary>The real-time interval in seconds, as the logger reports it (1061).</summary>
    public int RealtimeSeconds { get; private set; }

    /// <summary>Applies a 1062; a paced run's next upload is re-timed at once.</summary>
    public void SetRealtime(int seconds)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            RealtimeSeconds = seconds;
            if (!_followsRealtime)
            {
                return;
            }

            DataStep = TimeSpan.FromSeconds(seconds);
            Period = Period is null ? null : TimeSpan.FromSeconds(seconds / _timeScale);
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.TrySetResult();
    }

    /// <summary>Waits <paramref name="wait"/>; true when the pace changed first.</summary>
    public async Task<bool> WaitAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        Task changed;
        lock (_lock)
        {
            changed = _changed.Task;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task delay = Task.Delay(wait, timer.Token);
        Task first = await Task.WhenAny(changed, delay);
        await timer.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        return first == changed;
    }
}
