using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Hj212;

namespace Qingshui.Server.Ingest;

/// <summary>
/// Turns an upload's data area into readings: CN decides the kind (2011 real-time, 2051 minute, 2061 hour,
/// 2031 day), DataTime the period start, the station's edition how codes map to parameters. A pollutant without a
/// value is skipped. Readings leave here valid as received: screening (flags, physics, ranges, sequences) judges them
/// as they commit.
/// </summary>
internal static class ReadingMapper
{
    public static ReadingKind? KindOf(string command) => command switch
    {
        CommandCode.RealTimeData => ReadingKind.RealTime,
        CommandCode.MinuteData => ReadingKind.Minute,
        CommandCode.HourlyData => ReadingKind.Hour,
        CommandCode.DailyData => ReadingKind.Day,
        _ => null,
    };

    public static IReadOnlyList<Reading> Map(Hj212Message message, ReadingKind kind, Station station, ReadingMarks marks)
    {
        if (message.Data.DataTime is not DateTimeOffset periodStart)
        {
            return [];
        }

        bool legacy = station.Edition == ProtocolEdition.Hj212V2005;
        var readings = new List<Reading>(message.Data.Pollutants.Count);
        foreach (PollutantData pollutant in message.Data.Pollutants)
        {
            decimal? value = kind == ReadingKind.RealTime
                ? pollutant[ValueSuffix.Rtd] ?? pollutant[ValueSuffix.Avg]
                : pollutant[ValueSuffix.Avg] ?? pollutant[ValueSuffix.Rtd] ?? pollutant[ValueSuffix.Cou];
            if (value is not decimal v)
            {
                continue;
            }

            Parameter? parameter = ParameterCatalogue.FindWireCode(pollutant.Code, legacy);
            readings.Add(new Reading(
                station.DeviceId,
                parameter?.Code ?? pollutant.Code,
                kind,
                periodStart,
                v,
                parameter is null ? Unit.Unspecified : station.UnitOf(parameter),
                pollutant.Flag,
                true,
                marks,
                pollutant[ValueSuffix.Min],
                pollutant[ValueSuffix.Max]));
        }

        return readings;
    }

    public static ReadingMarks MarksOf(CrcVerdict verdict, bool editionMismatch) =>
        (verdict switch
        {
            CrcVerdict.Modbus => ReadingMarks.ModbusCrc,
            CrcVerdict.ModbusByteSwapped => ReadingMarks.ModbusByteSwappedCrc,
            CrcVerdict.Unchecked => ReadingMarks.CrcUnchecked,
            _ => ReadingMarks.None,
        }) | (editionMismatch ? ReadingMarks.EditionMismatch : ReadingMarks.None);
}
