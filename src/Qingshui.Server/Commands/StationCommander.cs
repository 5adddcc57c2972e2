using Microsoft.Extensions.Logging;
using Qingshui.Domain.Network;
using Qingshui.Hj212;
using Qingshui.Server.Ingest;
using Qingshui.Storage.Commands;

namespace Qingshui.Server.Commands;

/// <summary>What a command to a station came to, with the station's answers.</summary>
internal sealed record CommandRun(StationCommandOutcome Outcome, IReadOnlyList<StationAnswer> Answers);

/// <summary>
/// Sends one command to a station over its open connection and waits for the answers (<see cref="ServerOptions.CommandTimeout"/>
/// at most). Each command is logged as it leaves (or as found unsendable) and again with its answers when it ends.
/// </summary>
internal sealed class StationCommander(
    StationConnections connections, StationRegister register, IStationCommandStore store, ServerOptions options, TimeProvider clock,
    ILogger<StationCommander> logger)
{
    private long _lastRequestTicks;

    public bool IsConnected(string deviceId) => connections.Find(deviceId) is not null;

    /// <summary>Sends the command <paramref name="build"/> makes for a QN and the station's address, for <paramref name="reference"/>.</summary>
    /// <remarks>With <paramref name="cipher"/>, the command's data area leaves SM4-encrypted (HJ 212-2025); the log keeps its clear text.</remarks>
    public async Task<CommandRun> RunAsync(
        string deviceId, string reference, Func<string, StationAddress, Hj212Message> build, CancellationToken cancellationToken,
        IDataAreaCipher? cipher = null)
    {
        DateTimeOffset now = clock.GetUtcNow();
        Station? station = register.Find(deviceId);
        StationConnections.Route? route = station is null ? null : connections.Find(deviceId);
        if (station is null || route is null)
        {
            // Built only to log what would have been sent; nothing leaves.
            Hj212Message unsent = build("", new StationAddress(SystemCode.SurfaceWater, "", deviceId, Hj212Edition.Edition2017));
            string why = station is null ? $"no station {deviceId} is registered" : "the station has no open connection to this server";
            await store.AddCommandAsync(new StationCommandEntry(0, deviceId, "", unsent.Command, StationAnswer.DataTextOf(unsent), reference, now,
                nameof(StationCommandState.NotConnected), why, null, []), CancellationToken.None);
            Log.StationNotConnected(logger, unsent.Command, deviceId, reference);
            return new CommandRun(new StationCommandOutcome(deviceId, "", StationCommandState.NotConnected, why, now, null), []);
        }

        string requestId = NextRequestId(now.ToOffset(station.UtcOffset));
        var address = new StationAddress(route.SystemCode, station.Password, station.DeviceId, StationRegister.EditionOf(station));
        Hj212Message message = build(requestId, address);
        StationCommandEntry logged = await store.AddCommandAsync(new StationCommandEntry(0, deviceId, requestId, message.Command,
            Logged(StationAnswer.DataTextOf(message)), reference, now, nameof(StationCommandState.Sent), null, null, []), cancellationToken);
        ExchangeResult result = await route.Link.ExchangeAsync(requestId, message.Command, Encode(message, cipher), options.CommandTimeout, cancellationToken);

        // The answers are the station's: they are kept even when the caller has stopped waiting.
        await store.FinishCommandAsync(logged.Id, result.State.ToString(), result.Detail, result.AnsweredAt,
            [.. result.Answers.Select(a => new StationAnswerEntry(a.Command, a.DataText, a.ReceivedAt))], CancellationToken.None);
        Log.StationCommandEnded(logger, message.Command, requestId, deviceId, reference, result.State.ToString(), result.Detail);
        return new CommandRun(new StationCommandOutcome(deviceId, requestId, result.State, result.Detail, now, result.AnsweredAt), result.Answers);
    }

    // A key sent with an exchange (1014 NewSK) never reaches the command log in clear.
    private static string Logged(string dataText) =>
        System.Text.RegularExpressions.Regex.Replace(dataText, "NewSK=[^;,&]*", "NewSK=" + Domain.Audit.SecretMask.Masked);

    private static byte[] Encode(Hj212Message message, IDataAreaCipher? cipher) =>
        cipher is null ? MessageWriter.Encode(message) : FrameEncoder.Encode(DataAreaEncryption.Encrypt(MessageWriter.Write(message), cipher));

    // QN is a millisecond time in the station's clock; two commands in one millisecond take the next one, so each QN is new.
    private string NextRequestId(DateTimeOffset stationNow)
    {
        long ticks = stationNow.Ticks - (stationNow.Ticks % TimeSpan.TicksPerMillisecond);
        long last;
        long next;
        do
        {
            last = Interlocked.Read(ref _lastRequestTicks);
            next = Math.Max(ticks, last + TimeSpan.TicksPerMillisecond);
        }
        while (Interlocked.CompareExchange(ref _lastRequestTicks, next, last) != last);
        return Hj212Time.FormatRequestId(new DateTimeOffset(next, stationNow.Offset));
    }
}
