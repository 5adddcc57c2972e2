using System.Globalization;
using Qingshui.Domain.Joint;

namespace Qingshui.Server.Joint;

/// <summary>Domain records to their wire form; "now" decides the overdue flags.</summary>
internal static class PatrolViews
{
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static PatrolActorDto Actor(PatrolActor actor) => new(actor.Name, actor.Organisation, actor.Side);

    public static RiverChiefDto Of(RiverChief c, DateTimeOffset now) => new(
        c.Id, c.Reach, PatrolWords.Word(c.Bank), c.Side, PatrolWords.Word(c.Level), c.Name, c.Organisation, c.Contact, Day(c.TermFrom),
        c.TermTo is DateOnly to ? Day(to) : null, c.InOfficeOn(Finding.DayInChina(now)));

    public static PatrolDto Of(Patrol p, IReadOnlyList<Finding>? findings, DateTimeOffset now) => new(
        p.Id, Day(p.Date), p.Reach, [.. p.Participants.Select(x => new ParticipantDto(x.Side, x.Name))], [.. p.Sides], p.IsJoint, p.Notes,
        Actor(p.RecordedBy), p.RecordedAt, p.RoutePoints, findings?.Count(f => f.IsOverdue(now)), findings is null ? null : [.. findings.Select(f => Of(f, now))]);

    public static FindingDto Of(Finding f, DateTimeOffset now) => new(
        f.Id, f.Patrol, f.Text, f.Position?.Longitude, f.Position?.Latitude, [.. f.Photos], f.Owner, f.OwnerSide, f.Deadline is DateOnly d ? Day(d) : null,
        f.Closing is null ? "open" : "closed", f.IsOverdue(now), Actor(f.RecordedBy), f.RecordedAt,
        f.Closing is FindingClosing c ? new FindingClosingDto(Actor(c.By), c.At, c.How) : null);

    public static CaseDto Of(EnforcementCase c) => new(
        c.Id, c.What, c.Where, c.Position?.Longitude, c.Position?.Latitude, c.FoundBy, c.Jurisdiction, PatrolWords.Word(c.Status),
        c.PendingReferral is not null, c.PendingReferral?.To, [.. c.Parties],
        [.. c.Referrals.Select(r => new CaseReferralDto(r.From, r.To, Actor(r.By), r.At, r.Note, PatrolWords.Word(r.Answer),
            r.AnsweredBy is PatrolActor a ? Actor(a) : null, r.AnsweredAt, r.Reason))],
        [.. c.Actions.Select(a => new CaseActionDto(Actor(a.By), a.At, a.Text, a.Status is CaseStatus s ? PatrolWords.Word(s) : null))],
        c.Outcome, [.. c.Documents], Actor(c.OpenedBy), c.OpenedAt, c.Finding);
}
