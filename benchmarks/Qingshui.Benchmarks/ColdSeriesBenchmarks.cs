using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Presets;
using Qingshui.Domain.Readings;
using Qingshui.Server;
using Qingshui.Server.Api;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Ingest;
using Qingshui.Storage;

namespace Qingshui.Benchmarks;

/// <summary>
/// What the first asking of a section-month costs the server (the load script's cold question: a month of hourly values
/// of one parameter from the section's stations, 744 points), against the same question answered from the response
/// cache, through the host's whole request pipeline in process on one thread (no socket, no client). The store holds
/// three months of hourly values of five parameters for every station of the basin.
/// </summary>
/// <remarks>
/// <c>dotnet run -c Release --project benchmarks/Qingshui.Benchmarks -- --filter '*ColdSeries*' --inProcess</c>. Cold drops
/// the section's kept answers before each request; the two Answer benchmarks are a cold answer's own work (store read,
/// points, JSON) done the way the endpoint does it now and the way it did it before, without the request pipeline.
/// </remarks>
[MemoryDiagnoser]
public class ColdSeriesBenchmarks
{
    private static readonly string[] Parameters = ["w21003", "w01019", "w01009", "w21011", "w01001"];

    private string _directory = "";
    private QingshuiServer? _server;
    private PipelineCapture _pipeline = null!;
    private ResponseCache _cache = null!;
    private string _section = "";
    private string _path = "";
    private string _query = "";
    private DateTimeOffset _month;
    private SectionData _data = null!;
    private Section _sectionValue = null!;
    private SeriesDto _header = null!;
    private StandardItem _item = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup()
    {
        _server?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public Task<int> Warm() => _pipeline.GetAsync(_path, _query, cookie: null, authorization: null, gzip: false);

    [Benchmark]
    public Task<int> Cold()
    {
        _cache.StationsChanged([_section]);
        return _pipeline.GetAsync(_path, _query, cookie: null, authorization: null, gzip: false);
    }

    /// <summary>Cold, on a connection opened for it: what the first askings pay while the store's pool of connections grows.</summary>
    [Benchmark]
    public Task<int> ColdOnANewConnection()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return Cold();
    }

    /// <summary>A cold answer's own work (read, points, JSON) as the series endpoint does it now: packed hourly values of all stations at once.</summary>
    [Benchmark]
    public async Task<int> AnswerFromPackedValues() =>
        (await _data.SeriesFromDaysAsync(_sectionValue, _item, _month, _month.AddMonths(1), TimeSpan.FromHours(1), _header, CancellationToken.None))!.Utf8.Length;

    /// <summary>The same as the endpoint did it before: values per station, observations, LINQ grouping, a DTO per point, the serialiser.</summary>
    [Benchmark]
    public async Task<int> AnswerFromObservations()
    {
        List<Observation> observations = await _data.ObservationsAsync(_sectionValue, _month, _month.AddMonths(1), CancellationToken.None, "w21003");
        PointDto[] points = [.. SectionData.Downsample(observations, _item, TimeSpan.FromHours(1)).Select(x => new PointDto(x.Time, x.Mean, x.Min, x.Max, x.Count))];
        return JsonAnswer.Of(_header with { Points = points }).Utf8.Length;
    }

    private async Task SetupAsync()
    {
        _directory = Directory.CreateTempSubdirectory("qingshui-cold-").FullName;
        _pipeline = new PipelineCapture();
        var options = new ServerOptions
        {
            Basin = BasinPresets.Load("pingshui-lushui"),
            DatabasePath = Path.Combine(_directory, "qingshui.db"),
            Hj212Port = 0,
            HttpPort = 0,
            FullSync = false,
        };
        _server = await QingshuiServer.StartAsync(options, configureServices: _pipeline.Install);
        _cache = _server.Services.GetRequiredService<ResponseCache>();
        IReadingStore store = _server.Services.GetRequiredService<IReadingStore>();
        Section section = options.Basin.Sections[0];
        _section = section.Id;
        _sectionValue = section;
        _data = _server.Services.GetRequiredService<SectionData>();
        _item = StandardItems.ForParameter("w21003")!;
        string[] all = [.. options.Basin.Stations.Select(s => s.DeviceId)];

        // Three months of hourly values, one packet per station and hour, written as ingest writes them (one batch an hour).
        var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        _month = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, now.Offset).AddMonths(-1);
        Unit[] units = [.. Parameters.Select(c => ParameterCatalogue.Find(c)!.DefaultUnit)];
        var random = new Random(17);
        for (DateTimeOffset hour = _month.AddMonths(-2); hour < _month.AddMonths(1); hour = hour.AddHours(1))
        {
            var records = new List<IngestRecord>();
            foreach (string station in all)
            {
                Reading[] readings = [.. Parameters.Select((p, i) => new Reading(station, p, ReadingKind.Hour, hour,
                    Math.Round((decimal)(random.NextDouble() * 2 + 0.1), 3), units[i], "N", true))];
                records.Add(new IngestRecord(new RawPacket(hour, "synthetic", station, "2061", PacketVerdict.Accepted, null, []), readings));
            }

            await store.WriteAsync(records, CancellationToken.None);
        }

        _path = $"/api/v1/sections/{section.Id}/series";
        _query = "?parameter=w21003&interval=hour&from=" + Uri.EscapeDataString(_month.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture))
            + "&to=" + Uri.EscapeDataString(_month.AddMonths(1).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
        _header = new SeriesDto(section.Id, "w21003", new NameDto("氨氮", "Ammonia nitrogen"), "mg/L", "hour", null, []);
        if (await Cold() != 200 || await Warm() != 200 || await AnswerFromPackedValues() != await AnswerFromObservations())
        {
            throw new InvalidOperationException("the section-month is not answered with a month of hourly values");
        }
    }
}
