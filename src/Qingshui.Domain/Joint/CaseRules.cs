using Qingshui.Domain.Network;

namespace Qingshui.Domain.Joint;

/// <summary>Why a step on a case was refused: not the actor's to take (403), or not possible as the case stands (409).</summary>
public enum CaseRefusalKind
{
    /// <summary>The actor's side may not take this step.</summary>
    NotYours,

    /// <summary>The case's state does not allow it.</summary>
    NotNow,
}

/// <summary>A refused step: its kind and why.</summary>
/// <param name="Kind">Forbidden or conflicting.</param>
/// <param name="Why">Why, naming the sides.</param>
public sealed record CaseRefusal(CaseRefusalKind Kind, string Why);

/// <summary>
/// What may be done to an enforcement case, and by whom: only the side with jurisdiction changes status, records
/// actions and refers it; only the side a pending referral names answers it; a closed case changes no more.
/// </summary>
public static class CaseRules
{
    /// <summary>A new case from fields given from outside, opened by <paramref name="by"/> for their own side, or every error.</summary>
    public static (EnforcementCase? Case, IReadOnlyList<PatrolError> Errors) Open(CaseFields fields, Basin basin, PatrolActor by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(basin);
        ArgumentNullException.ThrowIfNull(by);
        var errors = new List<PatrolError>();
        string? what = PatrolChecks.Text("what", fields.What, PatrolChecks.MaxLongText, errors);
        string? where = PatrolChecks.Text("where", fields.Where, PatrolChecks.MaxShortText, errors);
        GeoPoint? position = null;
        if (fields.Longitude is double lon && fields.Latitude is double lat && PatrolChecks.IsPosition(lon, lat))
        {
            position = new GeoPoint(lon, lat);
        }
        else if (fields.Longitude is not null || fields.Latitude is not null)
        {
            errors.Add(new PatrolError("longitude", "a position needs both longitude (−180…180) and latitude (−90…90)"));
        }

        if (by.Side is null)
        {
            errors.Add(new PatrolError("foundBy", $"organisation '{by.Organisation}' is not of a jurisdiction: a case is opened by the side that found it"));
        }

        string? jurisdiction = fields.Jurisdiction is null ? by.Side : PatrolChecks.Side("jurisdiction", fields.Jurisdiction, basin, errors);
        IReadOnlyList<string> documents = PatrolChecks.AttachmentIds("documents", fields.Documents, errors);
        if (fields.Finding is long finding && finding < 1)
        {
            errors.Add(new PatrolError("finding", "must be a finding id (1 or more)"));
        }

        return errors.Count > 0
            ? (null, errors)
            : (new EnforcementCase(0, what!, where!, position, by.Side!, jurisdiction!, CaseStatus.Open, [], [], null, documents, by, at, fields.Finding), errors);
    }

    /// <summary>Refers the case from the side with jurisdiction to <paramref name="to"/>.</summary>
    public static (EnforcementCase? Case, CaseRefusal? Refusal) Refer(EnforcementCase current, PatrolActor by, string to, string note, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(by);
        if (NotOfJurisdiction(current, by, "refer") is CaseRefusal refusal)
        {
            return (null, refusal);
        }

        if ((Closed(current) ?? Pending(current)) is CaseRefusal notNow)
        {
            return (null, notNow);
        }

        if (string.Equals(to, current.Jurisdiction, StringComparison.Ordinal))
        {
            return (null, new CaseRefusal(CaseRefusalKind.NotNow, $"case {current.Id} is already under {to}'s jurisdiction"));
        }

        var referral = new CaseReferral(current.Jurisdiction, to, by, at, note, ReferralAnswer.Pending, null, null, null);
        return (current with { Referrals = [.. current.Referrals, referral] }, null);
    }

