namespace Qingshui.Domain.Access;

/// <summary>Why a value given for an account or organisation was refused: the field, and what is wrong with it.</summary>
/// <param name="Field">The field's wire name (<c>name</c>, <c>organisation</c>, …).</param>
/// <param name="Message">What is wrong, for a person to read.</param>
public sealed record AccessError(string Field, string Message);
