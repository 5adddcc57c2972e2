using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Compensation;

/// <summary>A section an agreement assesses, and where its data comes from.</summary>
/// <param name="Id">Section id (as in the basin file).</param>
/// <param name="Name">Its name (rows of a sample file may name it in Chinese or English).</param>
/// <param name="Waterbody">River, lake or reservoir.</param>
/// <param name="TargetClass">The class it must meet.</param>
/// <param name="Stations">MNs of the stations whose readings count (all of them together).</param>
public sealed record AgreementSection(string Id, LocalizedText Name, WaterbodyKind Waterbody, WaterClass TargetClass, IReadOnlyList<string> Stations)
{
    /// <summary>
    /// The items monitored at the section, from the basin file (<see cref="Agreement.WithMonitoring"/>); <c>null</c>
    /// when not known. Not part of the agreement file.
    /// </summary>
    public IReadOnlyList<StandardItem>? Monitored { get; init; }

    /// <summary>Which stations' data decide the class (<c>dataSource</c> of the section); <c>null</c>: every station's readings pooled, as round 1 did.</summary>
    public SectionDataSource? Source { get; init; }
}
