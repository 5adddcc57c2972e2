using Qingshui.Domain.Joint;

namespace Qingshui.Storage.Joint;

/// <summary>Which joint sampling events to list: by section and sampling time; newest first, paged by id.</summary>
/// <param name="Limit">At most this many (1–<see cref="MaxLimit"/>).</param>
/// <param name="Section">Only this section.</param>
/// <param name="From">Sampled at or after this.</param>
/// <param name="To">Sampled before this.</param>
/// <param name="Before">Only ids below this (the next page).</param>
public sealed record SamplingQuery(int Limit, string? Section = null, DateTimeOffset? From = null, DateTimeOffset? To = null, long? Before = null)
{
    /// <summary>The largest page.</summary>
    public const int MaxLimit = 200;
}

/// <summary>Where joint sampling events are kept with their samplers, split samples and laboratory results.</summary>
public interface ISamplingStore
{
    /// <summary>Stores a new event and returns it with its id.</summary>
    Task<SamplingEvent> CreateSamplingAsync(SamplingEvent samplingEvent, CancellationToken cancellationToken);

    /// <summary>Replaces an event's results with <paramref name="results"/> (all of them, in one transaction); false when there is no such event.</summary>
    Task<bool> SetResultsAsync(long id, IReadOnlyList<LabResult> results, CancellationToken cancellationToken);

    /// <summary>One event, or null.</summary>
    Task<SamplingEvent?> FindSamplingAsync(long id, CancellationToken cancellationToken);

    /// <summary>Events matching the query, newest first.</summary>
    Task<IReadOnlyList<SamplingEvent>> ListSamplingAsync(SamplingQuery query, CancellationToken cancellationToken);
}
