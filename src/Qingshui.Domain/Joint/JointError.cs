namespace Qingshui.Domain.Joint;

/// <summary>Why a value given for a joint record was refused: the field's wire name, and what is wrong with it.</summary>
/// <param name="Field">The field (<c>date</c>, <c>attendees[2].name</c>, …).</param>
/// <param name="Message">What is wrong, for a person to read.</param>
public sealed record JointError(string Field, string Message);
