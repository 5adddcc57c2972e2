using Microsoft.Extensions.Logging;
using Qingshui.Server.Api;

namespace Qingshui.Server;

/// <summary>Source-generated log messages. Event ids: 1xxx connections, 2xxx packets, 3xxx storage, 4xxx host. Never logs a password.</summary>
internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Information, "HJ 212 connection from {Remote} ({Suppressed} earlier connections from this address not logged)")]
    public static partial void Connected(ILogger logger, string remote, long suppressed);

    [LoggerMessage(1002, LogLevel.Information, "HJ 212 connection from {Remote} closed after {Frames} frames")]
    public static partial void Disconnected(ILogger logger, string remote, long frames);

    [LoggerMessage(1003, LogLevel.Warning, "HJ 212 connection from {Remote} idle for {Timeout}; closing")]
    public static partial void IdleTimeout(ILogger logger, string remote, TimeSpan timeout);

    [LoggerMessage(1004, LogLevel.Warning, "HJ 212 connection from {Remote} buffered {Bytes} bytes without a frame (limit {Limit}); closing")]
    public static partial void BufferLimit(ILogger logger, string remote, long bytes, int limit);

    [LoggerMessage(1005, LogLevel.Warning, "HJ 212 connection from {Remote}: storing failed, no acknowledgement sent; closing")]
    public static partial void StoreFailedForConnection(ILogger logger, Exception exception, string remote);

    [LoggerMessage(1006, LogLevel.Warning, "HJ 212 connection from {Remote} refused: {Cap} cap of {Limit} reached ({Refused} refused so far by this cap; {Suppressed} similar lines suppressed)")]
    public static partial void ConnectionRefused(ILogger logger, string remote, string cap, int limit, long refused, long suppressed);

    // Rejected bytes and parse errors quote what the station sent, which can hold its password: masked here, for every caller.
    public static void FrameRejected(ILogger logger, string remote, string reason, long offset, string detail, string text, long suppressed) =>
        FrameRejectedMasked(logger, remote, reason, offset, PasswordMask.Apply(detail), PasswordMask.Apply(text), suppressed);

    public static void MessageRejected(ILogger logger, string remote, string? deviceId, string error, long suppressed) =>
        MessageRejectedMasked(logger, remote, deviceId, PasswordMask.Apply(error), suppressed);

    [LoggerMessage(2001, LogLevel.Warning, "Rejected bytes from {Remote}: {Reason} at stream offset {Offset}: {Detail} '{Text}' ({Suppressed} similar lines from this address suppressed)", EventName = "FrameRejected")]
    private static partial void FrameRejectedMasked(ILogger logger, string remote, string reason, long offset, string detail, string text, long suppressed);

    [LoggerMessage(2002, LogLevel.Warning, "Unreadable packet from {Remote} (MN {DeviceId}): {Error} ({Suppressed} similar lines from this address suppressed)", EventName = "MessageRejected")]
    private static partial void MessageRejectedMasked(ILogger logger, string remote, string? deviceId, string error, long suppressed);

    // An unknown MN is whatever the sender wrote there, so it is quoted masked too.
    public static void UnknownStation(ILogger logger, string remote, string deviceId, long suppressed) =>
        UnknownStationMasked(logger, remote, PasswordMask.Apply(deviceId), suppressed);

    [LoggerMessage(2003, LogLevel.Warning, "Quarantined packet from {Remote}: unknown MN {DeviceId} ({Suppressed} similar lines from this address suppressed)", EventName = "UnknownStation")]
    private static partial void UnknownStationMasked(ILogger logger, string remote, string deviceId, long suppressed);

    [LoggerMessage(2004, LogLevel.Warning, "Quarantined packet from {Remote}: wrong password for MN {DeviceId} ({Suppressed} similar lines from this address suppressed)")]
    public static partial void WrongPassword(ILogger logger, string remote, string deviceId, long suppressed);

    [LoggerMessage(2010, LogLevel.Warning, "Rejected bytes from {Remote} not kept: {Scope} quota reached ({Suppressed} similar lines from this address suppressed)")]
    public static partial void RejectDropped(ILogger logger, string remote, string scope, long suppressed);

    [LoggerMessage(2005, LogLevel.Information, "Packet from MN {DeviceId} at {Remote} accepted under CRC tolerance {Verdict}")]
    public static partial void CrcTolerated(ILogger logger, string deviceId, string remote, string verdict);

    [LoggerMessage(2006, LogLevel.Warning, "Split message from MN {DeviceId} CN {Command} ended incomplete ({Reason}): parts {Parts} of {Count}")]
    public static partial void PartialSplit(ILogger logger, string deviceId, string command, string reason, string parts, int count);

    // A warning quotes the offending text of the data segment.
    public static void PacketWarning(ILogger logger, string deviceId, string remote, string warning) =>
        PacketWarningMasked(logger, deviceId, remote, PasswordMask.Apply(warning));

    [LoggerMessage(2007, LogLevel.Information, "Packet from MN {DeviceId} at {Remote}: {Warning}", EventName = "PacketWarning")]
    private static partial void PacketWarningMasked(ILogger logger, string deviceId, string remote, string warning);

    [LoggerMessage(2008, LogLevel.Warning, "Packet from MN {DeviceId} at {Remote} rejected: {Reason} ({Suppressed} similar lines suppressed)")]
    public static partial void DataTimeOutsideWindow(ILogger logger, string deviceId, string remote, string reason, long suppressed);

    [LoggerMessage(2009, LogLevel.Information, "Restored {Parts} acknowledged split parts awaiting the rest of their messages")]
    public static partial void SplitPartsRestored(ILogger logger, int parts);

    [LoggerMessage(3001, LogLevel.Warning, "Store write failed (transient, attempt {Attempt}); retrying")]
    public static partial void StoreRetry(ILogger logger, Exception exception, int attempt);

    [LoggerMessage(3002, LogLevel.Error, "Store write failed; {Records} records not acknowledged")]
    public static partial void StoreFailed(ILogger logger, Exception exception, int records);

    [LoggerMessage(3003, LogLevel.Error, "Recomputing the accounts of {Agreement} for {Year} failed")]
    public static partial void LedgerRecomputeFailed(ILogger logger, Exception exception, string agreement, int year);

    [LoggerMessage(3004, LogLevel.Error, "Updating the live state from {Records} committed records failed (the records are stored; dashboards may show older values)")]
    public static partial void LiveUpdateFailed(ILogger logger, Exception exception, int records);

    [LoggerMessage(3005, LogLevel.Information, "Retention deleted {Packets} rejected or quarantined packets ({Bytes} bytes) received before {Cutoff}")]
    public static partial void RejectedDeleted(ILogger logger, long packets, long bytes, DateTimeOffset cutoff);

    [LoggerMessage(3006, LogLevel.Warning, "Deleting old rejected packets failed; trying again at the next interval")]
    public static partial void RejectRetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(3007, LogLevel.Warning, "Storing the counts of dropped rejects failed; kept in memory and tried again")]
    public static partial void DropCountsFailed(ILogger logger, Exception exception);

    [LoggerMessage(4001, LogLevel.Information, "Qingshui listening: HJ 212 on {Hj212}, HTTP on {Http}, database {Database}")]
    public static partial void Listening(ILogger logger, string hj212, string http, string database);
}
