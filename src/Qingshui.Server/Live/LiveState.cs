using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;
using Qingshui.Server.Ingest;
using Qingshui.Storage;

namespace Qingshui.Server.Live;

/// <summary>
/// The latest value of every parameter at every station, and each section's current class from them, kept in memory
/// (loaded from the store at start, updated after every commit) so the dashboard's "now" never scans history.
/// Changes are published on the <see cref="LiveFeed"/>.
/// </summary>
internal sealed class LiveState(StationRegister register, LiveFeed feed)
{
    // What is loaded at start: enough for every reading that can count for the class now.
    private static readonly TimeSpan Fresh = SectionClass.CurrentFreshness;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, Reading>> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WaterClass?> _classes = new(StringComparer.Ordinal);

    public async Task LoadAsync(IReadingStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        DateTimeOffset now = clock.GetUtcNow();
        foreach (Station station in register.Basin.Stations)
        {
            IReadOnlyList<StoredReading> recent = await store.ReadingsAsync(new ReadingQuery(station.DeviceId, null, null, now - Fresh, now.AddDays(1)), cancellationToken);
            Apply(recent.Select(r => r.Reading), publish: false);
        }
    }

    /// <summary>Takes in committed records.</summary>
    public void Committed(IReadOnlyList<IngestRecord> records) => Apply(records.SelectMany(r => r.Readings), publish: true);

    /// <summary>The latest readings of a station, by parameter.</summary>
    public IReadOnlyList<Reading> LatestOf(string station)
    {
        lock (_lock)
        {
            return _latest.TryGetValue(station, out Dictionary<string, Reading>? latest)
                ? latest.Values.OrderBy(r => r.Parameter, StringComparer.Ordinal).ToArray()
                : [];
        }
    }

    /// <summary>A section's assessment now: each item's latest fresh value, averaged over the section's stations.</summary>
    public SectionAssessment CurrentAssessment(Section section)
    {
        lock (_lock)
        {
            return Assess(section);
        }
    }

    /// <summary>When the section's newest value was measured.</summary>
    public DateTimeOffset? LatestTime(Section section)
    {
        lock (_lock)
        {
            return LatestReadings(section).Select(r => (DateTimeOffset?)r.PeriodStart).Max();
        }
    }

    private void Apply(IEnumerable<Reading> readings, bool publish)
    {
        var touched = new Dictionary<string, List<Reading>>(StringComparer.Ordinal);
        lock (_lock)
        {
            foreach (Reading reading in readings)
            {
                if (!_latest.TryGetValue(reading.StationId, out Dictionary<string, Reading>? station))
                {
                    _latest[reading.StationId] = station = new Dictionary<string, Reading>(StringComparer.Ordinal);
                }

                if (station.TryGetValue(reading.Parameter, out Reading? existing) && existing.PeriodStart > reading.PeriodStart)
                {
                    continue;
                }

                station[reading.Parameter] = reading;
                if (!touched.TryGetValue(reading.StationId, out List<Reading>? list))
                {
                    touched[reading.StationId] = list = [];
                }

                list.Add(reading);
            }

            Basin basin = register.Basin;
            HashSet<string> sections = [.. touched.Keys.Select(basin.FindStation).OfType<Station>().Select(s => s.Section)];
            Reassess(basin.Sections.Where(s => sections.Contains(s.Id)), publish);
        }

        if (publish && touched.Count > 0 && feed.HasSubscribers)
        {
            feed.Publish(new LiveEvent("readings", touched.Select(t => new
            {
                station = t.Key,
                section = register.Find(t.Key)?.Section,
                time = t.Value.Max(r => r.PeriodStart),
                values = t.Value.GroupBy(r => r.Parameter).ToDictionary(g => g.Key, g => g.OrderBy(r => r.PeriodStart).Last().Value),
            }).ToArray()));
        }
    }

    /// <summary>The register moved or added stations at these sections: their current class is taken again and published if it changed.</summary>
    public void StationsChanged(IEnumerable<string> sections)
    {
        lock (_lock)
        {
            Reassess(register.Basin.Sections.Where(s => sections.Contains(s.Id)), publish: true);
        }
    }

    private void Reassess(IEnumerable<Section> sections, bool publish)
    {
        foreach (Section section in sections)
        {
            WaterClass? now = Assess(section).Class;
            bool changed = !_classes.TryGetValue(section.Id, out WaterClass? before) || before != now;
            _classes[section.Id] = now;
            if (publish && changed)
            {
                feed.Publish(new LiveEvent("class", new { section = section.Id, @class = now is WaterClass c ? WaterClassText.ToRoman(c) : null }));
            }
        }
    }

    private IEnumerable<string> StationsOf(Section section) => register.Basin.StationsAt(section.Id).Select(s => s.DeviceId);

    private IEnumerable<Reading> LatestReadings(Section section) =>
        StationsOf(section).SelectMany(s => _latest.TryGetValue(s, out Dictionary<string, Reading>? latest) ? latest.Values : Enumerable.Empty<Reading>());

    private SectionAssessment Assess(Section section) => SectionClass.Current(LatestReadings(section), section.Waterbody);
}
