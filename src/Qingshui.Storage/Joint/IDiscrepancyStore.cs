using Qingshui.Domain.Joint;

namespace Qingshui.Storage.Joint;

/// <summary>Which discrepancies to list: by state, section and item; newest first, paged by id.</summary>
/// <param name="Limit">At most this many (1–<see cref="MaxLimit"/>).</param>
/// <param name="Open">Only open (true) or closed (false) ones.</param>
/// <param name="Section">Only this section.</param>
/// <param name="ItemId">Only this GB 3838 item.</param>
/// <param name="Year">Only periods in this year.</param>
/// <param name="Before">Only ids below this (the next page).</param>
public sealed record DiscrepancyQuery(int Limit, bool? Open = null, string? Section = null, string? ItemId = null, int? Year = null, long? Before = null)
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 200;
}

/// <summary>
/// Where discrepancies between the two stations of a section are kept: one per station pair, item and period (opening
/// again is a no-op), closed once with a cause, never deleted.
/// </summary>
public interface IDiscrepancyStore
{
    /// <summary>Stores those of <paramref name="found"/> not yet recorded for their pair, item and period; returns the new ones with their ids.</summary>
    Task<IReadOnlyList<Discrepancy>> OpenAsync(IReadOnlyList<Discrepancy> found, CancellationToken cancellationToken);

    /// <summary>Records the closing if the discrepancy is still open; returns it closed, or null when it was not open (or does not exist).</summary>
    Task<Discrepancy?> CloseAsync(long id, DiscrepancyClosing closing, CancellationToken cancellationToken);

    /// <summary>One discrepancy, or null.</summary>
    Task<Discrepancy?> FindDiscrepancyAsync(long id, CancellationToken cancellationToken);

    /// <summary>Discrepancies matching the query, newest first.</summary>
    Task<IReadOnlyList<Discrepancy>> ListDiscrepanciesAsync(DiscrepancyQuery query, CancellationToken cancellationToken);
}
