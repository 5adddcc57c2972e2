using Qingshui.Domain.Compensation;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Joint;

/// <summary>巡河发现的问题, something a patrol found, with the organisation that owns putting it right, a deadline and its closing.</summary>
/// <remarks>
/// The deadline is a calendar day in China Standard Time (UTC+8), inclusive: a finding not closed by the end of that day
/// is overdue from the next day's 00:00 UTC+8 on, whoever looks. A closed finding is never overdue, even if it was closed late.
/// </remarks>
/// <param name="Id">Its number in the store (0 before it is stored).</param>
/// <param name="Patrol">The patrol that found it.</param>
/// <param name="Text">What was found.</param>
/// <param name="Position">Where, or <c>null</c> when not taken.</param>
/// <param name="Photos">Photo attachment ids (lowercase hex SHA-256 of their content).</param>
/// <param name="Owner">The organisation that must put it right.</param>
/// <param name="OwnerSide">That organisation's jurisdiction, or <c>null</c> (joint office).</param>
/// <param name="Deadline">The last day to close it, or <c>null</c> for none.</param>
/// <param name="RecordedBy">Who recorded it.</param>
/// <param name="RecordedAt">When.</param>
/// <param name="Closing">How it was closed, or <c>null</c> while open.</param>
public sealed record Finding(
    long Id, long Patrol, string Text, GeoPoint? Position, IReadOnlyList<string> Photos, string Owner, string? OwnerSide, DateOnly? Deadline,
    PatrolActor RecordedBy, DateTimeOffset RecordedAt, FindingClosing? Closing)
{
    /// <summary>Whether it is past its deadline and not closed at <paramref name="now"/>.</summary>
    public bool IsOverdue(DateTimeOffset now) => Closing is null && Deadline is DateOnly deadline && DayInChina(now) > deadline;

    /// <summary>The calendar day in China Standard Time of an instant.</summary>
    public static DateOnly DayInChina(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Agreement.DefaultUtcOffset).DateTime);

    /// <summary>The finding closed by <paramref name="by"/>, or why it cannot be (already closed, or <paramref name="how"/> missing).</summary>
    public (Finding? Closed, IReadOnlyList<PatrolError> Errors) Close(PatrolActor by, DateTimeOffset at, string? how)
    {
        var errors = new List<PatrolError>();
        string? text = PatrolChecks.Text("how", how, PatrolChecks.MaxLongText, errors);
        if (Closing is not null)
        {
            errors.Add(new PatrolError("finding", $"was already closed by {Closing.By.Name} ({Closing.By.Organisation}) at {Closing.At:yyyy-MM-dd HH:mm zzz}"));
        }

        return errors.Count > 0 ? (null, errors) : (this with { Closing = new FindingClosing(by, at, text!) }, errors);
    }

    /// <summary>
    /// Whether <paramref name="actor"/> may close it: a user of the owner organisation, or a coordinator (who acts for the basin).
    /// </summary>
    public bool MayBeClosedBy(PatrolActor actor, bool coordinator)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return coordinator || string.Equals(actor.Organisation, Owner, StringComparison.Ordinal);
    }
}

/// <summary>How a finding was closed.</summary>
/// <param name="By">Who closed it.</param>
/// <param name="At">When.</param>
/// <param name="How">What was done.</param>
public sealed record FindingClosing(PatrolActor By, DateTimeOffset At, string How);
