namespace Qingshui.Domain.Alerts;

/// <summary>What the evaluator tells its host: an alert to raise (with its record) or an open alert to clear.</summary>
/// <param name="Raised">True for a new alert, false for a clearing.</param>
/// <param name="Alert">The alert raised (id 0), or the key's alert as it clears (id 0, <see cref="Alert.ClearedAt"/> set).</param>
public sealed record AlertSignal(bool Raised, Alert Alert);