    /// <summary>The referred-to side accepts (jurisdiction moves to it) or declines (with a reason; jurisdiction stays).</summary>
    public static (EnforcementCase? Case, CaseRefusal? Refusal) Answer(EnforcementCase current, PatrolActor by, bool accept, string? reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(by);
        if (current.PendingReferral is not CaseReferral pending)
        {
            return (null, new CaseRefusal(CaseRefusalKind.NotNow, $"case {current.Id} has no referral awaiting an answer"));
        }

        if (!string.Equals(by.Side, pending.To, StringComparison.Ordinal))
        {
            return (null, new CaseRefusal(CaseRefusalKind.NotYours,
                $"case {current.Id} was referred to {pending.To}; only {pending.To} answers it (organisation '{by.Organisation}' acts for {by.Side ?? "no jurisdiction"})"));
        }

        CaseReferral answered = pending with { Answer = accept ? ReferralAnswer.Accepted : ReferralAnswer.Declined, AnsweredBy = by, AnsweredAt = at, Reason = reason };
        return (current with
        {
            Referrals = [.. current.Referrals.Take(current.Referrals.Count - 1), answered],
            Jurisdiction = accept ? pending.To : current.Jurisdiction,
        }, null);
    }

    /// <summary>
    /// The side with jurisdiction sets the status (closing needs the outcome), or records an action leaving it as it is
    /// (<paramref name="status"/> <c>null</c>).
    /// </summary>
    public static (EnforcementCase? Case, CaseRefusal? Refusal) Act(
        EnforcementCase current, PatrolActor by, CaseStatus? status, string text, string? outcome, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(by);
        if (NotOfJurisdiction(current, by, status is null ? "record actions on" : "change the status of") is CaseRefusal refusal)
        {
            return (null, refusal);
        }

        if (Closed(current) is CaseRefusal closed)
        {
            return (null, closed);
        }

        if (status is CaseStatus next && next == current.Status)
        {
            return (null, new CaseRefusal(CaseRefusalKind.NotNow, $"case {current.Id} is already {PatrolWords.Word(next)}"));
        }

        if (status == CaseStatus.Closed && current.PendingReferral is not null)
        {
            return (null, new CaseRefusal(CaseRefusalKind.NotNow, $"case {current.Id} has a referral awaiting {current.PendingReferral.To}'s answer"));
        }

        return (current with
        {
            Status = status ?? current.Status,
            Actions = [.. current.Actions, new CaseAction(by, at, text, status)],
            Outcome = status == CaseStatus.Closed ? outcome : current.Outcome,
        }, null);
    }

    private static CaseRefusal? NotOfJurisdiction(EnforcementCase current, PatrolActor by, string what) =>
        string.Equals(by.Side, current.Jurisdiction, StringComparison.Ordinal)
            ? null
            : new CaseRefusal(CaseRefusalKind.NotYours, $"case {current.Id} is under {current.Jurisdiction}'s jurisdiction; only {current.Jurisdiction} may {what} it "
                + $"(organisation '{by.Organisation}' acts for {by.Side ?? "no jurisdiction"})");

    private static CaseRefusal? Closed(EnforcementCase current) =>
        current.Status == CaseStatus.Closed ? new CaseRefusal(CaseRefusalKind.NotNow, $"case {current.Id} is closed") : null;

    private static CaseRefusal? Pending(EnforcementCase current) => current.PendingReferral is CaseReferral pending
        ? new CaseRefusal(CaseRefusalKind.NotNow, $"case {current.Id} already awaits {pending.To}'s answer to a referral")
        : null;
}

/// <summary>A new case's fields as given from outside.</summary>
/// <param name="What">What happened.</param>
/// <param name="Where">Where, in words.</param>
/// <param name="Longitude">Optional position, with <paramref name="Latitude"/>.</param>
/// <param name="Latitude">Optional position.</param>
/// <param name="Jurisdiction">The side with jurisdiction; the finding side when not given (refer it to move it).</param>
/// <param name="Documents">Document attachment ids.</param>
/// <param name="Finding">The patrol finding it came from, if any.</param>
public sealed record CaseFields(
    string? What, string? Where, double? Longitude, double? Latitude, string? Jurisdiction, IReadOnlyList<string?>? Documents, long? Finding);
