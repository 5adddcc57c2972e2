using Qingshui.Domain.Network;

namespace Qingshui.Storage;

/// <summary>A station register change as written: the station before (<c>null</c> for an added one) and after.</summary>
/// <param name="Before">The station as it was.</param>
/// <param name="After">The station as it is now.</param>
public sealed record StationChange(Station? Before, Station After);

/// <summary>
/// The station register: every station that may connect, with its access password (kept as given: HJ 212 compares the
/// password in clear), in the same store as the readings. Seeded from the basin file; afterwards the store is the truth.
/// </summary>
public interface IStationStore
{
    /// <summary>Every registered station, in the order they were added.</summary>
    Task<IReadOnlyList<Station>> StationsAsync(CancellationToken cancellationToken);

    /// <summary>Adds the stations whose MN is not registered yet, in one transaction; returns those added.</summary>
    Task<IReadOnlyList<Station>> SeedStationsAsync(IReadOnlyList<Station> stations, CancellationToken cancellationToken);

    /// <summary>Adds a station; <c>null</c> when its MN is registered already.</summary>
    Task<StationChange?> AddStationAsync(Station station, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the station, applies <paramref name="change"/> and writes the result, in one transaction under the store's write
    /// lock. The MN does not change. Returns before and after, or <c>null</c> when there is no such station.
    /// </summary>
    Task<StationChange?> UpdateStationAsync(string deviceId, Func<Station, Station> change, CancellationToken cancellationToken);
}
