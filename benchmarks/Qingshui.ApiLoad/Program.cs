// Load on the HTTP API of a running Qingshui (e.g. `qingshui demo`): CLIENTS concurrent clients each ask, again and
// again, for one section-month of hourly values of one parameter (the section page's chart), across every section,
// parameter and month the server has; then the dashboard's first load as a browser fetches it (gzip accepted).
//
//   dotnet run -c Release --project benchmarks/Qingshui.ApiLoad -- [BASE_URL] [CLIENTS] [SECONDS]
//   (defaults: http://127.0.0.1:8080 50 30)
//
// With QINGSHUI_LOAD_USER and QINGSHUI_LOAD_PASSWORD (a member to sign in as) and/or QINGSHUI_LOAD_TOKEN (a bearer token)
// set, it then measures what authentication costs on the same requests: interleaved rounds of ROUND_SECONDS (default 5)
// anonymous, with the session cookie and with the bearer token, ROUNDS times (default 4), each kind's latencies pooled.
//
// QINGSHUI_LOAD_SERVER_PID (the server's process, on this machine) adds the server's CPU time and page faults per
// request to each phase; WARMUP_ROUNDS (default 40) sets the warm-up before the first askings of a settled server.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

string baseUrl = args.Length > 0 ? args[0].TrimEnd('/') : "http://127.0.0.1:8080";
int clients = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
int seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;

// The clients share the server's cores, so latency alone does not tell the server's cost from theirs.
int? serverPid = int.TryParse(Environment.GetEnvironmentVariable("QINGSHUI_LOAD_SERVER_PID"), out int pid) ? pid : null;

using HttpClient http = NewClient();

// QINGSHUI_LOAD_ANONYMOUS=0: the server's reads need a member (--public-read false), so the bearer token asks every
// question and the comparison has no anonymous kind.
bool anonymousReads = Environment.GetEnvironmentVariable("QINGSHUI_LOAD_ANONYMOUS") != "0";
if (!anonymousReads)
{
    http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
        Environment.GetEnvironmentVariable("QINGSHUI_LOAD_TOKEN") ?? throw new InvalidOperationException("QINGSHUI_LOAD_ANONYMOUS=0 needs QINGSHUI_LOAD_TOKEN"));
}
JsonElement basins = JsonDocument.Parse(await http.GetStringAsync("/api/v1/basins/")).RootElement;
JsonElement basin = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/basins/{basins[0].GetProperty("id").GetString()}")).RootElement;
string[] sections = [.. basin.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];
string[] parameters = ["w21003", "w01019", "w01009", "w21011", "w01001"];

// Months with data: the last twelve closed months, and the twelve before them (the demo back-fills two years).
var now = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
var months = Enumerable.Range(1, 12).Select(i => new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, now.Offset).AddMonths(-i)).ToArray();
string UrlFor(int i, int yearsBack = 0, int hoursLater = 0)
{
    DateTimeOffset month = months[i % months.Length].AddYears(-yearsBack).AddHours(hoursLater);
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
// dashboards asking about the same months), each under the same concurrency. Before either, every client's connection
// is opened with a cheap question, as open dashboards hold theirs: the first asking measures the section-months, not
// 50 TCP handshakes at once.
int distinct = sections.Length * parameters.Length * months.Length;
await OpenConnectionsAsync(http);
(List<double> first, int firstErrors, TimeSpan firstElapsed, ServerUse? firstCpu) = await RunAsync(TimeSpan.MaxValue, distinct);
Report("first asking of each section-month", first, firstErrors, firstElapsed, firstCpu);

// The same questions a year earlier, also never asked before, in a server that has settled: the first phase pays for
// compiling the cold-read code too, and the runtime goes on recompiling the hot code (optimised, after counting calls)
// for tens of seconds after it, on the same cores. So first WARMUP_ROUNDS (default 40) rounds of other first askings (the
// same months, each range a few hours later: new questions for the cache, the same code and pages for the server), then
// the year-earlier months, whose pages no question has touched.
if (JsonDocument.Parse(await http.GetStringAsync(UrlFor(0, yearsBack: 1))).RootElement.GetProperty("points").GetArrayLength() >= 24 * 28)
{
    int rounds = int.Parse(Environment.GetEnvironmentVariable("WARMUP_ROUNDS") ?? "40", CultureInfo.InvariantCulture);
    (List<double> Latencies, int Errors, TimeSpan Elapsed, ServerUse? ServerCpu) warm = ([], 0, TimeSpan.Zero, null);
    var warming = Stopwatch.StartNew();
    for (int r = 1; r <= rounds; r++)
    {
        warm = await RunAsync(TimeSpan.MaxValue, distinct, hoursLater: r);
        firstErrors += warm.Errors;
    }

    if (rounds > 0)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up: {rounds} rounds of {distinct} first askings of ranges hours later, {warming.Elapsed.TotalSeconds:0.0} s; the last round:"));
        Report("  first asking of ranges hours later", warm.Latencies, warm.Errors, warm.Elapsed, warm.ServerCpu);
    }

    (List<double> earlier, int earlierErrors, TimeSpan earlierElapsed, ServerUse? earlierCpu) = await RunAsync(TimeSpan.MaxValue, distinct, yearsBack: 1);
    Report("first asking of each section-month a year earlier, after the warm-up", earlier, earlierErrors, earlierElapsed, earlierCpu);
    firstErrors += earlierErrors;
}

