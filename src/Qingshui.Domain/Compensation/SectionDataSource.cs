using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>Which data decide a section's class when several stations (or data sets) report for it: a term of the agreement.</summary>
public enum DataSourceKind
{
    /// <summary>One named station.</summary>
    Station,

    /// <summary>The first named station (in order) whose data give a class, e.g. the national station, then joint manual data, then a province's station.</summary>
    Precedence,

    /// <summary>Per item, the mean of the named stations' period means, each station weighing the same however often it reports.</summary>
    EqualMean,
}

/// <summary>A section's data-source term: the kind and the stations it names (MNs, or ids of joint data sets), in order.</summary>
/// <param name="Kind">How the stations' data are used.</param>
/// <param name="Stations">The stations named, in order.</param>
public sealed record SectionDataSource(DataSourceKind Kind, IReadOnlyList<string> Stations);

/// <summary>One station's own period means and class at a section: shown beside the others so a disagreement is seen.</summary>
/// <param name="Station">The station.</param>
/// <param name="Class">Its class on its own data, when determined.</param>
/// <param name="Means">Its period means per item (null when insufficient).</param>
/// <param name="DataFingerprint">Fingerprint of its observations in the period.</param>
public sealed record StationEvidence(string Station, WaterClass? Class, IReadOnlyList<(StandardItem Item, decimal? Mean)> Means, string DataFingerprint);

/// <summary>What a section's data-source term did in a period: the term, the stations whose data decided, and every station's own evidence.</summary>
/// <param name="Kind">The term's kind.</param>
/// <param name="Used">The stations whose data were used.</param>
/// <param name="Stations">Each named station's own means and class.</param>
public sealed record SourceEvidence(DataSourceKind Kind, IReadOnlyList<string> Used, IReadOnlyList<StationEvidence> Stations);

/// <summary>The file's words for the data-source kinds.</summary>
internal static class DataSourceKinds
{
    public static readonly Dictionary<string, DataSourceKind> ByText = new(StringComparer.Ordinal)
    {
        ["station"] = DataSourceKind.Station, ["precedence"] = DataSourceKind.Precedence, ["mean"] = DataSourceKind.EqualMean,
    };

    public static string Text(DataSourceKind kind) => ByText.First(k => k.Value == kind).Key;
}
