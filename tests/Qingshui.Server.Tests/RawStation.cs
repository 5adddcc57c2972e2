using System.Net.Sockets;
using System.Text;
using Qingshui.Hj212;

namespace Qingshui.Server.Tests;

/// <summary>A hand-driven TCP peer: writes exact bytes and reads the frames the server sends back.</summary>
internal sealed class RawStation : IAsyncDisposable
{
    private TcpClient _client = new() { NoDelay = true };
    private readonly FrameScanner _scanner = new(FramingOptions.Default);
    private NetworkStream _stream = null!;

    /// <summary>Connects from <paramref name="localAddress"/> (any 127.x.y.z on Linux), to look like another remote address.</summary>
    public static async Task<RawStation> ConnectAsync(int port, string? localAddress = null)
    {
        var station = new RawStation();
        if (localAddress is not null)
        {
            station._client.Dispose();
            station._client = new TcpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Parse(localAddress), 0)) { NoDelay = true };
        }

        await station._client.ConnectAsync("127.0.0.1", port, TestContext.Current.CancellationToken);
        station._stream = station._client.GetStream();
        return station;
    }

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes, TestContext.Current.CancellationToken);

    /// <summary>The next reply, parsed; fails the test after the timeout.</summary>
    public async Task<Hj212Message> ReceiveAsync(TimeSpan? timeout = null, MessageParseOptions? options = null)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        byte[] buffer = new byte[4096];
        while (true)
        {
            if (_scanner.TryNext(false, out ScannedItem? item) && item.DataSegment is not null)
            {
                return MessageParser.Parse(item.DataSegment, options ?? MessageParseOptions.Default).Message!;
            }

            int read = await _stream.ReadAsync(buffer, cancel.Token);
            if (read == 0)
            {
                throw new IOException("server closed the connection");
            }

            _scanner.Append(buffer.AsSpan(0, read));
        }
    }

    /// <summary>Whether the server closes the connection within the timeout.</summary>
    public async Task<bool> IsClosedByServerAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        byte[] buffer = new byte[256];
        try
        {
            while (await _stream.ReadAsync(buffer, cancel.Token) > 0)
            {
            }

            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _client.Dispose();
    }
}