(List<double> steady, int errors, TimeSpan elapsed, ServerUse? steadyCpu) = await RunAsync(TimeSpan.FromSeconds(seconds), null);
Report("asked again", steady, errors, elapsed, steadyCpu);
errors += firstErrors;
errors += await CompareAuthenticationAsync();

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

void Report(string what, List<double> latencies, int failed, TimeSpan elapsed, ServerUse? serverCpu = null)
{
    latencies.Sort();
    double P(double q) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(q * latencies.Count) - 1)];
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{what}: {clients} concurrent clients, {latencies.Count} requests in {elapsed.TotalSeconds:0.0} s ({latencies.Count / elapsed.TotalSeconds:0} /s), {failed} errors"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  latency ms: p50 {P(0.50):0.0}  p95 {P(0.95):0.0}  p99 {P(0.99):0.0}  max {latencies[^1]:0.0}"));
    if (serverCpu is { } used)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  server CPU: {used.Seconds:0.00} s, {used.Seconds * 1e6 / latencies.Count:0} µs and {used.Faults / (double)latencies.Count:0} page faults a request"));
    }
}

// The server's user + system CPU seconds and page faults so far (Linux /proc/PID/stat: minflt, utime and stime, fields
// 10, 14 and 15, the times in clock ticks of 100 Hz).
ServerUse? ServerCpu()
{
    if (serverPid is not int id)
    {
        return null;
    }

    string stat = File.ReadAllText($"/proc/{id}/stat");
    string[] fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    long Field(int n) => long.Parse(fields[n - 3], CultureInfo.InvariantCulture);
    return new ServerUse((Field(14) + Field(15)) / 100.0, Field(10));
}

async Task OpenConnectionsAsync(HttpClient client)
{
    // Each request holds its connection until every one has its answer's headers, so that each client opens its own.
    int open = 0;
    var allOpen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
    {
        using HttpResponseMessage response = await client.GetAsync("/api/v1/basins/", HttpCompletionOption.ResponseHeadersRead);
        if (Interlocked.Increment(ref open) == clients)
        {
            allOpen.SetResult();
        }

        await allOpen.Task;
        await response.Content.ReadAsByteArrayAsync();
    })));
}

HttpClient NewClient() =>
    new(new SocketsHttpHandler { MaxConnectionsPerServer = clients, AutomaticDecompression = DecompressionMethods.None, UseCookies = false })
    { BaseAddress = new Uri(baseUrl) };

