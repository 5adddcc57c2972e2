namespace Qingshui.Domain.Network;

/// <summary>Why a field of a <see cref="StationDraft"/> was refused.</summary>
/// <param name="Field">The field's wire name (<c>mn</c>, <c>parameters[2]</c>, <c>units.w01009</c>, …).</param>
/// <param name="Message">What is wrong, for a person to read.</param>
public sealed record StationError(string Field, string Message);
