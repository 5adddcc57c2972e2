using Qingshui.Domain.Readings;

namespace Qingshui.Storage;

/// <summary>A reading as stored: the current revision and the raw packet it came from.</summary>
/// <param name="Reading">The reading.</param>
/// <param name="Revision">0 for the first value stored; increases each time a different value arrives for the same key.</param>
/// <param name="PacketId">The raw packet it was decoded from, when it came over HJ 212.</param>
/// <param name="StoredAt">When this revision was stored.</param>
public sealed record StoredReading(Reading Reading, int Revision, long? PacketId, DateTimeOffset StoredAt);
