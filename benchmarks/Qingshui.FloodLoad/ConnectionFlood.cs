using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Qingshui.FloodLoad;

/// <summary>
/// Many connection attempts, each held open when the server keeps it: what a scan, a botnet or a misconfigured
/// gateway does. Reports whether the server stays up, how fast a good station is answered meanwhile, and its memory.
/// </summary>
internal static class ConnectionFlood
{
    private const int InFlight = 512;

    public static async Task<int> RunAsync(string[] args)
    {
        int port = int.Parse(args[0], CultureInfo.InvariantCulture);
        int httpPort = int.Parse(args[1], CultureInfo.InvariantCulture);
        var server = new ServerProcess(int.Parse(args[2], CultureInfo.InvariantCulture));
        int attempts = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 25_000;
        int addresses = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 100;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };

        await using GoodStation station = await GoodStation.ConnectAsync(port);
        TimeSpan? before = await station.UploadAsync(TimeSpan.FromSeconds(10));
        Console.WriteLine($"before the flood: 9014 after {Ms(before)}, RSS {server.RssMegabytes()} MB, {server.OpenFiles()} open files, HTTP {await HealthAsync(http)}");

        var held = new ConcurrentDictionary<Socket, byte>();
        var counts = new FloodCounts();
        var latencies = new ConcurrentBag<TimeSpan?>();
        long peakRss = 0;
        using var stop = new CancellationTokenSource();
        Task sampler = SampleAsync(server, station, latencies, rss => peakRss = Math.Max(peakRss, rss), stop.Token);

        var watch = Stopwatch.StartNew();
        await FloodAsync(port, attempts, addresses, 1, held, counts);
        TimeSpan flooding = watch.Elapsed;

        // Let the server's refusals reach the client, then measure with the rest still held open.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await sampler;
        TimeSpan? during = await station.UploadAsync(TimeSpan.FromSeconds(30));
        string health = await HealthAsync(http);
        long rss = server.RssMegabytes();
        int files = server.OpenFiles();
        List<double> sampled = [.. latencies.Where(l => l is not null).Select(l => l!.Value.TotalMilliseconds).Order()];
        int unanswered = latencies.Count(l => l is null);

        Console.WriteLine($"{attempts} attempts from {addresses} addresses in {flooding.TotalSeconds:F1} s: {held.Count} held open by the server, " +
            $"{counts.Closed} closed by it, {counts.Failed} failed to connect");
        Console.WriteLine($"while flooded: server {(server.IsAlive ? "up" : "DOWN")}, HTTP {health}, RSS {rss} MB (peak {Math.Max(peakRss, rss)} MB), {files} open files");
        Console.WriteLine($"good station's 9014 with the flood held: {Ms(during)}; during the flood, uploads every 0.5 s: " +
            $"{sampled.Count} answered (p50 {Percentile(sampled, 0.5):F1} ms, max {(sampled.Count > 0 ? sampled[^1] : double.NaN):F1} ms), {unanswered} unanswered");
        foreach (Socket socket in held.Keys)
        {
            socket.Dispose();
        }

        return server.IsAlive && during is not null ? 0 : 1;
    }

    /// <summary>Only the flood: attempts held open for a while, then let go.</summary>
    public static async Task<int> HoldAsync(string[] args)
    {
        int port = int.Parse(args[0], CultureInfo.InvariantCulture);
        int attempts = int.Parse(args[1], CultureInfo.InvariantCulture);
        int addresses = int.Parse(args[2], CultureInfo.InvariantCulture);
        int seconds = int.Parse(args[3], CultureInfo.InvariantCulture);

        // The measuring process connects its good station first: a station online before the flood began.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var held = new ConcurrentDictionary<Socket, byte>();
        var counts = new FloodCounts();
        await FloodAsync(port, attempts, addresses, 3, held, counts);
        Console.WriteLine($"second flooder: {attempts} attempts, {held.Count} held open by the server, {counts.Closed} closed by it, {counts.Failed} failed");
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        Console.WriteLine($"second flooder: {held.Count} still held open at the end");
        foreach (Socket socket in held.Keys)
        {
            socket.Dispose();
        }

        return 0;
    }

    private static async Task FloodAsync(int port, int attempts, int addresses, byte subnet, ConcurrentDictionary<Socket, byte> held, FloodCounts counts)
    {
        using var slots = new SemaphoreSlim(InFlight);
        var tasks = new List<Task>(attempts);
        for (int i = 0; i < attempts; i++)
        {
            await slots.WaitAsync();
            var source = new IPAddress([127, 0, subnet, (byte)(1 + (i % addresses))]);
            tasks.Add(AttemptAsync(source, port, held, counts, slots));
        }

        await Task.WhenAll(tasks);
    }

    private static async Task AttemptAsync(IPAddress source, int port, ConcurrentDictionary<Socket, byte> held, FloodCounts counts, SemaphoreSlim slots)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Bind(new IPEndPoint(source, 0));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), timeout.Token);
            held[socket] = 0;
            _ = WatchAsync(socket, held, counts);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionRefused })
            {
                Interlocked.Increment(ref counts.Closed);
            }
            else
            {
                Interlocked.Increment(ref counts.Failed);
            }
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Waits for the server to close the socket (it sends nothing otherwise), then lets its handle go.</summary>
    private static async Task WatchAsync(Socket socket, ConcurrentDictionary<Socket, byte> held, FloodCounts counts)
    {
        byte[] one = new byte[1];
        try
        {
            while (await socket.ReceiveAsync(one) > 0)
            {
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }

        if (held.TryRemove(socket, out _))
        {
            Interlocked.Increment(ref counts.Closed);
            socket.Dispose();
        }
    }

    private static async Task SampleAsync(ServerProcess server, GoodStation station, ConcurrentBag<TimeSpan?> latencies, Action<long> rss, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            rss(server.RssMegabytes());
            latencies.Add(await station.UploadAsync(TimeSpan.FromSeconds(10)));
            try
            {
                await Task.Delay(500, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task<string> HealthAsync(HttpClient http)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using HttpResponseMessage response = await http.GetAsync("/api/v1/health");
            return $"{(int)response.StatusCode} in {watch.Elapsed.TotalMilliseconds:F0} ms";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return $"no answer ({e.Message})";
        }
    }

    private static string Ms(TimeSpan? time) => time is TimeSpan t ? $"{t.TotalMilliseconds:F1} ms" : "no answer";

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : sorted[(int)Math.Min(sorted.Count - 1, p * sorted.Count)];

    private sealed class FloodCounts
    {
        public int Closed;
        public int Failed;
    }
}
