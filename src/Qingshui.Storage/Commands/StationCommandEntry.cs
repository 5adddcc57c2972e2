namespace Qingshui.Storage.Commands;

/// <summary>One command to a station as logged.</summary>
/// <param name="Id">Its id (0 before it is stored).</param>
/// <param name="Station">The station's MN.</param>
/// <param name="RequestId">QN; empty when nothing was sent.</param>
/// <param name="Command">CN (1061, 1062, …).</param>
/// <param name="Request">Its data area as sent (<c>RtdInterval=60</c>), empty when it has none.</param>
/// <param name="Reference">What it was sent for (<c>incident/4</c>, <c>manual</c>).</param>
/// <param name="SentAt">When it was sent, or tried.</param>
/// <param name="State">How far it got (Sent, Done, Refused, NotConnected, TimedOut).</param>
/// <param name="Detail">The station's return codes, or why it was not sent, in words.</param>
/// <param name="AnsweredAt">When its last answer came.</param>
/// <param name="Answers">The station's answers, in the order they came.</param>
public sealed record StationCommandEntry(
    long Id, string Station, string RequestId, string Command, string Request, string Reference, DateTimeOffset SentAt, string State,
    string? Detail, DateTimeOffset? AnsweredAt, IReadOnlyList<StationAnswerEntry> Answers);

/// <summary>One answer of a station to a command: 9011, 9012, or the data a request asked for (a 1061 upload).</summary>
/// <param name="Command">The answer's CN.</param>
/// <param name="Data">Its data area as sent (<c>QnRtn=1</c>, <c>RtdInterval=300</c>).</param>
/// <param name="ReceivedAt">When it came.</param>
public sealed record StationAnswerEntry(string Command, string Data, DateTimeOffset ReceivedAt);

/// <summary>A real-time interval remembered while a reference keeps a station's monitoring tightened.</summary>
/// <param name="Station">The station's MN.</param>
/// <param name="Reference">What tightened it (<c>incident/4</c>).</param>
/// <param name="PreviousSeconds">The interval to go back to.</param>
/// <param name="PreviousSource">Where that came from: <c>station</c> (its 1061 answer), <c>held</c> (an earlier hold's), or <c>default</c> (configured; the station did not say).</param>
/// <param name="Seconds">The interval this reference tightened to.</param>
/// <param name="TightenedAt">When.</param>
/// <param name="RestoreAskedAt">When a restore was asked that did not get through (the station was away or did not answer); <c>null</c> otherwise.</param>
public sealed record IntervalHold(
    string Station, string Reference, int PreviousSeconds, string PreviousSource, int Seconds, DateTimeOffset TightenedAt, DateTimeOffset? RestoreAskedAt = null);
