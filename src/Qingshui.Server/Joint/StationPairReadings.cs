using Qingshui.Domain.Assessment;
using Qingshui.Domain.Joint;
using Qingshui.Storage;

namespace Qingshui.Server.Joint;

/// <summary>Each station's observations of a pair, read as the section's own are (each station's preferred reading kind).</summary>
internal sealed class StationPairReadings(IReadingStore store)
{
    public async Task<(List<Observation> A, List<Observation> B)> ReadAsync(
        StationPair pair, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken, string? parameter = null) =>
        (await ReadingSelection.ObservationsAsync(store, [pair.A.DeviceId], from, to, cancellationToken, parameter),
         await ReadingSelection.ObservationsAsync(store, [pair.B.DeviceId], from, to, cancellationToken, parameter));
}
