using Qingshui.Domain.Assessment;
using Qingshui.Domain.Joint;
using Qingshui.Server.Api;
using Qingshui.Server.Ingest;
using Qingshui.Storage;

namespace Qingshui.Server.Joint;

/// <summary>A sampling event's results against each other and against the section's stations' values in the hour of sampling.</summary>
internal sealed class SamplingComparer(ServerOptions options, StationRegister register, IReadingStore store)
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public async Task<IReadOnlyList<SampleItemComparison>> CompareAsync(SamplingEvent samplingEvent, CancellationToken cancellationToken)
    {
        DateTimeOffset local = samplingEvent.SampledAt.ToOffset(Beijing);
        var hour = new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, Beijing);
        string[] stations = [.. register.Basin.Stations.Where(s => s.Section == samplingEvent.Section).Select(s => s.DeviceId)];
        var values = new Dictionary<string, IReadOnlyDictionary<string, decimal>>(StringComparer.Ordinal);
        foreach (string mn in stations)
        {
            List<Observation> observations = await ReadingSelection.ObservationsAsync(store, [mn], hour, hour.AddHours(1), cancellationToken);
            values[mn] = observations.Where(o => o.Valid).GroupBy(o => o.Item)
                .ToDictionary(g => g.Key.Id, g => SectionData.Downsample(g, g.Key, TimeSpan.FromHours(1))[0].Mean, StringComparer.Ordinal);
        }

        return SamplingComparison.Compare(samplingEvent, stations, values, options.JointMonitoring);
    }
}
