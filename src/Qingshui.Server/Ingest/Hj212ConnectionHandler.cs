using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Qingshui.Hj212;
using Qingshui.Server.Commands;
using Qingshui.Storage;

namespace Qingshui.Server.Ingest;

/// <summary>
/// One HJ 212 connection: admit → read → frame → decide → queue for the store → (after commit) reply → advance. A
/// connection beyond the caps of <see cref="ConnectionLimit"/> is closed at once. Frames are taken by their length
/// field; rejected bytes are stored with their reason while <see cref="RejectQuota"/> allows (counted otherwise), and
/// reading resumes at the next frame. Replies leave in arrival order, each only once its packet's transaction is durable.
/// A packet that passes its station's checks makes this connection the station's route for host commands
/// (<see cref="StationConnections"/>); commands and replies share one writer (<see cref="StationLink"/>).
/// </summary>
internal sealed class Hj212ConnectionHandler(
    StationRegister register, PacketProcessor processor, IngestQueue queue, ConnectionLimit limit, RejectQuota quota, LogThrottle throttle,
    StationConnections connections, Registration.PendingRegistrations registrations, Registration.RemoteAssignments assignments, StationFiles.StationFileReceiver files, Metrics.NodeMetrics metrics, ServerOptions options, TimeProvider clock,
    ILogger<Hj212ConnectionHandler> logger) : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        string remote = connection.RemoteEndPoint?.ToString() ?? "unknown";
        IPAddress address = AddressOf(connection.RemoteEndPoint);
        ConnectionAdmission admission = limit.TryEnter(address);
        if (admission != ConnectionAdmission.Admitted)
        {
            Refuse(connection, remote, admission);
            return;
        }

        try
        {
            await ServeAsync(connection, remote, address);
        }
        finally
        {
            limit.Leave(address);
        }
    }

    private static IPAddress AddressOf(EndPoint? endPoint) => endPoint is IPEndPoint ip
        ? (ip.Address.IsIPv4MappedToIPv6 ? ip.Address.MapToIPv4() : ip.Address)
        : IPAddress.None;

    private void Refuse(ConnectionContext connection, string remote, ConnectionAdmission admission)
    {
        // Closed before anything is allocated for it; the line is rate-limited, the count is not.
        bool total = admission == ConnectionAdmission.RefusedTotal;
        quota.CountRefused(total ? "refused-total" : "refused-address");
        if (throttle.ShouldLog(total ? "refused-total" : "refused-address", out long suppressed))
        {
            Log.ConnectionRefused(logger, remote, total ? "total" : "per-address", total ? options.MaxConnections : options.MaxConnectionsPerAddress,
                total ? limit.RefusedTotal : limit.RefusedPerAddress, suppressed);
        }

        connection.Abort();
    }

    private async Task ServeAsync(ConnectionContext connection, string remote, IPAddress address)
    {
        // Per address, at most a line every 10 s: a loop of connect-and-close must not fill the disk with log lines.
        bool logConnection = throttle.ShouldLog($"1001 {address}", out long suppressed);
        if (logConnection)
        {
            Log.Connected(logger, remote, suppressed);
        }

        var pending = Channel.CreateBounded<PendingReply>(new BoundedChannelOptions(options.MaxPendingAcksPerConnection)
        {
            SingleReader = true,
            SingleWriter = true,
        });
        using var link = new StationLink(remote, connection.Transport.Output, clock);
        Task replies = SendRepliesAsync(connection, link, pending.Reader);
        long frames = 0;
        try
        {
            frames = await ReadFramesAsync(connection, link, address, pending.Writer);
        }
        catch (Exception e) when (e is ConnectionResetException or OperationCanceledException or ChannelClosedException)
        {
            // The station went away, the connection was aborted, or the host is stopping and accepts nothing more.
        }
        finally
        {
            connections.Detach(link);
            link.Close();
            pending.Writer.TryComplete();
            await replies;
            if (logConnection || frames > 0)
            {
                Log.Disconnected(logger, remote, frames);
            }
        }
    }

    private async Task<long> ReadFramesAsync(ConnectionContext connection, StationLink link, IPAddress address, ChannelWriter<PendingReply> pending)
    {
        string remote = link.Remote;
        var allowance = new RejectAllowance();
        PipeReader input = connection.Transport.Input;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed);
        long streamOffset = 0;
        long frames = 0;
        Func<string, bool> awaited = link.Awaits;
        while (true)
        {
            idle.CancelAfter(options.IdleTimeout);
            ReadResult result;
            try
            {
                result = await input.ReadAsync(idle.Token);
            }
            catch (OperationCanceledException) when (!connection.ConnectionClosed.IsCancellationRequested)
            {
                Log.IdleTimeout(logger, remote, options.IdleTimeout);
                return frames;
            }

            ReadOnlySequence<byte> buffer = result.Buffer;
            while (true)
            {
                FrameReadStatus status = FrameReader.TryRead(buffer, result.IsCompleted, register.Framing, out Frame frame, out FrameError error, out SequencePosition consumed);
                if (status == FrameReadStatus.NeedMoreData)
                {
                    streamOffset += buffer.Slice(0, consumed).Length;
                    buffer = buffer.Slice(consumed);
                    break;
                }

                PacketOutcome outcome = status == FrameReadStatus.Frame
                    ? Decide(buffer, frame, remote, awaited)
                    : Reject(error, streamOffset, remote, address);
                frames += status == FrameReadStatus.Frame ? 1 : 0;
                if (outcome.Authenticated is Hj212Message sender)
                {
                    connections.Attach(sender.DeviceId, sender.SystemCode, link);
                    link.Deliver(sender);
                }

                if (outcome.Announced is Registration.PendingDevice announced)
                {
                    outcome = await registrations.HoldAsync(announced, link, outcome);
                    if (outcome.Announced is not null)
                    {
                        assignments.Received(announced.LoggerId); // held: an assignment still unconfirmed is sent again
                    }
                }

                outcome = outcome.File is null ? outcome : await files.KeepAsync(outcome);

                foreach (IngestRecord record in outcome.Records)
                {
                    IReadOnlyList<byte[]> replies = record == outcome.Records[^1] ? outcome.Replies : [];
                    metrics.Rejected(record.Packet);
                    Task durable = Dropped(record, allowance, address, remote) ? Task.CompletedTask : await queue.EnqueueAsync(record, CancellationToken.None);
                    await pending.WriteAsync(new PendingReply(durable, replies), CancellationToken.None);
                }

                streamOffset += buffer.Slice(0, consumed).Length;
                buffer = buffer.Slice(consumed);
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (buffer.Length > options.MaxBufferedBytesPerConnection)
            {
                Log.BufferLimit(logger, remote, buffer.Length, options.MaxBufferedBytesPerConnection);
                return frames;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                return frames;
            }
        }
    }

    private PacketOutcome Decide(in ReadOnlySequence<byte> buffer, in Frame frame, string remote, Func<string, bool> awaited)
    {
        byte[] raw = buffer.Slice(frame.Offset, frame.Length).ToArray();
        int dataLength = (int)frame.DataSegment.Length;
        var range = new Range(Hj212.Frame.HeaderLength, Hj212.Frame.HeaderLength + dataLength);
        return processor.Process(raw, range, frame.CrcVerdict, remote, awaited);
    }

    /// <summary>Whether a reject goes over a quota and is only counted (its reply, a 9011 for a quarantine, is still sent).</summary>
    private bool Dropped(IngestRecord record, RejectAllowance allowance, IPAddress address, string remote)
    {
        if (record.Packet.Verdict is not (PacketVerdict.Rejected or PacketVerdict.Quarantined)
            || quota.TryKeep(allowance, address, RejectedSize.Of(record.Packet)) is not string scope)
        {
            return false;
        }

        if (throttle.ShouldLog($"2010 {address}", out long suppressed))
        {
            Log.RejectDropped(logger, remote, scope, suppressed);
        }

        return true;
    }

    private PacketOutcome Reject(in FrameError error, long streamOffset, string remote, IPAddress address)
    {
        long offset = streamOffset + error.Offset;
        string text = error.OffendingText();
        if (throttle.ShouldLog($"2001 {address}", out long suppressed))
        {
            Log.FrameRejected(logger, remote, error.Reason.ToString(), offset, error.Detail, text, suppressed);
        }

        string reason = $"{error.Reason} at stream offset {offset}: {Hj212Messages.Describe(error.Reason)}" + (error.Detail.Length > 0 ? $"; {error.Detail}" : "");
        byte[] bytes = error.Bytes.ToArray();
        string? claimed = ClaimedStation(bytes);
        reason += claimed is null ? "" : $" (names MN {claimed}, unverified)";
        var packet = new RawPacket(clock.GetUtcNow(), remote, claimed, null, PacketVerdict.Rejected, reason, bytes);
        return new PacketOutcome([new IngestRecord(packet, [])], []);
    }

    /// <summary>
    /// The registered station a broken frame names, so that station's log shows the reject; the claim is unverified
    /// (the frame failed its checks) and the reason says so.
    /// </summary>
    private string? ClaimedStation(byte[] bytes)
    {
        if (bytes.Length <= Hj212.Frame.HeaderLength || !bytes.AsSpan().StartsWith("##"u8)
            || !MessageParser.TryPeekDeviceId(bytes.AsSpan(Hj212.Frame.HeaderLength), out ReadOnlySpan<byte> mn))
        {
            return null;
        }

        return register.Find(System.Text.Encoding.ASCII.GetString(mn))?.DeviceId;
    }

    private async Task SendRepliesAsync(ConnectionContext connection, StationLink link, ChannelReader<PendingReply> pending)
    {
        string remote = link.Remote;
        bool failed = false;
        await foreach (PendingReply reply in pending.ReadAllAsync())
        {
            if (failed)
            {
                // Keep draining so the reading side never blocks; nothing more is acknowledged.
                await reply.Durable.ContinueWith(static _ => { }, TaskScheduler.Default);
                continue;
            }

            try
            {
                await reply.Durable;
            }
            catch (Exception e)
            {
                // Not durable, so not acknowledged: the station sends again. Close so it notices at once.
                Log.StoreFailedForConnection(logger, e, remote);
                failed = true;
                connection.Abort();
                continue;
            }

            try
            {
                foreach (byte[] bytes in reply.Replies)
                {
                    await link.WriteAsync(bytes, CancellationToken.None);
                }

                metrics.Acknowledged(reply.Replies.Count);
            }
            catch (Exception e) when (e is IOException or ConnectionResetException or ObjectDisposedException or InvalidOperationException or OperationCanceledException)
            {
                // The station is gone; what it sent is stored, it just will not hear the acknowledgement.
                failed = true;
            }
        }
    }

    private sealed record PendingReply(Task Durable, IReadOnlyList<byte[]> Replies);
}