// The same questions, asked anonymously and as a member, in interleaved rounds so that drift (live uploads, cache,
// the machine) falls on every kind alike.
async Task<int> CompareAuthenticationAsync()
{
    var kinds = new List<(string Name, HttpClient Client)>();
    if (anonymousReads)
    {
        kinds.Add(("anonymous", http));
    }

    if (Environment.GetEnvironmentVariable("QINGSHUI_LOAD_USER") is { Length: > 0 } user)
    {
        HttpClient cookie = NewClient();
        using HttpResponseMessage signIn = await cookie.PostAsync("/api/v1/session", new StringContent(
            JsonSerializer.Serialize(new { name = user, password = Environment.GetEnvironmentVariable("QINGSHUI_LOAD_PASSWORD") }),
            System.Text.Encoding.UTF8, "application/json"));
        if (!signIn.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"sign-in as {user}: {(int)signIn.StatusCode}");
            return 1;
        }

        // The session cookie goes as a fixed header, as a browser sends it: the client's own cookie jar
        // (CookieContainer, ~25 µs a request here) would be measured as the server's cost on these shared cores.
        string session = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("qingshui.session=", StringComparison.Ordinal));
        cookie.DefaultRequestHeaders.Add("Cookie", session[..session.IndexOf(';', StringComparison.Ordinal)]);

        kinds.Add(($"cookie ({user})", cookie));
    }

    if (Environment.GetEnvironmentVariable("QINGSHUI_LOAD_TOKEN") is { Length: > 0 } token)
    {
        HttpClient bearer = NewClient();
        bearer.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        kinds.Add(("bearer token", bearer));
    }

    if (kinds.Count <= (anonymousReads ? 1 : 0))
    {
        return 0;
    }

    // Each kind must be what it says: the session endpoint answers 401 to anonymous, 200 to a member.
    foreach ((string name, HttpClient client) in kinds)
    {
        using HttpResponseMessage session = await client.GetAsync("/api/v1/session");
        Console.WriteLine($"{name}: GET /api/v1/session answers {(int)session.StatusCode}");
        if ((session.StatusCode == HttpStatusCode.OK) == (name == "anonymous"))
        {
            return 1;
        }
    }

    int rounds = int.Parse(Environment.GetEnvironmentVariable("ROUNDS") ?? "4", CultureInfo.InvariantCulture);
    var round = TimeSpan.FromSeconds(double.Parse(Environment.GetEnvironmentVariable("ROUND_SECONDS") ?? "5", CultureInfo.InvariantCulture));
    var pooled = kinds.ToDictionary(k => k.Name, _ => new List<double>());
    var took = kinds.ToDictionary(k => k.Name, _ => TimeSpan.Zero);
    int failed = 0;
    for (int r = 0; r < rounds; r++)
    {
        // Rotate the order each round, so no kind always runs first after a switch.
        for (int k = 0; k < kinds.Count; k++)
        {
            (string name, HttpClient client) = kinds[(r + k) % kinds.Count];
            (List<double> latencies, int errors, TimeSpan elapsed, _) = await RunAsync(round, null, client);
            pooled[name].AddRange(latencies);
            took[name] += elapsed;
            failed += errors;
        }
    }

    Console.WriteLine($"authentication compared: {rounds} interleaved rounds of {round.TotalSeconds:0} s per kind");
    double baseline = anonymousReads ? P95(pooled["anonymous"]) : double.NaN;
    foreach ((string name, _) in kinds)
    {
        Report(name, pooled[name], 0, took[name]);
        if (anonymousReads && name != "anonymous")
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  p95 over anonymous: {(P95(pooled[name]) / baseline - 1) * 100:+0.0;-0.0} %"));
        }
    }

    Console.WriteLine($"errors in the comparison: {failed}");
    return failed;
}

static double P95(List<double> latencies)
{
    List<double> sorted = [.. latencies.Order()];
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(0.95 * sorted.Count) - 1)];
}

// Clients take request numbers in turn: up to `count` in all, or until `duration` has passed.
async Task<(List<double> Latencies, int Errors, TimeSpan Elapsed, ServerUse? ServerCpu)> RunAsync(TimeSpan duration, int? count, HttpClient? through = null, int yearsBack = 0, int hoursLater = 0)
{
    HttpClient client = through ?? http;
    var all = new List<double>();
    int failed = 0, next = -1;
    ServerUse? before = ServerCpu();
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
    {
        var mine = new List<double>();
        for (int i = Interlocked.Increment(ref next); (count is null || i < count) && clock.Elapsed < duration; i = Interlocked.Increment(ref next))
        {
            long start = Stopwatch.GetTimestamp();
            using HttpResponseMessage response = await client.GetAsync(UrlFor(i, yearsBack, hoursLater));
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
    ServerUse? after = ServerCpu();
    return (all, failed, clock.Elapsed, before is { } b && after is { } a ? new ServerUse(a.Seconds - b.Seconds, a.Faults - b.Faults) : null);
}

/// <summary>The server's CPU seconds (user + system) and page faults, so far or over a phase.</summary>
internal readonly record struct ServerUse(double Seconds, long Faults);
