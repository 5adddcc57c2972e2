namespace Qingshui.Domain.Compensation;

public sealed partial class Ledger
{
    /// <summary>Incidents proposed for the register that not every party has confirmed yet, in order.</summary>
    public IReadOnlyList<IncidentProposal> IncidentProposals =>
        [.. _incidentProposals.Where(p => !IsAgreed(p)).Select(p => p with { ConfirmedBy = new Dictionary<string, string>(p.ConfirmedBy, StringComparer.Ordinal) })];

    /// <summary>
    /// Proposes an alert-opened incident (<paramref name="source"/>), confirmed by a coordinator as a pollution incident,
    /// for the register. Nothing changes in the accounts until every party confirms it (<see cref="ConfirmIncident"/>).
    /// </summary>
    public LedgerResult ProposeIncident(PollutionIncidentRecord incident, long source, string by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(incident);
        if (IncidentRefusal(incident, at) is LedgerResult refused)
        {
            return refused;
        }

        return _incidentProposals.Any(p => p.Source == source)
            ? LedgerResult.Refused($"incident {source} is already proposed for the register of {Agreement.Id}")
            : LedgerResult.Ok(new PollutionIncidentProposed(incident, source, at, by));
    }

    /// <summary>A party confirms a proposed register entry; once every party has, the incident is registered and the caller recomputes its year.</summary>
    public LedgerResult ConfirmIncident(long source, string party, string by, DateTimeOffset at)
    {
        if (_incidentProposals.FirstOrDefault(p => p.Source == source) is not IncidentProposal proposal)
        {
            return LedgerResult.Refused($"no incident {source} is proposed for the register of {Agreement.Id}");
        }

        if (Agreement.Parties.All(p => p.Id != party))
        {
            return LedgerResult.Refused($"'{party}' is not a party to {Agreement.Id}");
        }

        return proposal.ConfirmedBy.ContainsKey(party)
            ? LedgerResult.Refused($"{party} has already confirmed incident {source}")
            : LedgerResult.Ok(new PollutionIncidentConfirmed(source, party, at, by));
    }

    private bool IsAgreed(IncidentProposal proposal) => Agreement.Parties.All(p => proposal.ConfirmedBy.ContainsKey(p.Id));

    private void ApplyIncidentConfirmation(PollutionIncidentConfirmed confirmed)
    {
        int index = _incidentProposals.FindIndex(p => p.Source == confirmed.Source);
        IncidentProposal proposal = _incidentProposals[index];
        var who = new Dictionary<string, string>(proposal.ConfirmedBy, StringComparer.Ordinal) { [confirmed.Party] = confirmed.By };
        _incidentProposals[index] = proposal with { ConfirmedBy = who };
        if (IsAgreed(_incidentProposals[index]))
        {
            _incidents.Add(proposal.Incident);
        }
    }
}
