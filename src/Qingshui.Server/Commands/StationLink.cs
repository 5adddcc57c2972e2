using System.Collections.Concurrent;
using System.IO.Pipelines;
using Qingshui.Hj212;

namespace Qingshui.Server.Commands;

/// <summary>
/// The command side of one open HJ 212 connection: frames leave one at a time, so a command never lands inside a
/// reply being written; and the commands awaiting answers are found by their QN as the station's packets arrive.
/// </summary>
internal sealed class StationLink(string remote, PipeWriter output, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly ConcurrentDictionary<string, CommandExchange> _waiting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _served = new(StringComparer.Ordinal);
    private volatile bool _closed;

    public string Remote => remote;

    public bool IsClosed => _closed;

    /// <summary>The stations this connection has been the route of.</summary>
    public IEnumerable<string> Served => _served.Keys;

    public void Serves(string deviceId) => _served.TryAdd(deviceId, 0);

    /// <summary>Writes one whole frame (a reply or a command) and flushes it; no other frame is written meanwhile.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            await output.WriteAsync(frame, cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Sends a command and waits for the station's answers to its QN, at most <paramref name="timeout"/>.</summary>
    public async Task<ExchangeResult> ExchangeAsync(string requestId, string command, byte[] frame, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var exchange = new CommandExchange(command);
        if (_closed || !_waiting.TryAdd(requestId, exchange))
        {
            return exchange.Unfinished(_closed ? "the connection closed before the command was sent" : "a command with this QN is waiting already");
        }

        using var limit = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, cancellationToken);
        try
        {
            await WriteAsync(frame, linked.Token);
            return await exchange.Ended.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return exchange.Unfinished($"no answer within {timeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException
            or Microsoft.AspNetCore.Connections.ConnectionResetException)
        {
            return exchange.Unfinished("the connection failed while the command was written");
        }
        finally
        {
            _waiting.TryRemove(requestId, out _);
        }
    }

    /// <summary>Whether a command on this connection awaits answers with this QN.</summary>
    public bool Awaits(string requestId) => _waiting.ContainsKey(requestId);

    /// <summary>Hands a station's packet to the command awaiting its QN; false when none awaits it.</summary>
    public bool Deliver(Hj212Message message)
    {
        if (message.RequestId is not string requestId || !_waiting.TryGetValue(requestId, out CommandExchange? exchange)
            || !exchange.Accepts(message))
        {
            return false;
        }

        exchange.Take(message, clock.GetUtcNow());
        return true;
    }

    /// <summary>The connection ended: commands still waiting end now rather than at their time limit.</summary>
    public void Close()
    {
        _closed = true;
        foreach (CommandExchange exchange in _waiting.Values)
        {
            exchange.Unfinished("the connection closed before the station answered");
        }
    }

    public void Dispose() => _writing.Dispose();
}
