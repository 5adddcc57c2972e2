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
            if (TryFrom(reading.Parameter, reading.PeriodStart, reading.Value, reading.Unit, reading.Valid, out Observation observation))
            {
                yield return observation;
            }
        }
    }

    /// <summary>One value as an observation of its GB 3838 item, in the item's unit; false for other parameters or unconvertible units.</summary>
    public static bool TryFrom(string parameter, DateTimeOffset time, decimal value, Unit unit, bool valid, out Observation observation)
    {
        if (StandardItems.ForParameter(parameter) is StandardItem item && UnitConversion.TryConvert(value, unit, item.Unit, out decimal converted))
        {
            observation = new Observation(item, time, converted, valid);
            return true;
        }

        observation = default;
        return false;
    }
}
