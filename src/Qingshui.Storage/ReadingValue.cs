using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Storage;

/// <summary>A stored reading's value and what it takes to judge it: parameter, kind, period start, unit and validity.</summary>
/// <param name="Parameter">Parameter code.</param>
/// <param name="Kind">Reading kind.</param>
/// <param name="PeriodStart">Period start, in the station's offset.</param>
/// <param name="Value">Value as received.</param>
/// <param name="Unit">Its unit.</param>
/// <param name="Valid">Whether its flag makes it valid data.</param>
public readonly record struct ReadingValue(string Parameter, ReadingKind Kind, DateTimeOffset PeriodStart, decimal Value, Unit Unit, bool Valid)
{
    /// <summary>The reading of <paramref name="station"/> this value is, for rules that take readings (its flag is not kept: only whether it is valid).</summary>
    public Reading Of(string station) => new(station, Parameter, Kind, PeriodStart, Value, Unit, null, Valid);
}
