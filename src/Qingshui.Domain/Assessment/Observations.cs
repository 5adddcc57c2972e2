using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Assessment;

/// <summary>Turns stored readings into observations of GB 3838 items: unit converted, validity kept.</summary>
public static class Observations
{
    /// <summary>
    /// The readings that measure a GB 3838 item, in the item's unit. Readings of other parameters, or in a unit that
    /// cannot be converted, are left out; invalid readings are kept as invalid so completeness can count them.
    /// </summary>
    public static IEnumerable<Observation> FromReadings(IEnumerable<Reading> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        foreach (Reading reading in readings)
        {
            if (StandardItems.ForParameter(reading.Parameter) is StandardItem item
                && UnitConversion.TryConvert(reading.Value, reading.Unit, item.Unit, out decimal value))
            {
                yield return new Observation(item, reading.PeriodStart, value, reading.Valid);
            }
        }
    }
}
