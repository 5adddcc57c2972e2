using Qingshui.Domain.Readings;

namespace Qingshui.Storage.Postgres;

/// <summary>What names a row of <c>series</c>: one station's one parameter of one kind.</summary>
internal readonly record struct SeriesKey(string Station, string Parameter, ReadingKind Kind)
{
    public static SeriesKey Of(Reading reading) => new(reading.StationId, reading.Parameter, reading.Kind);
}
