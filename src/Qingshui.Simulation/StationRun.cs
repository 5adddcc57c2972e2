using System.Diagnostics;
using Qingshui.Domain.Parameters;
using Qingshui.Hj212;

namespace Qingshui.Simulation;

/// <summary>
/// One simulated data logger for a whole run: builds each upload from the model, injects the configured faults,
/// sends it, waits for the 9014 and retransmits on timeout or disconnection, as a real logger does. Its pace follows
/// the real-time interval the platform sets (<see cref="UploadPace"/>). An HJ 212-2025 logger without an MN first
/// announces its hardware identity (1001) and waits for the platform to assign it an MN and password (1002).
/// </summary>
internal sealed class StationRun(
    SimulatedStation station, SimulationOptions options, SurfaceWaterModel model, RunCounters counters, Action<AcknowledgedPacket>? onAcknowledged) : IDisposable
{
    private const string ModemChatter = "AT+CIPSEND\r\n> +CSQ: 21,99\r\nOK\r\n";
    private readonly DateTimeOffset _requestIdBase = DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset);
    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly CancellationTokenSource _giveUp = new();
    private readonly UploadPace _pace = new(options);
    private readonly StationKey _key = new(options.DataKey is byte[] key ? options.CipherOf?.Invoke(key) : null, options.CipherOf);
    private readonly TaskCompletionSource<SimulatedStation> _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile SimulatedStation _station = station;
    private StationConnection? _connection;
    private TimeSpan _clockError = options.Faults.ClockSkew;
    private long _requestCounter;

    public async Task RunAsync(CancellationToken stopped)
    {
        using var run = CancellationTokenSource.CreateLinkedTokenSource(stopped, _giveUp.Token);
        CancellationToken cancellationToken = run.Token;
        var clock = Stopwatch.StartNew();
        using var window = new SemaphoreSlim(options.Window);
        var inFlight = new List<Task>();
        DateTimeOffset trueTime = options.Start;
        TimeSpan due = TimeSpan.Zero, lastDue = TimeSpan.Zero;
        try
        {
            if (_station.Registers && !await RegisterAsync(cancellationToken))
            {
                counters.Unregistered();
                return;
            }

            for (long i = 0; options.PacketsPerStation is not long total || i < total; i++)
            {
                // A 1062 that changes the pace while waiting re-times this upload from the last one.
                while (_pace.Period is TimeSpan && due - clock.Elapsed is { Ticks: > 0 } wait && await _pace.WaitAsync(wait, cancellationToken))
                {
                    due = lastDue + (_pace.Period ?? TimeSpan.Zero);
                }

                await window.WaitAsync(cancellationToken);
                long index = i;
                DateTimeOffset time = trueTime;
                trueTime += _pace.DataStep;
                lastDue = due;
                due += _pace.Period ?? TimeSpan.Zero;
                inFlight.Add(Task.Run(async () =>
                {
                    try
                    {
                        await SendPacketAsync(index, time, cancellationToken);
                    }
                    finally
                    {
                        window.Release();
                    }
                }, CancellationToken.None));
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (_station.Registers && !_giveUp.IsCancellationRequested)
            {
                counters.Unregistered();
            }
        }
        catch (System.Net.Sockets.SocketException) when (_giveUp.IsCancellationRequested)
        {
            // Unreachable while registering: counted with the stations that gave up connecting.
        }
        finally
        {
            await Task.WhenAll(inFlight).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Announces the logger (1001) on each new connection until the platform acknowledges it (9013), then waits for its
    /// MN (1002, taken by the connection); false when <see cref="SimulationOptions.RegistrationTimeout"/> passes first.
    /// </summary>
    private async Task<bool> RegisterAsync(CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        StationConnection? announcedOn = null;
        while (!_assigned.Task.IsCompleted)
        {
            TimeSpan left = options.RegistrationTimeout - waited.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                return false;
            }

            StationConnection connection = await ConnectedAsync(cancellationToken);
            if (!ReferenceEquals(connection, announcedOn))
            {
                string requestId = NextRequestId();
                Task<bool> noted = connection.Expect(requestId);
                try
                {
                    await connection.WriteAsync(MessageWriter.Encode(Announcement(requestId)), cancellationToken);
                    counters.Sent();
                    if (await Task.WhenAny(noted, Task.Delay(options.AckTimeout, cancellationToken)) == noted && noted.IsCompletedSuccessfully && noted.Result)
                    {
                        announcedOn = connection;
                    }
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
                {
                }

                connection.Forget(requestId);
            }

            // Unacknowledged (the platform bounds announcements per address): try again later; otherwise watch the link.
            TimeSpan pause = ReferenceEquals(connection, announcedOn) ? TimeSpan.FromMilliseconds(200) : options.AnnounceRetry;
            await Task.WhenAny(_assigned.Task, Task.Delay(pause < left ? pause : left, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
        }

        counters.Registered();
        return true;
    }

    // HJ 212-2025 1001: the hardware identity, with a CPU id and MACs made from the logger id; no MN yet.
    private Hj212Message Announcement(string requestId)
    {
        string loggerId = _station.LoggerId!;
        string mac = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"02:51:53:{(byte)options.Seed:X2}:{(byte)(_station.Index >> 8):X2}:{(byte)_station.Index:X2}");
        return new Hj212Message(requestId, SystemCode.SurfaceWater, CommandCode.HardwareIdentity, _station.Password, "",
            EditionProfile.For(_station.Edition).Flag(acknowledge: true, split: false), null, null, DataArea.OfFields(
                new KeyValuePair<string, string>("i23005-Info", loggerId), new KeyValuePair<string, string>("i23006-Info", $"CPU-{loggerId}"),
                new KeyValuePair<string, string>("i23007-Info", mac)));
    }

    private void Assigned(SimulatedStation assigned)
    {
        _station = assigned;
        _assigned.TrySetResult(assigned);
    }

    private async Task SendPacketAsync(long index, DateTimeOffset trueTime, CancellationToken cancellationToken)
    {
        DateTimeOffset dataTime = trueTime + _clockError;
        decimal[] values = model.ValuesAt(_station.Index, trueTime, _station.Profile);
        List<PollutantData> pollutants = Pollutants(values);
        bool acknowledged;
        if (Chance(index, 1, options.Faults.SplitOutOfOrder))
        {
            counters.Fault("split-out-of-order");
            acknowledged = await SendSplitAsync(index, dataTime, pollutants, cancellationToken);
        }
        else
        {
            Hj212Message message = Message(NextRequestId(), dataTime, pollutants, part: null);
            acknowledged = await SendWithFaultsAsync(index, _key.Encode(message, _station.Edition), message.RequestId!, pollutants.Count, cancellationToken);
        }

        if (acknowledged)
        {
            onAcknowledged?.Invoke(new AcknowledgedPacket(_station.DeviceId, options.Command, dataTime,
                [.. SurfaceWaterModel.Codes.Select((code, k) => new KeyValuePair<string, decimal>(code, values[k]))]));
        }
    }

    private async Task<bool> SendWithFaultsAsync(long index, byte[] frame, string requestId, int readings, CancellationToken cancellationToken)
    {
        if (Chance(index, 2, options.Faults.BadCrc))
        {
            counters.Fault("bad-crc");
            byte[] damaged = (byte[])frame.Clone();
            damaged[^3] = (byte)(damaged[^3] == (byte)'0' ? '1' : '0');
            await WriteQuietlyAsync(damaged, cancellationToken);
        }

        if (Chance(index, 3, options.Faults.Garbage))
        {
            counters.Fault("garbage");
            await WriteQuietlyAsync(System.Text.Encoding.ASCII.GetBytes(ModemChatter), cancellationToken);
        }

        if (Chance(index, 4, options.Faults.DisconnectMidFrame))
        {
            counters.Fault("disconnect-mid-frame");
            StationConnection connection = await ConnectedAsync(cancellationToken);
            await WriteQuietlyAsync(frame.AsMemory(0, frame.Length / 2), cancellationToken);
            connection.Abort();
        }

        bool acknowledged = await TransmitAsync(frame, requestId, readings, cancellationToken);
        if (acknowledged && Chance(index, 5, options.Faults.Duplicate))
        {
            counters.Fault("duplicate");
            await TransmitAsync(frame, requestId, 0, cancellationToken);
        }

        return acknowledged;
    }

    private async Task<bool> SendSplitAsync(long index, DateTimeOffset dataTime, List<PollutantData> pollutants, CancellationToken cancellationToken)
    {
        int count = 2 + (int)(DeterministicNoise.Uniform(options.Seed, _station.Index, index, 6) * 2);
        var parts = new List<(byte[] Frame, string RequestId, int Readings)>();
        for (int p = 0; p < count; p++)
        {
            List<PollutantData> share = pollutants.Where((_, k) => k % count == p).ToList();
            Hj212Message part = Message(NextRequestId(), p == 0 ? dataTime : null, share, (count, p + 1));
            parts.Add((_key.Encode(part, _station.Edition), part.RequestId!, share.Count));
        }

        // Out of order: a deterministic rotation that never starts with part 1.
        int shift = 1 + (int)(index % (count - 1));
        foreach ((byte[] frame, string requestId, int readings) in parts.Skip(shift).Concat(parts.Take(shift)))
        {
            if (!await TransmitAsync(frame, requestId, readings, cancellationToken))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<bool> TransmitAsync(byte[] frame, string requestId, int readings, CancellationToken cancellationToken)
    {
        for (int attempt = 0; attempt <= options.MaxRetries; attempt++)
        {
            if (attempt > 0)
            {
                counters.Retransmitted();
            }

            StationConnection connection = await ConnectedAsync(cancellationToken);
            Task<bool> reply = connection.Expect(requestId);
            long sent = Stopwatch.GetTimestamp();
            try
            {
                await connection.WriteAsync(frame, cancellationToken);
                counters.Sent();
                bool acknowledged = await reply.WaitAsync(options.AckTimeout, cancellationToken);
                if (!acknowledged)
                {
                    counters.RejectedPacket();
                    return false;
                }

                counters.Acknowledged(readings, Stopwatch.GetElapsedTime(sent));
                return true;
            }
            catch (Exception e) when (e is TimeoutException or IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
            {
                connection.Forget(requestId);
            }
        }

        counters.FailedPacket();
        return false;
    }

    private async Task<StationConnection> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_connection is { IsOpen: true } open)
        {
            return open;
        }

        // Packets in flight share one link: only one of them (re)connects.
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            return _connection is { IsOpen: true } current ? current : await ConnectAsync(cancellationToken);
        }
        finally
        {
            _connecting.Release();
        }
    }

    private async Task<StationConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        for (int attempt = 0; ; attempt++)
        {
            try
            {
                if (_connection is not null)
                {
                    await _connection.DisposeAsync();
                }

                _connection = null;
                _connection = await StationConnection.ConnectAsync(options.Host, options.PortOf(_station), _station, _pace, _key, _ => _clockError = TimeSpan.Zero,
                    _station.LoggerId is null ? null : Assigned, cancellationToken);
                if (_clockError != TimeSpan.Zero && _station.DeviceId.Length > 0)
                {
                    // Ask the platform to set our clock (HJ 212-2017 1013); it answers 9013 then 1012.
                    var notice = new Hj212Message(NextRequestId(), SystemCode.SurfaceWater, CommandCode.TimeCalibrationRequest, _station.Password,
                        _station.DeviceId, EditionProfile.For(_station.Edition).Flag(false, false), null, null, DataArea.Empty);
                    await _connection.WriteAsync(MessageWriter.Encode(notice), cancellationToken);
                }

                return _connection;
            }
            catch (System.Net.Sockets.SocketException) when (attempt + 1 < options.ConnectAttempts)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * Math.Min(attempt + 1, 10)), cancellationToken);
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Nothing accepts us: this station stops rather than retrying for ever; the report says so.
                if (!_giveUp.IsCancellationRequested)
                {
                    counters.StationUnreachable();
                    await _giveUp.CancelAsync();
                }

                throw;
            }
        }
    }

    private async Task WriteQuietlyAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        try
        {
            StationConnection connection = await ConnectedAsync(cancellationToken);
            await connection.WriteAsync(bytes, cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
        }
    }

    private List<PollutantData> Pollutants(decimal[] values)
    {
        bool legacy = _station.Edition == Hj212Edition.Edition2005;
        ValueSuffix suffix = options.Command == CommandCode.RealTimeData ? ValueSuffix.Rtd : ValueSuffix.Avg;
        var pollutants = new List<PollutantData>(values.Length);
        for (int k = 0; k < values.Length; k++)
        {
            Parameter parameter = ParameterCatalogue.Find(SurfaceWaterModel.Codes[k])!;
            string code = legacy && parameter.LegacyCode is not null ? parameter.LegacyCode : parameter.Code;
            pollutants.Add(new PollutantData(code) { Flag = "N" }.SetValue(suffix, values[k]));
        }

        return pollutants;
    }

    private Hj212Message Message(string requestId, DateTimeOffset? dataTime, List<PollutantData> pollutants, (int Count, int Number)? part)
    {
        int flag = EditionProfile.For(_station.Edition).Flag(acknowledge: true, split: part is not null);
        return new Hj212Message(requestId, SystemCode.SurfaceWater, options.Command, _station.Password, _station.DeviceId, flag,
            part?.Count, part?.Number, DataArea.Create(dataTime, pollutants));
    }

    private string NextRequestId() => Hj212Time.FormatRequestId(_requestIdBase.AddMilliseconds(Interlocked.Increment(ref _requestCounter)));

    private bool Chance(long index, int channel, double probability) =>
        probability > 0 && DeterministicNoise.Uniform(options.Seed, _station.Index, index, 200 + channel) < probability;

    public void Dispose()
    {
        _connecting.Dispose();
        _giveUp.Dispose();
    }
}
