using Qingshui.Domain.Network;

namespace Qingshui.Storage.Assessment;

/// <summary>A section assessed from one automatic station's readings.</summary>
/// <param name="SectionId">The section.</param>
/// <param name="StationId">The station (MN) whose readings stand for it.</param>
/// <param name="Waterbody">River, lake or reservoir: which limits apply.</param>
public sealed record SectionStation(string SectionId, string StationId, WaterbodyKind Waterbody);
