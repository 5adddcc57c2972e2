using Qingshui.Domain.Alerts;

namespace Qingshui.Storage;

/// <summary>Which alerts to list: open or closed or both, where, raised when; newest first, paged by id.</summary>
/// <param name="Limit">At most this many (1–<see cref="MaxLimit"/>).</param>
/// <param name="Open">True: only open; false: only cleared; null: both.</param>
/// <param name="Section">Only this section.</param>
/// <param name="Station">Only this station.</param>
/// <param name="From">Raised at or after this.</param>
/// <param name="To">Raised before this.</param>
/// <param name="Before">Only ids below this (the next page).</param>
public sealed record AlertQuery(
    int Limit, bool? Open = null, string? Section = null, string? Station = null, DateTimeOffset? From = null, DateTimeOffset? To = null, long? Before = null)
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 500;
}

/// <summary>Where alerts are kept: raised once, cleared once, read back as written.</summary>
public interface IAlertStore
{
    /// <summary>Stores a raised alert and returns it with its id.</summary>
    Task<Alert> RaiseAsync(Alert alert, CancellationToken cancellationToken);

    /// <summary>Marks the open alert of <paramref name="key"/> cleared at <paramref name="at"/>; returns it, or <c>null</c> when none is open.</summary>
    Task<Alert?> ClearAsync(AlertKey key, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The alerts still open (what the evaluator restores after a restart).</summary>
    Task<IReadOnlyList<Alert>> OpenAlertsAsync(CancellationToken cancellationToken);

    /// <summary>Alerts matching the query, newest first.</summary>
    Task<IReadOnlyList<Alert>> ListAsync(AlertQuery query, CancellationToken cancellationToken);

    /// <summary>One alert, or <c>null</c>.</summary>
    Task<Alert?> FindAsync(long id, CancellationToken cancellationToken);

    /// <summary>
    /// Every current reading whose period starts in [<paramref name="from"/>, <paramref name="to"/>), with its station,
    /// each series in time order: for replaying the rules over history and rebuilding their state after a restart.
    /// </summary>
    IAsyncEnumerable<(string Station, ReadingValue Value)> ReplayValuesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
