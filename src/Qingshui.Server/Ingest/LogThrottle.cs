namespace Qingshui.Server.Ingest;

/// <summary>
/// Lets one log line per key through per interval and counts the rest, so a flood of refusals or garbage writes a line
/// every few seconds (saying how many were suppressed) rather than one per event, which would fill the disk with logs.
/// </summary>
internal sealed class LogThrottle(TimeSpan interval, TimeProvider clock, int maxKeys = 4096)
{
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Whether to log this event now; when yes, <paramref name="suppressed"/> says how many were held back since the last line.</summary>
    public bool ShouldLog(string key, out long suppressed)
    {
        long now = clock.GetTimestamp();
        lock (_lock)
        {
            if (_windows.TryGetValue(key, out Window? window) && clock.GetElapsedTime(window.LoggedAt, now) < interval)
            {
                window.Suppressed++;
                suppressed = 0;
                return false;
            }

            suppressed = window?.Suppressed ?? 0;
            if (window is null && _windows.Count >= maxKeys)
            {
                // Many distinct keys (addresses) at once: forget them all rather than grow without bound.
                _windows.Clear();
            }

            _windows[key] = new Window(now);
            return true;
        }
    }

    private sealed class Window(long loggedAt)
    {
        public long LoggedAt { get; } = loggedAt;

        public long Suppressed { get; set; }
    }
}
