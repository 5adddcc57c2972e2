namespace Qingshui.Domain.Joint;

/// <summary>
/// 联席会议, a joint meeting of the basin's jurisdictions: when and where, which organisation convened it (the convenor
/// rotates, see <see cref="ConvenorRotation"/>), who came from each side, the agenda, the minutes and the attachments.
/// </summary>
/// <param name="Id">Its number in the store (0 before it is stored).</param>
/// <param name="Basin">The basin's id.</param>
/// <param name="Date">The day it is (or was) held.</param>
/// <param name="Place">Where.</param>
/// <param name="Convenor">The convening organisation's id.</param>
/// <param name="Title">A short title.</param>
/// <param name="Attendees">Who came, per side.</param>
/// <param name="Agenda">The agenda items, in order.</param>
/// <param name="Minutes">The minutes as text (empty until written).</param>
/// <param name="Attachments">Attachment ids (photos, signed minutes as PDF).</param>
/// <param name="CreatedBy">Who recorded it.</param>
/// <param name="CreatedOrganisation">For which organisation.</param>
/// <param name="CreatedAt">When it was recorded.</param>
public sealed record Meeting(
    long Id, string Basin, DateOnly Date, string Place, string Convenor, string Title, IReadOnlyList<MeetingAttendee> Attendees,
    IReadOnlyList<string> Agenda, string Minutes, IReadOnlyList<string> Attachments, string CreatedBy, string CreatedOrganisation,
    DateTimeOffset CreatedAt);
