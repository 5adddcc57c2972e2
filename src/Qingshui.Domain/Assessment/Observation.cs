namespace Qingshui.Domain.Assessment;

/// <summary>One value of one item at one time, already in the item's unit, with its validity (from its data flag and checks).</summary>
/// <param name="Item">The GB 3838 item.</param>
/// <param name="Time">When (its offset decides the local day).</param>
/// <param name="Value">The value, unrounded.</param>
/// <param name="Valid">Whether it may be counted.</param>
/// <param name="BelowLimit">
/// Below the detection limit (<c>0.025L</c>, <c>ND</c>): <paramref name="Value"/> is then the limit, and how it enters a
/// mean is a setting of whoever averages it.
/// </param>
public readonly record struct Observation(StandardItem Item, DateTimeOffset Time, decimal Value, bool Valid, bool BelowLimit = false);
