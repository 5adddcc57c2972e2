using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Qingshui.Hj212;

namespace Qingshui.FloodLoad;

/// <summary>
/// Bytes the server must reject or quarantine, as fast as it takes them, from several addresses: line noise, frames
/// with a bad CRC, frames from MNs nobody registered (a new one each time) and frames with a wrong password.
/// </summary>
internal static class GarbageFlood
{
    public static async Task<int> RunAsync(string[] args)
    {
        int port = int.Parse(args[0], CultureInfo.InvariantCulture);
        var server = new ServerProcess(int.Parse(args[1], CultureInfo.InvariantCulture));
        int seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
        long budget = (args.Length > 3 ? long.Parse(args[3], CultureInfo.InvariantCulture) : 200) * 1024 * 1024;
        int addresses = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 8;
        long sent = 0;
        long[] kinds = new long[4];
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var watch = Stopwatch.StartNew();
        Task[] senders = [.. Enumerable.Range(0, addresses * 2).Select(i => SendAsync(
            new IPAddress([127, 0, 2, (byte)(1 + (i % addresses))]), port, i, () => Interlocked.Read(ref sent) >= budget,
            (kind, bytes) => { Interlocked.Add(ref sent, bytes); Interlocked.Increment(ref kinds[kind]); }, stop.Token))];
        await Task.WhenAll(senders);
        Console.WriteLine($"sent {sent / 1024.0 / 1024.0:F1} MB of garbage in {watch.Elapsed.TotalSeconds:F1} s from {addresses} addresses " +
            $"({addresses * 2} connections): {kinds[0]} noise chunks, {kinds[1]} bad-CRC frames, {kinds[2]} invented-MN frames, {kinds[3]} wrong-password frames");
        Console.WriteLine($"server {(server.IsAlive ? "up" : "DOWN")}, RSS {server.RssMegabytes()} MB");
        return server.IsAlive ? 0 : 1;
    }

    private static async Task SendAsync(IPAddress source, int port, int seed, Func<bool> spent, Action<int, int> count, CancellationToken stop)
    {
        var random = new Random(seed);
        while (!stop.IsCancellationRequested && !spent())
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), stop);
                Task drain = DrainAsync(socket);
                while (!stop.IsCancellationRequested && !spent())
                {
                    int kind = random.Next(4);
                    byte[] bytes = Garbage(kind, random);
                    await socket.SendAsync(bytes, stop);
                    count(kind, bytes.Length);
                }

                socket.Shutdown(SocketShutdown.Send);
                await drain;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                // Closed by the server (or time is up): connect again.
            }
        }
    }

    private static byte[] Garbage(int kind, Random random)
    {
        string hour = "20250101" + random.Next(24).ToString("D2", CultureInfo.InvariantCulture) + "0000";
        string body = $"ST=21;CN=2061;Flag=5;CP=&&DataTime={hour};w21003-Avg=0.42,w21003-Flag=N;w21011-Avg=0.081,w21011-Flag=N&&";
        switch (kind)
        {
            case 0:
                byte[] noise = new byte[1024];
                random.NextBytes(noise);
                for (int i = 0; i < noise.Length; i++)
                {
                    noise[i] = noise[i] == (byte)'#' ? (byte)'x' : noise[i];
                }

                return noise;
            case 1:
                byte[] frame = FrameEncoder.Encode($"QN={hour}000;PW=jx0201;MN=360300A00000000000000201;{body}");
                frame[^3] = frame[^3] == (byte)'0' ? (byte)'1' : (byte)'0';
                return frame;
            case 2:
                string mn = string.Concat(Enumerable.Range(0, 24).Select(_ => (char)('0' + random.Next(10))));
                return FrameEncoder.Encode($"QN={hour}000;PW=123456;MN={mn};{body}");
            default:
                return FrameEncoder.Encode($"QN={hour}000;PW=guess{random.Next(1_000_000)};MN=360300A00000000000000201;{body}");
        }
    }

    private static async Task DrainAsync(Socket socket)
    {
        byte[] buffer = new byte[4096];
        try
        {
            while (await socket.ReceiveAsync(buffer) > 0)
            {
            }
        }
        catch (SocketException)
        {
        }
    }
}
