using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Joint;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Csv;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// <c>/api/v1/joint/calendar</c> (the year's meetings and decision deadlines, the yearly minimum and the suggested next
/// convenor) and <c>/api/v1/joint/receipts</c> (who received a shared record and when it was first opened).
/// </summary>
internal static class CalendarApi
{
    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/joint").WithTags("Joint work");
        group.MapGet("/calendar", Calendar).RequireAuthorization(Policies.Member).WithName("GetJointCalendar")
            .WithSummary("The year's joint meetings and decision deadlines: ?year= (default this year); with the yearly minimum, the remind-by date and the suggested next convenor.");
        group.MapGet("/receipts", ReceiptsOf).WithCsv("receipts").RequireAuthorization(Policies.Member).WithName("ListReceipts")
            .WithSummary("Receipts of a shared record: ?kind=meeting|decision|attachment|…&id=: delivered to which organisation when, first opened by whom when.");
        return routes;
    }

    private static async Task<Results<Ok<CalendarDto>, ValidationProblem>> Calendar(
        string? year, [AsParameters] JointServices services, CancellationToken cancellationToken)
    {
        DateOnly today = JointOrganisations.Today(services.Clock);
        int y = today.Year;
        if (year is not null && (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out y) || y is < 2000 or > 2100))
        {
            return JointProblems.Invalid("year", "must be a year 2000–2100");
        }

        string basin = services.Options.Basin.Id;
        MeetingSummaryDto[] meetings = await MeetingsApi.SummariesAsync(services.Meetings, basin, y, cancellationToken);
        IReadOnlyList<MeetingDecision> deadlines = await services.Meetings.ListDecisionsAsync(
            new DecisionQuery(DecisionQuery.MaxLimit, DeadlineFrom: new DateOnly(y, 1, 1), DeadlineTo: new DateOnly(y, 12, 31), Basin: basin), cancellationToken);
        Meeting? last = await services.Meetings.LastMeetingAsync(basin, cancellationToken);
        JointMeetingSettings settings = services.Options.JointMeetings;
        return TypedResults.Ok(new CalendarDto(basin, y, settings.MinimumMeetingsPerYear, meetings.Length,
            string.Create(CultureInfo.InvariantCulture, $"{y:0000}-{settings.RemindBy.Month:00}-{settings.RemindBy.Day:00}"),
            ConvenorRotation.Next(await services.Organisations.RotationAsync(cancellationToken), last?.Convenor),
            meetings, [.. deadlines.Select(d => DecisionsApi.View(d, today))]));
    }

    private static async Task<Results<Ok<ReceiptsDto>, ValidationProblem>> ReceiptsOf(
        string? kind, string? id, IReceiptStore store, CancellationToken cancellationToken)
    {
        var errors = new List<JointError>();
        if (string.IsNullOrEmpty(kind) || kind.Length > Receipts.MaxKeyLength || !kind.All(c => c is >= 'a' and <= 'z' or '-' or '.'))
        {
            errors.Add(new("kind", "is required: the kind of record (lowercase letters, '-' and '.'), e.g. meeting, decision, attachment"));
        }

        if (string.IsNullOrEmpty(id) || id.Length > Receipts.MaxKeyLength)
        {
            errors.Add(new("id", $"is required: the record's id (at most {Receipts.MaxKeyLength} characters)"));
        }

        if (errors.Count > 0)
        {
            return JointProblems.Invalid(errors);
        }

        IReadOnlyList<Receipt> receipts = await store.ReceiptsAsync(kind!, id!, cancellationToken);
        return TypedResults.Ok(new ReceiptsDto(kind!, id!, [.. receipts.Select(r => new ReceiptDto(r.Organisation, r.DeliveredAt, r.OpenedAt, r.OpenedBy))]));
    }
}
