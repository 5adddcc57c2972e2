using Qingshui.Domain.Quality;

namespace Qingshui.Domain.Network;

/// <summary>A basin's monitoring network: jurisdictions, sections along its rivers, the stations that report for them, and data-flag rules.</summary>
public sealed class Basin
{
    private readonly Dictionary<string, Station> _stations;
    private readonly Dictionary<string, Section> _sections;
    private readonly ILookup<string, Station> _stationsAt;

    /// <summary>Creates a basin; the lists are trusted to be consistent (use <see cref="BasinFile"/> to read one from outside).</summary>
    public Basin(
        string id, LocalizedText name, IReadOnlyList<Jurisdiction> jurisdictions, IReadOnlyList<Section> sections,
        IReadOnlyList<Station> stations, DataFlagPolicy dataFlags)
    {
        ArgumentNullException.ThrowIfNull(stations);
        Id = id;
        Name = name;
        Jurisdictions = jurisdictions;
        Sections = sections;
        Stations = stations;
        DataFlags = dataFlags;
        _stations = stations.ToDictionary(s => s.DeviceId, StringComparer.Ordinal);
        _sections = sections.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _stationsAt = stations.ToLookup(s => s.Section, StringComparer.Ordinal);
    }

    /// <summary>Stable identifier.</summary>
    public string Id { get; }

    /// <summary>Its name.</summary>
    public LocalizedText Name { get; }

    /// <summary>The jurisdictions sharing the basin.</summary>
    public IReadOnlyList<Jurisdiction> Jurisdictions { get; }

    /// <summary>Sections, from source to mouth.</summary>
    public IReadOnlyList<Section> Sections { get; }

    /// <summary>Stations.</summary>
    public IReadOnlyList<Station> Stations { get; }

    /// <summary>Which data flags make values valid.</summary>
    public DataFlagPolicy DataFlags { get; }

    /// <summary>
    /// The same basin with <paramref name="station"/> in place of the station of its MN, or added after the others when
    /// the MN is new (the station register's changes; the station is trusted to be checked by <see cref="StationRules"/>).
    /// </summary>
    public Basin WithStation(Station station)
    {
        ArgumentNullException.ThrowIfNull(station);
        List<Station> stations = [.. Stations];
        int at = stations.FindIndex(s => string.Equals(s.DeviceId, station.DeviceId, StringComparison.Ordinal));
        if (at >= 0)
        {
            stations[at] = station;
        }
        else
        {
            stations.Add(station);
        }

        return WithStations(stations);
    }

    /// <summary>The same basin with another list of stations (MNs unique, sections of this basin).</summary>
    public Basin WithStations(IReadOnlyList<Station> stations) => new(Id, Name, Jurisdictions, Sections, stations, DataFlags);

    /// <summary>The station with this MN, or <c>null</c>.</summary>
    public Station? FindStation(string deviceId) => _stations.GetValueOrDefault(deviceId);

    /// <summary>The section with this id, or <c>null</c>.</summary>
    public Section? FindSection(string id) => _sections.GetValueOrDefault(id);

    /// <summary>The stations that report for the section with this id, in the basin's order (none for an unknown id).</summary>
    // Looked up, not searched: the live state asks this for every section a committed batch touches.
    public IEnumerable<Station> StationsAt(string sectionId) => _stationsAt[sectionId];
}
