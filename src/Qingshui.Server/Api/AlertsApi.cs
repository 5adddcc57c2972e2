using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Alerts;
using Qingshui.Server.Alerts;
using Qingshui.Server.Api.Contracts;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Storage;

namespace Qingshui.Server.Api;

/// <summary><c>/api/v1/alerts</c>: alerts raised by the rules as readings commit, open and cleared. Reads are open, like the other reads.</summary>
internal static class AlertsApi
{
    private const int DefaultLimit = 50;
    private static readonly TimeSpan LongestSpan = TimeSpan.FromDays(366);

    public static RouteGroupBuilder MapAlertsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/alerts").WithTags("Alerts");
        group.MapGet("/", List).WithCsv("alerts").WithName("ListAlerts").WithSummary(
            $"Alerts, newest first: ?state=open|cleared, ?section=, ?station=, ?from=&to= (raised; at most 366 days), ?limit=1–{AlertQuery.MaxLimit} (default {DefaultLimit}), ?before=<id> or ?cursor= (the answer's nextCursor).");
        group.MapGet("/{id}", One).WithName("GetAlert").WithSummary("One alert with its evidence.");
        return group;
    }

    private static async Task<Results<Ok<AlertPageDto>, ValidationProblem>> List(
        [AsParameters] AlertListQuery query, ServerOptions options, IAlertStore store, PageCursors cursors, HttpContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        bool? open = query.State switch
        {
            null => null,
            "open" => true,
            "cleared" or "closed" => false,
            _ => Invalid(errors, "state", "must be 'open' or 'cleared'"),
        };
        int limit = DefaultLimit;
        if (query.Limit is not null && (!int.TryParse(query.Limit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > AlertQuery.MaxLimit))
        {
            errors["limit"] = [$"must be a whole number 1–{AlertQuery.MaxLimit}"];
        }

        long? before = null;
        if (query.Before is not null)
        {
            before = long.TryParse(query.Before, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && id >= 1 ? id : null;
            if (before is null)
            {
                errors["before"] = ["must be an alert id (1 or more)"];
            }
        }

        if (query.Section is not null && options.Basin.FindSection(query.Section) is null)
        {
            errors["section"] = [$"'{query.Section}' is not a section of this basin"];
        }

        if (query.Station is not null && options.Basin.FindStation(query.Station) is null)
        {
            errors["station"] = [$"'{query.Station}' is not a station of this basin"];
        }

        DateTimeOffset? from = query.From is null ? null : QueryTime.Parse(query.From, "from", default, errors);
        DateTimeOffset? to = query.To is null ? null : QueryTime.Parse(query.To, "to", default, errors);
        if (from is DateTimeOffset start && to is DateTimeOffset end)
        {
            QueryTime.CheckSpan(start, end, LongestSpan, "366 days", errors);
        }

        string scope = PageScope.Of(query.State, query.Section, query.Station, query.From, query.To);
        before = NewestFirst.Before(cursors, "alerts", scope, query.Cursor, before, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        IReadOnlyList<Alert> alerts = await store.ListAsync(new AlertQuery(limit, open, query.Section, query.Station, from, to, before), cancellationToken);
        long? next = alerts.Count == limit && alerts[^1].Id > 1 ? alerts[^1].Id : null;
        string? cursor = next is long last ? NewestFirst.Next(cursors, context, "alerts", scope, alerts.Count, limit, last) : null;
        return TypedResults.Ok(new AlertPageDto([.. alerts.Select(AlertView.Of)], next, cursor));
    }

    private static async Task<Results<Ok<AlertDto>, ProblemHttpResult, ValidationProblem>> One(string id, IAlertStore store, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long number) || number < 1)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["must be an alert id (1 or more)"] });
        }

        return await store.FindAsync(number, cancellationToken) is Alert alert
            ? TypedResults.Ok(AlertView.Of(alert))
            : BasinsApi.NotFoundProblem("alert", id);
    }

    private static bool? Invalid(Dictionary<string, string[]> errors, string name, string message)
    {
        errors[name] = [message];
        return null;
    }
}
