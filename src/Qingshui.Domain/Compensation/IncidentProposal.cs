namespace Qingshui.Domain.Compensation;

/// <summary>
/// A pollution incident proposed for the agreement's register from an incident the alerts opened, once a coordinator
/// confirmed it as a pollution incident of a level: it counts (and reaches the accounts) only when every party has
/// confirmed it, as a proposed adjustment does.
/// </summary>
/// <param name="Incident">The register entry proposed.</param>
/// <param name="Source">The number of the alert-opened incident it comes from.</param>
/// <param name="ConfirmedBy">Who confirmed it so far, by party id.</param>
public sealed record IncidentProposal(PollutionIncidentRecord Incident, long Source, IReadOnlyDictionary<string, string> ConfirmedBy);
