namespace Qingshui.Server.Joint;

// The wire form of river chiefs, patrols, findings and cases (/api/v1/joint/...). Days are yyyy-MM-dd, instants ISO 8601 with offset.

internal sealed record PatrolActorDto(string Name, string Organisation, string? Side);

internal sealed record RiverChiefDto(
    long Id, string Reach, string Bank, string Side, string Level, string Name, string Organisation, string Contact, string TermFrom, string? TermTo, bool InOffice);

internal sealed record RiverChiefPageDto(RiverChiefDto[] Chiefs, string? NextCursor);

internal sealed record RiverChiefRequest(
    string? Reach, string? Bank, string? Side, string? Level, string? Name, string? Organisation, string? Contact, string? TermFrom, string? TermTo);

internal sealed record RiverChiefImportDto(int Imported, RiverChiefDto[] Chiefs);

internal sealed record ParticipantDto(string? Side, string? Name);

internal sealed record PatrolRequest(string? Date, string? Reach, ParticipantDto[]? Participants, string? Notes);

internal sealed record PatrolDto(
    long Id, string Date, string Reach, ParticipantDto[] Participants, string[] Sides, bool Joint, string Notes, PatrolActorDto RecordedBy,
    DateTimeOffset RecordedAt, int RoutePoints, int? OverdueFindings, FindingDto[]? Findings);

internal sealed record PatrolPageDto(PatrolDto[] Patrols, string? NextCursor);

internal sealed record FindingRequest(long? Patrol, string? Text, double? Longitude, double? Latitude, string?[]? Photos, string? Owner, string? Deadline);

internal sealed record FindingCloseRequest(string? How);

internal sealed record FindingClosingDto(PatrolActorDto By, DateTimeOffset At, string How);

internal sealed record FindingDto(
    long Id, long Patrol, string Text, double? Longitude, double? Latitude, string[] Photos, string Owner, string? OwnerSide, string? Deadline,
    string State, bool Overdue, PatrolActorDto RecordedBy, DateTimeOffset RecordedAt, FindingClosingDto? Closing);

internal sealed record FindingPageDto(FindingDto[] Findings, int Overdue, string? NextCursor);

internal sealed record CaseRequest(
    string? What, string? Where, double? Longitude, double? Latitude, string? Jurisdiction, string?[]? Documents, long? Finding);

internal sealed record CaseReferRequest(string? To, string? Note);

internal sealed record CaseAnswerRequest(string? Reason);

internal sealed record CaseStatusRequest(string? Status, string? Note, string? Outcome);

internal sealed record CaseActionRequest(string? Text);

internal sealed record CaseReferralDto(
    string From, string To, PatrolActorDto By, DateTimeOffset At, string Note, string Answer, PatrolActorDto? AnsweredBy, DateTimeOffset? AnsweredAt, string? Reason);

internal sealed record CaseActionDto(PatrolActorDto By, DateTimeOffset At, string Text, string? Status);

internal sealed record CaseDto(
    long Id, string What, string Where, double? Longitude, double? Latitude, string FoundBy, string Jurisdiction, string Status, bool Referred,
    string? ReferredTo, string[] Parties, CaseReferralDto[] Referrals, CaseActionDto[] Actions, string? Outcome, string[] Documents,
    PatrolActorDto OpenedBy, DateTimeOffset OpenedAt, long? Finding);

internal sealed record CasePageDto(CaseDto[] Cases, string? NextCursor);
