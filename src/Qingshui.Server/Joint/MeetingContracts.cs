namespace Qingshui.Server.Joint;

/// <summary>One attendee as given and as answered.</summary>
internal sealed record AttendeeDto(string? Organisation, string? Name, string? Role);

/// <summary>A new meeting: <c>date</c> yyyy-MM-dd, the convening organisation (suggested by the calendar), attendees, agenda, minutes, attachment ids.</summary>
internal sealed record MeetingRequest(
    string? Date, string? Place, string? Convenor, string? Title, AttendeeDto[]? Attendees, string[]? Agenda, string? Minutes, string[]? Attachments);

/// <summary>An attachment named by a record, with what the reader needs to show it.</summary>
internal sealed record AttachmentRefDto(string Id, string? FileName, string? MediaType, long? Size, bool IsImage);

/// <summary>A decision of a meeting; <c>overdue</c> when still open after its deadline (Beijing date).</summary>
internal sealed record MeetingDecisionDto(
    long Id, long Meeting, string Text, string Owner, string OwnerPerson, string Deadline, string State, string FollowUp, bool Overdue,
    string ChangedBy, DateTimeOffset ChangedAt);

/// <summary>A settlement decision on an undetermined period that was taken at the meeting, as the ledger recorded it.</summary>
internal sealed record LedgerDecisionDto(string Agreement, string Period, string Outcome, string Reason, string DecidedBy, string Organisation, DateTimeOffset DecidedAt);

/// <summary>A meeting with its decisions and the ledger decisions taken at it.</summary>
internal sealed record MeetingDto(
    long Id, string Basin, string Date, string Place, string Convenor, string Title, AttendeeDto[] Attendees, string[] Agenda, string Minutes,
    AttachmentRefDto[] Attachments, string CreatedBy, string CreatedOrganisation, DateTimeOffset CreatedAt, MeetingDecisionDto[] Decisions,
    LedgerDecisionDto[] LedgerDecisions, MeetingAmendmentDto[] Amendments);

/// <summary>A meeting in a list or calendar.</summary>
internal sealed record MeetingSummaryDto(long Id, string Date, string Place, string Convenor, string Title, int Decisions, int OpenDecisions);

/// <summary>A new decision of a meeting: text, owning organisation (and person), deadline yyyy-MM-dd.</summary>
internal sealed record NewDecisionRequest(string? Text, string? Owner, string? OwnerPerson, string? Deadline);

/// <summary>A decision's owner reports it <c>done</c> or <c>dropped</c>, with a follow-up note.</summary>
internal sealed record DecisionChangeRequest(string? State, string? Note);

/// <summary>A page of decisions, by deadline then id; <c>nextCursor</c> asks for the next page, null at the end.</summary>
internal sealed record DecisionPageDto(MeetingDecisionDto[] Decisions, string? NextCursor = null);

/// <summary>The year's calendar: meetings, decision deadlines, the yearly minimum and the suggested next convenor.</summary>
internal sealed record CalendarDto(
    string Basin, int Year, int Minimum, int Scheduled, string RemindBy, string? NextConvenor, MeetingSummaryDto[] Meetings, MeetingDecisionDto[] Deadlines);

/// <summary>An attachment's metadata.</summary>
internal sealed record AttachmentDto(
    string Id, string FileName, string MediaType, long Size, string UploadedBy, string Organisation, DateTimeOffset UploadedAt, string[] SharedWith, bool Thumbnail);

/// <summary>A receipt: delivered to an organisation when, first opened by whom when.</summary>
internal sealed record ReceiptDto(string Organisation, DateTimeOffset? DeliveredAt, DateTimeOffset? OpenedAt, string? OpenedBy);

/// <summary>The receipts of one shared record.</summary>
internal sealed record ReceiptsDto(string Kind, string Id, ReceiptDto[] Receipts);

/// <summary>An amendment of a meeting after it was held: the fields given replace the recorded ones; why, in a few words.</summary>
internal sealed record MeetingAmendmentRequest(AttendeeDto[]? Attendees, string[]? Agenda, string? Minutes, string[]? Attachments, string? Reason);

/// <summary>One amendment of a meeting, from the audit log: who, for which organisation, when, which fields, why.</summary>
internal sealed record MeetingAmendmentDto(string By, string Organisation, DateTimeOffset At, string[] Fields, string? Reason);
