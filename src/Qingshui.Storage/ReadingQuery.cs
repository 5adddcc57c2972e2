using Qingshui.Domain.Readings;

namespace Qingshui.Storage;

/// <summary>Which readings to fetch: one station, optionally one parameter and kind, over a half-open time range [From, To).</summary>
/// <param name="StationId">MN.</param>
/// <param name="Parameter">Parameter code, or <c>null</c> for all.</param>
/// <param name="Kind">Reading kind, or <c>null</c> for all.</param>
/// <param name="From">Inclusive start.</param>
/// <param name="To">Exclusive end.</param>
public sealed record ReadingQuery(string StationId, string? Parameter, ReadingKind? Kind, DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Only readings after this one in the answer's order (parameter, kind, period start): where the previous page ended.</summary>
    public ReadingPosition? After { get; init; }

    /// <summary>At most this many readings; <c>null</c> for all.</summary>
    public int? Limit { get; init; }
}

/// <summary>A reading's place in the order readings are answered in: parameter, kind, period start.</summary>
/// <param name="Parameter">Parameter code.</param>
/// <param name="Kind">Reading kind.</param>
/// <param name="PeriodStart">Period start.</param>
public readonly record struct ReadingPosition(string Parameter, ReadingKind Kind, DateTimeOffset PeriodStart);
