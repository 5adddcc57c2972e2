namespace Qingshui.Domain.Alerts;

/// <summary>One value kept as evidence on an alert: when, what, and whether it was valid.</summary>
/// <param name="Time">The reading's period start.</param>
/// <param name="Value">The value as received, in the station's unit.</param>
/// <param name="Valid">Whether its flag made it valid.</param>
public readonly record struct AlertValue(DateTimeOffset Time, decimal Value, bool Valid);
