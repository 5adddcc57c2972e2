namespace Qingshui.Domain.Joint;

/// <summary>What is wrong with one field of a river chief, patrol, finding or case given from outside.</summary>
/// <param name="Field">The field, as the API and the CSV header name it (<c>deadline</c>, <c>term-from</c>).</param>
/// <param name="Message">Why, in words a person can act on.</param>
public sealed record PatrolError(string Field, string Message);
