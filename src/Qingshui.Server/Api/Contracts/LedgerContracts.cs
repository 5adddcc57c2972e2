namespace Qingshui.Server.Api.Contracts;

/// <summary>The body of a confirmation: the party confirmed (optional; the signed-in user's own party when left out).</summary>
internal sealed record ConfirmationRequest(string? Party);

/// <summary>
/// The body of a decision on an undetermined period: <c>met</c>, <c>missed</c> or <c>none</c> (no payment), and why; with
/// <c>meeting</c>, the id of the joint meeting it was taken at (the meeting then lists it among its decisions).
/// </summary>
internal sealed record DecisionRequest(string? Outcome, string? Reason, long? Meeting = null)
{
    /// <summary>The longest reason accepted: it goes into the ledger, the audit log and every statement export.</summary>
    public const int MaxReasonLength = 1000;
}

/// <summary>
/// The body of a payment against a year's net: to whom (<c>payee</c>), how much in yuan, on which day (<c>paidOn</c>,
/// 2025-04-20) and under which reference; <c>payer</c> is one's own party when left out.
/// </summary>
internal sealed record PaymentRequest(string? Payer, string? Payee, decimal? Amount, string? PaidOn, string? Reference)
{
    /// <summary>The largest single payment accepted, in yuan: far above any agreement's year.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;
}

/// <summary>
/// The body of a pollution incident for an agreement's register: the section, the level (I–IV), when it occurred
/// (ISO 8601 with its offset), who confirmed it and a short description.
/// </summary>
internal sealed record IncidentRequest(string? Section, string? Level, DateTimeOffset? OccurredAt, string? ConfirmedBy, string? Description);

/// <summary>
/// A coordinator's confirmation that an alert-opened incident (<c>incident</c>, its number) was a pollution incident of a
/// level (I–IV), proposing it for the agreement's register; <c>confirmedBy</c> (the confirming authority) is the
/// coordinator when left out.
/// </summary>
internal sealed record IncidentProposalRequest(long? Incident, string? Level, string? ConfirmedBy, string? Description);

/// <summary>An agreement's incident register: the registered incidents and those proposed, with who confirmed each so far.</summary>
internal sealed record IncidentRegisterDto(IReadOnlyList<RegisteredIncidentDto> Registered, IReadOnlyList<ProposedIncidentDto> Proposed);

/// <summary>A registered incident (level I–IV, section, when, who confirmed it); <c>number</c> is its place in the register, from 1 (entries are never removed).</summary>
internal sealed record RegisteredIncidentDto(int Number, string Section, string Level, DateTimeOffset OccurredAt, string ConfirmedBy, string Description);

/// <summary>A proposed register entry from alert-opened incident <c>incident</c>, with the parties that confirmed it and those still to.</summary>
internal sealed record ProposedIncidentDto(
    long Incident, string Section, string Level, DateTimeOffset OccurredAt, string ConfirmedBy, string Description,
    IReadOnlyDictionary<string, string> ConfirmedByParty, IReadOnlyList<string> Awaiting);
