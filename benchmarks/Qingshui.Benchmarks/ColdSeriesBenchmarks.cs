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
/// <c>dotnet run -c Release --project benchmarks/Qingshui.Benchmarks -- --filter '*ColdSeries*'</c>. Cold drops the
/// section's kept answers before each request; StoreRead is the store's part of a cold answer alone.
/// </remarks>
[MemoryDiagnoser]
public class ColdSeriesBenchmarks
{
    private static readonly string[] Parameters = ["w21003", "w01019", "w01009", "w21011", "w01001"];

    private string _directory = "";
    private QingshuiServer? _server;
    private PipelineCapture _pipeline = null!;
    private ResponseCache _cache = null!;
    private IReadingStore _store = null!;
    private string[] _stations = [];
    private string _section = "";
    private string _path = "";
    private string _query = "";
    private DateTimeOffset _month;
    private SectionData _data = null!;
    private Section _sectionValue = null!;
    private List<Observation> _observations = [];
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

    [Benchmark]
    public async Task<int> StoreRead()
    {
        int count = 0;
        foreach (string station in _stations)
        {
            count += (await _store.ValuesAsync(new ReadingQuery(station, "w21003", ReadingKind.Hour, _month, _month.AddMonths(1)), CancellationToken.None)).Count;
        }

        return count;
    }

    [Benchmark]
    public async Task<int> Observations() => (await _data.ObservationsAsync(_sectionValue, _month, _month.AddMonths(1), CancellationToken.None, "w21003")).Count;

    [Benchmark]
    public int DownsampleAndJson()
    {
        var points = SectionData.Downsample(_observations, _item, TimeSpan.FromHours(1)).Select(x => new PointDto(x.Time, x.Mean, x.Min, x.Max, x.Count)).ToArray();
        return JsonAnswer.Of(points).Utf8.Length;
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
        _store = _server.Services.GetRequiredService<IReadingStore>();
        Section section = options.Basin.Sections[0];
        _section = section.Id;
        _sectionValue = section;
        _data = _server.Services.GetRequiredService<SectionData>();
        _item = StandardItems.ForParameter("w21003")!;
        _stations = [.. options.Basin.Stations.Where(s => s.Section == section.Id).Select(s => s.DeviceId)];
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

            await _store.WriteAsync(records, CancellationToken.None);
        }

        _path = $"/api/v1/sections/{section.Id}/series";
        _query = "?parameter=w21003&interval=hour&from=" + Uri.EscapeDataString(_month.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture))
            + "&to=" + Uri.EscapeDataString(_month.AddMonths(1).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
        _observations = await _data.ObservationsAsync(section, _month, _month.AddMonths(1), CancellationToken.None, "w21003");
        if (await Cold() != 200 || await Warm() != 200 || await StoreRead() < 24 * 28)
        {
            throw new InvalidOperationException("the section-month is not answered with a month of hourly values");
        }
    }
}
