namespace Qingshui.Domain.Joint;

/// <summary>One person at a joint meeting (参会人员): the side (organisation) they came for, their name and their role there.</summary>
/// <param name="Organisation">The organisation id of their side.</param>
/// <param name="Name">Their name.</param>
/// <param name="Role">Their role (联络员, 河长, 局长…), free text.</param>
public sealed record MeetingAttendee(string Organisation, string Name, string Role);
