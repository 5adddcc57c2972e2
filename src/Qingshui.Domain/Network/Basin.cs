using Qingshui.Domain.Quality;

namespace Qingshui.Domain.Network;

/// <summary>A basin's monitoring network: jurisdictions, sections along its rivers, the stations that report for them, and data-flag rules.</summary>
public sealed class Basin
{
    private readonly Dictionary<string, Station> _stations;

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

    /// <summary>The station with this MN, or <c>null</c>.</summary>
    public Station? FindStation(string deviceId) => _stations.GetValueOrDefault(deviceId);

    /// <summary>The section with this id, or <c>null</c>.</summary>
    public Section? FindSection(string id) => Sections.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));
}
