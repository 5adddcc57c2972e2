using System.Collections.Concurrent;
using System.Net.Sockets;
using Qingshui.Hj212;

namespace Qingshui.Simulation;

/// <summary>
/// A data logger's TCP link to the platform: writes frames, reads the platform's replies, completes the waiter of
/// each acknowledged QN (9014), reports refusals (9011 with QnRtn other than 1), answers time calibration, and answers
/// the real-time interval commands: 1061 with its interval, 1062 by taking the new one (9011, data, 9012, as §6.6 has it),
/// an HJ 212-2025 key exchange (1014, read with the key it holds) by taking the new key, and an HJ 212-2025 MN
/// assignment (1002) for its own hardware id by taking the MN and password it carries.
/// </summary>
internal sealed class StationConnection : IAsyncDisposable
{
    private volatile SimulatedStation _station;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<bool>> _waiting = new(StringComparer.Ordinal);
    private readonly Task _reading;
    private readonly Action<DateTimeOffset> _onSetTime;
    private readonly UploadPace _pace;
    private readonly StationKey _key;
    private readonly Action<SimulatedStation>? _onAssigned;

    private StationConnection(
        SimulatedStation station, Socket socket, UploadPace pace, StationKey key, Action<DateTimeOffset> onSetTime, Action<SimulatedStation>? onAssigned)
    {
        _onAssigned = onAssigned;
        _station = station;
        _pace = pace;
        _key = key;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _onSetTime = onSetTime;
        _reading = Task.Run(ReadRepliesAsync);
    }

    private volatile bool _aborted;

    public bool IsOpen => !_aborted && !_reading.IsCompleted;

    public static async Task<StationConnection> ConnectAsync(
        string host, int port, SimulatedStation station, UploadPace pace, StationKey key, Action<DateTimeOffset> onSetTime,
        Action<SimulatedStation>? onAssigned, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, port, cancellationToken);
            return new StationConnection(station, socket, pace, key, onSetTime, onAssigned);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Registers interest in the reply to a QN (9014, or 9013 to a notice); true = acknowledged, false = refused.</summary>
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
                    var options = new MessageParseOptions(Hj212Time.ChinaStandardOffset, _station.Edition, _key.Current);
                    if (item.DataSegment is not null && MessageParser.Parse(item.DataSegment, options) is { Success: true } parsed)
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

    // The data answer to a 1061: the station's upload of its interval, with the request's QN (no acknowledgement asked).
    private Hj212Message IntervalUpload(string? requestId) => new(requestId, SystemCode.SurfaceWater, CommandCode.GetRealtimeInterval, _station.Password,
        _station.DeviceId, EditionProfile.For(_station.Edition).Flag(acknowledge: false, split: false), null, null,
        DataArea.OfFields(new KeyValuePair<string, string>(RealtimeInterval.FieldName, _pace.RealtimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    private async Task HandleAsync(Hj212Message reply)
    {
        switch (reply.Command)
        {
            case CommandCode.DataAcknowledgement when reply.RequestId is not null && _waiting.TryRemove(reply.RequestId, out TaskCompletionSource<bool>? acked):
                acked.TrySetResult(true);
                break;
            case CommandCode.NoticeAcknowledgement when reply.RequestId is not null && _waiting.TryRemove(reply.RequestId, out TaskCompletionSource<bool>? noted):
                noted.TrySetResult(true);
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
            case CommandCode.GetRealtimeInterval:
                await WriteAsync(MessageWriter.Encode(Replies.RequestResponse(reply, RequestReturnCode.Ready, _station.Edition)), default);
                await WriteAsync(MessageWriter.Encode(IntervalUpload(reply.RequestId)), default);
                await WriteAsync(MessageWriter.Encode(Replies.ExecutionResult(reply, ExecutionReturnCode.Success, _station.Edition)), default);
                break;
            case CommandCode.SetRealtimeInterval:
                // An interval outside the standard's bounds is a request-condition error (ExeRtn 3); the pace stays.
                bool allowed = RealtimeInterval.TryRead(reply.Data, out int seconds);
                await WriteAsync(MessageWriter.Encode(Replies.RequestResponse(reply, RequestReturnCode.Ready, _station.Edition)), default);
                if (allowed)
                {
                    _pace.SetRealtime(seconds);
                }

                await WriteAsync(MessageWriter.Encode(Replies.ExecutionResult(reply, allowed ? ExecutionReturnCode.Success : ExecutionReturnCode.ConditionError,
                    _station.Edition)), default);
                break;
            case CommandCode.KeyExchange:
                // HJ 212-2025: accept, switch to the new key, report done; uploads from here on use it.
                await WriteAsync(MessageWriter.Encode(Replies.RequestResponse(reply, RequestReturnCode.Ready, _station.Edition)), default);
                bool replaced = _key.TryReplace(reply.Data.Field("NewSK"));
                await WriteAsync(MessageWriter.Encode(Replies.ExecutionResult(reply, replaced ? ExecutionReturnCode.Success : ExecutionReturnCode.ConditionError,
                    _station.Edition)), default);
                break;
            case CommandCode.SetDeviceId when _onAssigned is not null:
                await AssignedAsync(reply);
                break;
            default:
                break;
        }
    }

    // HJ 212-2025 1002: the header carries the new MN and password, the data area the hardware id it is meant for.
    private async Task AssignedAsync(Hj212Message assignment)
    {
        string? loggerId = assignment.Data.Pollutants.FirstOrDefault(p => p.Code == "i23005")?.OtherFields.FirstOrDefault(f => f.Key == "Info").Value;
        SimulatedStation current = _station;
        // A repeated 1002 (the platform missed our 9012) is answered the same way.
        bool mine = current.LoggerId is not null && loggerId == current.LoggerId && assignment.DeviceId.Length > 0 && !string.IsNullOrEmpty(assignment.Password);
        await WriteAsync(MessageWriter.Encode(Replies.RequestResponse(assignment, RequestReturnCode.Ready, current.Edition)), default);
        if (mine)
        {
            _station = current with { DeviceId = assignment.DeviceId, Password = assignment.Password! };
        }

        await WriteAsync(MessageWriter.Encode(Replies.ExecutionResult(assignment, mine ? ExecutionReturnCode.Success : ExecutionReturnCode.ConditionError,
            current.Edition)), default);
        if (mine)
        {
            _onAssigned!(_station);
        }
    }
}
