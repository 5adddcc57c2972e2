namespace Qingshui.Domain.Assessment;

/// <summary>One value of one item at one time, already in the item's unit, with its validity (from its data flag and checks).</summary>
/// <param name="Item">The GB 3838 item.</param>
/// <param name="Time">When (its offset decides the local day).</param>
/// <param name="Value">The value, unrounded.</param>
/// <param name="Valid">Whether it may be counted.</param>
public readonly record struct Observation(StandardItem Item, DateTimeOffset Time, decimal Value, bool Valid);
