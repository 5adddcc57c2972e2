namespace Qingshui.Domain.Network;

/// <summary>A checked station, or every error that prevented it.</summary>
/// <param name="Station">The station, when there were no errors.</param>
/// <param name="Errors">Every problem found.</param>
public sealed record StationCheck(Station? Station, IReadOnlyList<StationError> Errors);
