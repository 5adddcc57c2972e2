using Qingshui.Domain.Readings;

namespace Qingshui.Storage;

/// <summary>Which readings to fetch: one station, optionally one parameter and kind, over a half-open time range [From, To).</summary>
/// <param name="StationId">MN.</param>
/// <param name="Parameter">Parameter code, or <c>null</c> for all.</param>
/// <param name="Kind">Reading kind, or <c>null</c> for all.</param>
/// <param name="From">Inclusive start.</param>
/// <param name="To">Exclusive end.</param>
public sealed record ReadingQuery(string StationId, string? Parameter, ReadingKind? Kind, DateTimeOffset From, DateTimeOffset To);
