using Qingshui.Domain.Parameters;

namespace Qingshui.Domain.Readings;

/// <summary>One measured value of one parameter at one station for one period, as received (unrounded, in the unit it arrived in).</summary>
/// <param name="StationId">The station's MN.</param>
/// <param name="Parameter">The parameter's HJ 212-2017 code (or the code as sent, when unknown).</param>
/// <param name="Kind">Real-time, minute, hour, day, …</param>
/// <param name="PeriodStart">Start of the period (the sampling instant for real-time values), with the station's offset.</param>
/// <param name="Value">The value (the mean for period data), exactly as received.</param>
/// <param name="Unit">The unit of <paramref name="Value"/>.</param>
/// <param name="Flag">The HJ 212 data flag, or <c>null</c> when none was sent.</param>
/// <param name="Valid">Whether it counts as valid data: its flag, as screening maps it, and no screening rule made it invalid.</param>
/// <param name="Marks">Tolerances it was accepted under.</param>
/// <param name="Minimum">The period minimum, when sent.</param>
/// <param name="Maximum">The period maximum, when sent.</param>
public sealed record Reading(
    string StationId, string Parameter, ReadingKind Kind, DateTimeOffset PeriodStart, decimal Value, Unit Unit, string? Flag, bool Valid,
    ReadingMarks Marks = ReadingMarks.None, decimal? Minimum = null, decimal? Maximum = null)
{
    /// <summary>
    /// The id of the screening rule that marked it (<see cref="Review.ScreeningRuleIds"/>), or <c>null</c> when none did.
    /// A suspect mark leaves it valid; an invalid one is why <see cref="Valid"/> is false.
    /// </summary>
    public string? ScreenRule { get; init; }
}
