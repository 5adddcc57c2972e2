using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Qingshui.Hj212;

namespace Qingshui.FloodLoad;

/// <summary>A registered station of the default basin (Jinyushi) that uploads an hour and times the server's 9014.</summary>
internal sealed class GoodStation : IAsyncDisposable
{
    private const string Mn = "360300A00000000000000201";
    private readonly Socket _socket;
    private readonly FrameScanner _scanner = new(FramingOptions.Default);
    private readonly byte[] _buffer = new byte[4096];
    private int _sent;

    private GoodStation(Socket socket) => _socket = socket;

    public static async Task<GoodStation> ConnectAsync(int port)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return new GoodStation(socket);
    }

    /// <summary>Sends one hourly upload asking for an acknowledgement; returns the time to its 9014, or null when none came.</summary>
    public async Task<TimeSpan?> UploadAsync(TimeSpan timeout)
    {
        int n = Interlocked.Increment(ref _sent);
        DateTimeOffset hour = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddHours(n);
        string qn = hour.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "000";
        byte[] frame = FrameEncoder.Encode(
            $"QN={qn};ST=21;CN=2061;PW=jx0201;MN={Mn};Flag=5;CP=&&DataTime={hour:yyyyMMddHHmmss};" +
            "w01001-Avg=7.52,w01001-Flag=N;w01009-Avg=6.8,w01009-Flag=N;w21003-Avg=0.42,w21003-Flag=N;w21011-Avg=0.081,w21011-Flag=N&&");
        var watch = Stopwatch.StartNew();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _socket.SendAsync(frame, cancel.Token);
            while (true)
            {
                while (_scanner.TryNext(false, out ScannedItem? item))
                {
                    if (item.DataSegment is not null && Encoding.ASCII.GetString(item.DataSegment).Contains($"QN={qn}", StringComparison.Ordinal))
                    {
                        return watch.Elapsed;
                    }
                }

                int read = await _socket.ReceiveAsync(_buffer, cancel.Token);
                if (read == 0)
                {
                    return null;
                }

                _scanner.Append(_buffer.AsSpan(0, read));
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            return null;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }
}
