namespace Qingshui.Server.Commands;

/// <summary>
/// Tightened monitoring: sets a station's real-time upload interval (HJ 212 <c>CN=1062</c>) over its open connection
/// and later restores the interval it had before. Every command and the station's answers (9011, 9012) are recorded.
/// </summary>
internal interface IRealtimeIntervalControl
{
    /// <summary>Sets the interval to <paramref name="seconds"/>, remembering the one in force, for <paramref name="reference"/> (e.g. <c>incident/4</c>).</summary>
    Task<StationCommandOutcome> TightenAsync(string deviceId, int seconds, string reference, CancellationToken cancellationToken);

    /// <summary>Restores the interval remembered when <paramref name="reference"/> tightened it.</summary>
    Task<StationCommandOutcome> RestoreAsync(string deviceId, string reference, CancellationToken cancellationToken);
}

/// <summary>What became of a command sent to a station.</summary>
/// <param name="DeviceId">The station's MN.</param>
/// <param name="RequestId">The command's QN.</param>
/// <param name="State">How far it got.</param>
/// <param name="Detail">The station's return code or why it was not sent, in words.</param>
/// <param name="SentAt">When it was sent (or tried).</param>
/// <param name="AnsweredAt">When the station's last answer came.</param>
internal sealed record StationCommandOutcome(
    string DeviceId, string RequestId, StationCommandState State, string? Detail, DateTimeOffset SentAt, DateTimeOffset? AnsweredAt);

/// <summary>How far a command to a station got.</summary>
internal enum StationCommandState
{
    /// <summary>Sent; no answer yet.</summary>
    Sent,

    /// <summary>The station accepted it (9011 QnRtn=1) and reported it done (9012 ExeRtn=1).</summary>
    Done,

    /// <summary>The station refused it or reported it failed (9011 or 9012 with another code).</summary>
    Refused,

    /// <summary>The station has no open connection to this server; nothing was sent.</summary>
    NotConnected,

    /// <summary>No answer within the time allowed.</summary>
    TimedOut,
}
