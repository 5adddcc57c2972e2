namespace Qingshui.Domain.Compensation;

public sealed partial class Ledger
{
    /// <summary>The pollution incidents registered, in order.</summary>
    public IReadOnlyList<PollutionIncidentRecord> Incidents => _incidents;

    /// <summary>
    /// Registers a pollution incident at one of the agreement's sections, once it has occurred and been confirmed; the
    /// same incident (section, level, time) is not registered twice. The caller recomputes next, so the forfeiture term
    /// reaches the period's account (a confirmed one only through a proposed adjustment).
    /// </summary>
    public LedgerResult RecordIncident(PollutionIncidentRecord incident, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return IncidentRefusal(incident, at) ?? LedgerResult.Ok(new PollutionIncidentRecorded(incident, at, by));
    }

    // What makes an incident unfit for the register, whoever enters it; null when it may be entered.
    private LedgerResult? IncidentRefusal(PollutionIncidentRecord incident, DateTimeOffset at)
    {
        if (Agreement.Sections.All(s => s.Id != incident.Section))
        {
            return LedgerResult.Refused($"no section '{incident.Section}' in {Agreement.Id} ({string.Join(", ", Agreement.Sections.Select(s => s.Id))})");
        }

        if (!Enum.IsDefined(incident.Level))
        {
            return LedgerResult.Refused("the level is I, II, III or IV");
        }

        if (incident.OccurredAt > at)
        {
            return LedgerResult.Refused("an incident is registered once it has occurred, not before");
        }

        if (string.IsNullOrWhiteSpace(incident.ConfirmedBy) || incident.ConfirmedBy.Length > PollutionIncidentRecord.MaxConfirmedByLength
            || incident.Description.Length > PollutionIncidentRecord.MaxDescriptionLength)
        {
            return LedgerResult.Refused($"who confirmed it is required (at most {PollutionIncidentRecord.MaxConfirmedByLength} characters), "
                + $"the description at most {PollutionIncidentRecord.MaxDescriptionLength}");
        }

        if (_incidents.Concat(_incidentProposals.Select(p => p.Incident))
            .Any(i => i.Section == incident.Section && i.Level == incident.Level && i.OccurredAt == incident.OccurredAt))
        {
            return LedgerResult.Refused("this incident (section, level, time) is already registered");
        }

        return null;
    }
}
