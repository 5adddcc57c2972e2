using System.Collections.Concurrent;
using System.Net.Sockets;
using Qingshui.Hj212;

namespace Qingshui.Simulation;

/// <summary>
/// A data logger's TCP link to the platform: writes frames, reads the platform's replies, completes the waiter of
/// each acknowledged QN (9014), reports refusals (9011 with QnRtn other than 1), and answers time calibration.
/// </summary>
internal sealed class StationConnection : IAsyncDisposable
{
    private readonly SimulatedStation _station;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _waiting = new(StringComparer.Ordinal);
    private readonly Task _reading;
    private readonly Action<DateTimeOffset> _onSetTime;

    private StationConnection(SimulatedStation station, Socket socket, Action<DateTimeOffset> onSetTime)
    {
        _station = station;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _onSetTime = onSetTime;
        _reading = Task.Run(ReadRepliesAsync);
    }

    private volatile bool _aborted;

    public bool IsOpen => !_aborted && !_reading.IsCompleted;

    public static async Task<StationConnection> ConnectAsync(string host, int port, SimulatedStation station, Action<DateTimeOffset> onSetTime, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
            return new StationConnection(station, socket, onSetTime);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Registers interest in the reply to a QN; true = acknowledged, false = refused.</summary>
    public Task<bool> Expect(string requestId)
    {
        var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiting[requestId] = waiter;
        return waiter.Task;
    }

    public void Forget(string requestId) => _waiting.TryRemove(requestId, out _);

    public async Task WriteAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Drops the link abruptly, as a logger losing its modem would.</summary>
    public void Abort()
    {
        _aborted = true;
        _socket.LingerState = new LingerOption(true, 0);
        _socket.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Dispose();
        await _stream.DisposeAsync();
        await _reading.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _writeLock.Dispose();
    }

    private async Task ReadRepliesAsync()
    {
        var scanner = new FrameScanner(FramingOptions.Default);
        byte[] buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await _stream.ReadAsync(buffer)) > 0)
            {
                scanner.Append(buffer.AsSpan(0, read));
                while (scanner.TryNext(false, out ScannedItem? item))
                {
                    if (item.DataSegment is not null && MessageParser.Parse(item.DataSegment, MessageParseOptions.Default) is { Success: true } parsed)
                    {
                        await HandleAsync(parsed.Message);
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
        }
        finally
        {
            foreach (TaskCompletionSource<bool> waiter in _waiting.Values)
            {
                waiter.TrySetException(new IOException("connection closed"));
            }
        }
    }

    private async Task HandleAsync(Hj212Message reply)
    {
        switch (reply.Command)
        {
            case CommandCode.DataAcknowledgement when reply.RequestId is not null && _waiting.TryRemove(reply.RequestId, out TaskCompletionSource<bool>? acked):
                acked.TrySetResult(true);
                break;
            case CommandCode.RequestResponse when reply.RequestId is not null && reply.Data.Field("QnRtn") != "1"
                && _waiting.TryRemove(reply.RequestId, out TaskCompletionSource<bool>? refused):
                refused.TrySetResult(false);
                break;
            case CommandCode.SetTime:
                if (reply.Data.Field("SystemTime") is string time && Hj212Time.TryParse(time, Hj212Time.ChinaStandardOffset, out DateTimeOffset platformTime))
                {
                    _onSetTime(platformTime);
                }

                await WriteAsync(MessageWriter.Encode(Replies.RequestResponse(reply, RequestReturnCode.Ready, _station.Edition)), default);
                await WriteAsync(MessageWriter.Encode(Replies.ExecutionResult(reply, ExecutionReturnCode.Success, _station.Edition)), default);
                break;
            default:
                break;
        }
    }
}
