using System.Globalization;
using Microsoft.AspNetCore.Http;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Server.Api.Csv;
using Qingshui.Storage;

namespace Qingshui.Server.Api;

/// <summary>
/// Writes readings as CSV while it reads them: station by station, a page of <see cref="PageSize"/> readings at a time,
/// flushed after each page. What it holds is one page and, for daily means, one day of one parameter.
/// </summary>
internal static class ReadingExport
{
    public const int PageSize = 5000;
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public enum Interval
    {
        Raw,
        Hour,
        Day,
    }

    public static async Task WriteAsync(
        HttpContext context, IReadingStore store, IReadOnlyList<Station> stations, string? parameter, Interval interval, DateTimeOffset from, DateTimeOffset to)
    {
        CancellationToken aborted = context.RequestAborted;
        string name = string.Create(CultureInfo.InvariantCulture, $"readings-{interval.ToString().ToLowerInvariant()}-{from.ToOffset(Beijing):yyyyMMdd}-{to.ToOffset(Beijing):yyyyMMdd}.csv");
        context.Response.ContentType = CsvCells.ContentType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        // Rows are written to a page's text, then that text to the response asynchronously (Kestrel refuses synchronous writes).
        await using var output = new StreamWriter(context.Response.Body, CsvCells.Encoding, bufferSize: 64 * 1024);
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        CsvCells.WriteRow(writer, interval == Interval.Day
            ? ["station", "section", "parameter", "day", "mean", "unit", "validHours"]
            : ["station", "section", "parameter", "kind", "time", "value", "unit", "flag", "valid"]);
        ReadingKind kind = interval == Interval.Raw ? ReadingKind.RealTime : ReadingKind.Hour;
        foreach (Station station in stations)
        {
            var day = new DayMean(station);
            ReadingPosition? after = null;
            while (true)
            {
                IReadOnlyList<StoredReading> page = await store.ReadingsAsync(
                    new ReadingQuery(station.DeviceId, parameter, kind, from, to) { After = after, Limit = PageSize }, aborted);
                foreach (StoredReading stored in page)
                {
                    if (interval == Interval.Day)
                    {
                        day.Add(writer, stored.Reading);
                    }
                    else
                    {
                        WriteReading(writer, station, stored.Reading);
                    }
                }

                if (page.Count < PageSize)
                {
                    break;
                }

                Reading last = page[^1].Reading;
                after = new ReadingPosition(last.Parameter, last.Kind, last.PeriodStart);
                await SendAsync(output, writer, aborted);
            }

            day.Flush(writer);
            await SendAsync(output, writer, aborted);
        }
    }

    /// <summary>Sends what the page's text holds and empties it.</summary>
    internal static async Task SendAsync(StreamWriter output, StringWriter page, CancellationToken aborted)
    {
        await output.WriteAsync(page.GetStringBuilder(), aborted);
        await output.FlushAsync(aborted);
        page.GetStringBuilder().Clear();
    }

    private static void WriteReading(TextWriter writer, Station station, Reading r) => CsvCells.WriteRow(writer,
    [
        station.DeviceId, station.Section, r.Parameter, r.Kind.ToString().ToLowerInvariant(),
        r.PeriodStart.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        CsvCell.Number(r.Value.ToString(CultureInfo.InvariantCulture)), UnitText.Symbol(r.Unit), r.Flag, r.Valid ? "true" : "false",
    ]);

    /// <summary>The valid hourly values of one parameter on one Beijing day, written as their mean when the day or parameter changes.</summary>
    private sealed class DayMean(Station station)
    {
        private readonly List<decimal> _values = new(24);
        private string? _parameter;
        private DateOnly _day;
        private Unit _unit;

        public void Add(TextWriter writer, Reading reading)
        {
            var day = DateOnly.FromDateTime(reading.PeriodStart.ToOffset(Beijing).DateTime);
            if (reading.Parameter != _parameter || day != _day)
            {
                Flush(writer);
                (_parameter, _day, _unit) = (reading.Parameter, day, reading.Unit);
            }

            if (reading.Valid)
            {
                _values.Add(reading.Value);
            }
        }

        public void Flush(TextWriter writer)
        {
            if (_parameter is not null && _values.Count > 0)
            {
                // The item's own rule where GB 3838 has one (pH is averaged as hydrogen-ion activity), else the arithmetic mean.
                decimal mean = StandardItems.ForParameter(_parameter) is StandardItem item ? PeriodAggregator.Mean(item, _values) : _values.Average();
                CsvCells.WriteRow(writer,
                [
                    station.DeviceId, station.Section, _parameter, _day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    CsvCell.Number(mean.ToString(CultureInfo.InvariantCulture)), UnitText.Symbol(_unit),
                    CsvCell.Number(_values.Count.ToString(CultureInfo.InvariantCulture)),
                ]);
            }

            _values.Clear();
            _parameter = null;
        }
    }
}
