// Load on the HTTP API of a running Qingshui (e.g. `qingshui demo`): CLIENTS concurrent clients each ask, again and
// again, for one section-month of hourly values of one parameter (the section page's chart), across every section,
// parameter and month the server has; then the dashboard's first load as a browser fetches it (gzip accepted).
//
//   dotnet run -c Release --project benchmarks/Qingshui.ApiLoad -- [BASE_URL] [CLIENTS] [SECONDS]
//   (defaults: http://127.0.0.1:8080 50 30)
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

string baseUrl = args.Length > 0 ? args[0].TrimEnd('/') : "http://127.0.0.1:8080";
int clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
int seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = new Uri(baseUrl) };
JsonElement basins = JsonDocument.Parse(await http.GetStringAsync("/api/v1/basins/")).RootElement;
JsonElement basin = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/basins/{basins[0].GetProperty("id").GetString()}")).RootElement;
string[] sections = [.. basin.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];
string[] parameters = ["w21003", "w01019", "w01009", "w21011", "w01001"];

// Months with data: the last twelve closed months (the demo back-fills two years).
var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
var months = Enumerable.Range(1, 12).Select(i => new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, now.Offset).AddMonths(-i)).ToArray();
string UrlFor(int i)
{
    DateTimeOffset month = months[i % months.Length];
    string from = Uri.EscapeDataString(month.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
    string to = Uri.EscapeDataString(month.AddMonths(1).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
    return $"/api/v1/sections/{sections[i / months.Length % sections.Length]}/series?parameter={parameters[i / months.Length / sections.Length % parameters.Length]}&interval=hour&from={from}&to={to}";
}

// Check one answer is what it claims: a month of hourly points.
JsonElement sample = JsonDocument.Parse(await http.GetStringAsync(UrlFor(0))).RootElement;
int points = sample.GetProperty("points").GetArrayLength();
Console.WriteLine($"{baseUrl}: {sections.Length} sections × {parameters.Length} parameters × {months.Length} months; one answer = {points} hourly points");
if (points < 24 * 28)
{
    Console.Error.WriteLine("the server has less than a month of hourly data: run `qingshui demo` until its back-fill is done");
    return 1;
}

// First, every distinct question once (computed from the store), then the same questions again and again (as many
// dashboards asking about the same months), each under the same concurrency.
int distinct = sections.Length * parameters.Length * months.Length;
(List<double> first, int firstErrors, TimeSpan firstElapsed) = await RunAsync(TimeSpan.MaxValue, distinct);
Report("first asking of each section-month", first, firstErrors, firstElapsed);
(List<double> steady, int errors, TimeSpan elapsed) = await RunAsync(TimeSpan.FromSeconds(seconds), null);
Report("asked again", steady, errors, elapsed);
errors += firstErrors;

// The dashboard's first load: index.html and every asset it names, as transferred with gzip accepted.
long transferred = 0, uncompressed = 0;
string index = await FetchAsync("/");
foreach (Match asset in Regex.Matches(index, "(?:src|href)=\"(/assets/[^\"]+)\""))
{
    await FetchAsync(asset.Groups[1].Value);
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dashboard first load: {transferred / 1024.0:0} kB transferred (gzip), {uncompressed / 1024.0:0} kB uncompressed"));
return errors == 0 ? 0 : 1;

async Task<string> FetchAsync(string path)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    request.Headers.AcceptEncoding.ParseAdd("gzip");
    using HttpResponseMessage response = await http.SendAsync(request);
    byte[] body = await response.Content.ReadAsByteArrayAsync();
    transferred += body.Length;
    bool gzip = response.Content.Headers.ContentEncoding.Contains("gzip");
    using var raw = new MemoryStream(body);
    using Stream decoded = gzip ? new System.IO.Compression.GZipStream(raw, System.IO.Compression.CompressionMode.Decompress) : raw;
    using var text = new MemoryStream();
    await decoded.CopyToAsync(text);
    uncompressed += text.Length;
    return System.Text.Encoding.UTF8.GetString(text.ToArray());
}

void Report(string what, List<double> latencies, int failed, TimeSpan elapsed)
{
    latencies.Sort();
    double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what}: {clients} concurrent clients, {latencies.Count} requests in {elapsed.TotalSeconds:0.0} s ({latencies.Count / elapsed.TotalSeconds:0} /s), {failed} errors"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  latency ms: p50 {P(0.50):0.0}  p95 {P(0.95):0.0}  p99 {P(0.99):0.0}  max {latencies[^1]:0.0}"));
}

// Clients take request numbers in turn: up to `count` in all, or until `duration` has passed.
async Task<(List<double> Latencies, int Errors, TimeSpan Elapsed)> RunAsync(TimeSpan duration, int? count)
{
    var all = new List<double>();
    int failed = 0, next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
    {
        var mine = new List<double>();
        for (int i = Interlocked.Increment(ref next); (count is null || i < count) && clock.Elapsed < duration; i = Interlocked.Increment(ref next))
        {
            long start = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await http.GetAsync(UrlFor(i));
            await response.Content.ReadAsByteArrayAsync();
            mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            if (!response.IsSuccessStatusCode)
            {
                Interlocked.Increment(ref failed);
            }
        }

        lock (all)
        {
            all.AddRange(mine);
        }
    })));
    return (all, failed, clock.Elapsed);
}
