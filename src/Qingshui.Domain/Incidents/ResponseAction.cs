namespace Qingshui.Domain.Incidents;

/// <summary>An action recorded on an incident, with the commands sent to stations for it (tightened monitoring only).</summary>
/// <param name="Id">Its number in the store (0 before it is stored).</param>
/// <param name="Kind">What was done.</param>
/// <param name="Actor">Who recorded it.</param>
/// <param name="Organisation">For which organisation.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="Note">What was done, in the actor's words.</param>
/// <param name="Commands">Commands sent to stations and what became of them, in the order sent.</param>
public sealed record ResponseAction(
    long Id, ResponseActionKind Kind, string Actor, string Organisation, DateTimeOffset At, string Note, IReadOnlyList<StationCommandRecord> Commands);

/// <summary>A command sent (or not) to a station for an action, as the command channel reported it.</summary>
/// <param name="DeviceId">The station's MN.</param>
/// <param name="Purpose"><c>tighten</c> or <c>restore</c>.</param>
/// <param name="RequestId">The command's QN, empty when nothing was sent.</param>
/// <param name="State">How far it got (<c>sent</c>, <c>done</c>, <c>refused</c>, <c>not-connected</c>, <c>timed-out</c>, <c>not-sent</c>).</param>
/// <param name="Detail">The station's return code or why it was not sent, in words.</param>
/// <param name="SentAt">When it was sent (or tried).</param>
/// <param name="AnsweredAt">When the station's last answer came.</param>
public sealed record StationCommandRecord(
    string DeviceId, string Purpose, string RequestId, string State, string? Detail, DateTimeOffset SentAt, DateTimeOffset? AnsweredAt)
{
    /// <summary>The purpose of a command that tightens the upload interval.</summary>
    public const string Tighten = "tighten";

    /// <summary>The purpose of a command that restores it.</summary>
    public const string Restore = "restore";

    /// <summary>The state of a command no channel could send.</summary>
    public const string NotSent = "not-sent";
}
