using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Domain.Access;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Import;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Server.Ingest;
using Qingshui.Storage;
using Qingshui.Storage.Audit;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// <c>/api/v1/joint/sampling</c>: joint sampling events with their samplers, split samples and laboratory results, each
/// compared with the other laboratories and with the stations' hourly values at the sampling hour. Members read; an
/// operator of a side that sampled (or a coordinator) records; each side imports its own laboratory's results as CSV.
/// </summary>
internal static partial class SamplingApi
{
    private const int DefaultLimit = 50;
    private const int MaxCsvBytes = 1024 * 1024;
    private const int MaxNameLength = 100;
    private static readonly TimeSpan Longest = TimeSpan.FromDays(3660);

    /// <summary>The kind of record a sampling event's receipts name.</summary>
    public const string SamplingKind = "sampling";

    private const string ListName = "joint-sampling";

    public static RouteGroupBuilder MapSamplingApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/joint/sampling").WithTags("Joint monitoring");
        group.MapGet("/", List).WithCsv("events").WithName("ListSamplingEvents").WithSummary(
            $"Joint sampling events, newest first: ?section=, ?from=&to= (sampled), ?limit=1–{SamplingQuery.MaxLimit} (default {DefaultLimit}), ?cursor= (the answer's nextCursor; also in the Link header).");
        group.MapGet("/{id}", One).RecordsReceipt(SamplingKind).WithName("GetSamplingEvent")
            .WithSummary("One event with its results compared: laboratory against laboratory, and each station's hourly value at the sampling hour against their mean.");
        group.MapPost("/", Record).RequireAuthorization(new AuthorizeAttribute { Roles = $"{Policies.Of(Role.Operator)},{Policies.Of(Role.Coordinator)}" })
            .RequireAntiforgery().WithMetadata(new AuditedAs("joint.sampling.record")).WithName("RecordSamplingEvent").WithSummary(
                "Records an event {section, sampledAt (ISO 8601 with offset), place, samplers: [{side, name}], samples: [labels], attachments?: [sha-256 ids], note?}.");
        group.MapPost("/{id}/results", Import).RequireAuthorization(new AuthorizeAttribute
        {
            Roles = $"{Policies.Of(Role.Operator)},{Policies.Of(Role.Reviewer)},{Policies.Of(Role.Coordinator)}",
        }).RequireAntiforgery().WithMetadata(new AuditedAs("joint.sampling.results")).WithName("ImportSamplingResults").WithSummary(
            "Imports laboratory results as text/csv (UTF-8 or GBK): columns sample, laboratory, side, item, value (0.02L, ND with detectionLimit). "
            + "One bad line and nothing is applied; the answer names each bad line and why. A result replaces the earlier one of its sample, laboratory and item.");
        return group;
    }

    private static async Task<Results<Ok<SamplingPageDto>, ValidationProblem>> List(
        string? section, string? from, string? to, string? limit, string? cursor, PageCursors cursors, HttpContext context, ServerOptions options, ISamplingStore store,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (section is not null && options.Basin.FindSection(section) is null)
        {
            errors["section"] = [$"'{(section.Length > 64 ? section[..64] + "…" : section)}' is not a section of this basin"];
        }

        DateTimeOffset? start = from is null ? null : QueryTime.Parse(from, "from", default, errors);
        DateTimeOffset? end = to is null ? null : QueryTime.Parse(to, "to", default, errors);
        if (start is DateTimeOffset s && end is DateTimeOffset e)
        {
            QueryTime.CheckSpan(s, e, Longest, "10 years", errors);
        }

        int count = Paging.Limit(limit, DefaultLimit, SamplingQuery.MaxLimit, errors);
        string scope = PageScope.Of(section, from, to);
        long? after = NewestFirst.Before(cursors, ListName, scope, cursor, null, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        IReadOnlyList<SamplingEvent> page = await store.ListSamplingAsync(new SamplingQuery(count, section, start, end, after), cancellationToken);
        return TypedResults.Ok(new SamplingPageDto([.. page.Select(e => Dto(e, null))], new JointPager(cursor, cursors, context).Next(ListName, scope, page.Count, count, page.Count > 0 ? page[^1].Id : 0)));
    }

    private static async Task<Results<Ok<SamplingDto>, ProblemHttpResult, ValidationProblem>> One(
        string id, ISamplingStore store, SamplingComparer comparer, CancellationToken cancellationToken)
    {
        if (Paging.IdOf(id) is not long number)
        {
            return Paging.BadId("sampling event");
        }

        if (await store.FindSamplingAsync(number, cancellationToken) is not SamplingEvent e)
        {
            return BasinsApi.NotFoundProblem("sampling event", id);
        }

        return TypedResults.Ok(Dto(e, await comparer.CompareAsync(e, cancellationToken)));
    }

    private static async Task<Results<Created<SamplingDto>, ProblemHttpResult, ValidationProblem>> Record(
        SamplingRequest? request, HttpContext context, [AsParameters] SamplingServices services, JointSharing sharing)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        Basin basin = services.Register.Basin;
        var errors = new Dictionary<string, string[]>();
        SamplingEvent? draft = Check(request, basin, errors);
        if (draft is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        AuditActor actor = AccessDenials.ActorOf(context);
        string? jurisdiction = await JointAccess.JurisdictionOfAsync(context, services.Accounts, cancellationToken);
        string[] sides = [.. draft.Samplers.Select(s => s.Jurisdiction).Distinct()];
        if (SamplingRules.RefusalToRecord(JointAccess.RolesOf(context), actor.Organisation, jurisdiction, sides) is string refusal)
        {
            await AuditAsync(services, actor, "joint.sampling.record", "sampling", AuditOutcome.Refused, refusal, request, cancellationToken);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        IReadOnlyList<(string Field, string Message)> unreadable = await sharing.CheckAttachmentsAsync("attachments", request!.Attachments, actor.Organisation, cancellationToken);
        if (unreadable.Count > 0)
        {
            return TypedResults.ValidationProblem(unreadable.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));
        }

        SamplingEvent stored = await services.Store.CreateSamplingAsync(
            draft with { CreatedBy = actor.Name, Organisation = actor.Organisation, CreatedAt = services.Clock.GetUtcNow() }, cancellationToken);
        await AuditAsync(services, actor, "joint.sampling.record", Target(stored.Id), AuditOutcome.Done, null, request, cancellationToken);

        // Members of every organisation of the basin read every sampling event, and so its files.
        await sharing.DeliverAsync(SamplingKind, stored.Id.ToString(CultureInfo.InvariantCulture), stored.Attachments,
            [.. await sharing.BasinAsync(cancellationToken)], cancellationToken);
        return TypedResults.Created($"/api/v1/joint/sampling/{stored.Id}", Dto(stored, null));
    }

    private static async Task<Results<Ok<SamplingDto>, ProblemHttpResult, ValidationProblem>> Import(
        string id, HttpContext context, [AsParameters] SamplingServices services, SamplingComparer comparer)
    {
        CancellationToken cancellationToken = context.RequestAborted;
        if (Paging.IdOf(id) is not long number)
        {
            return Paging.BadId("sampling event");
        }

        if (context.Request.ContentType?.Split(';')[0].Trim() is not ("text/csv" or "text/plain"))
        {
            return TypedResults.Problem("Send the laboratory results as text/csv.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not CSV");
        }

        if (await ReadBodyAsync(context.Request, cancellationToken) is not byte[] bytes)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["file"] = [string.Create(CultureInfo.InvariantCulture, $"is larger than {MaxCsvBytes / 1024} KB")],
            });
        }

        TextDecodeResult text = TextFileDecoder.Decode(bytes);
        if (text.Text is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [text.Error!] });
        }

        if (await services.Store.FindSamplingAsync(number, cancellationToken) is not SamplingEvent e)
        {
            return BasinsApi.NotFoundProblem("sampling event", id);
        }

        LabResultsCsvResult parsed = LabResultsCsv.Parse(text.Text, e.Samples, [.. services.Register.Basin.Jurisdictions.Select(j => j.Id)]);
        if (!parsed.Success)
        {
            return TypedResults.ValidationProblem(
                parsed.Errors.GroupBy(x => string.Create(CultureInfo.InvariantCulture, $"line {x.Line}"))
                    .ToDictionary(g => g.Key, g => g.Select(x => x.Column > 0 ? $"column {x.Column} ({x.ColumnName}): {x.Message}" : x.Message).ToArray()),
                detail: "Nothing was applied: correct the lines named and send the whole file again.", title: "Bad laboratory results file");
        }

        AuditActor actor = AccessDenials.ActorOf(context);
        string? jurisdiction = await JointAccess.JurisdictionOfAsync(context, services.Accounts, cancellationToken);
        var summary = new { results = parsed.Results.Count, laboratories = parsed.Results.Select(r => r.Laboratory).Distinct().ToArray(), encoding = text.Encoding };
        if (SamplingRules.RefusalToImport(JointAccess.RolesOf(context), actor.Organisation, jurisdiction, parsed.Results) is string refusal)
        {
            await AuditAsync(services, actor, "joint.sampling.results", Target(e.Id), AuditOutcome.Refused, refusal, summary, cancellationToken);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");
        }

        IReadOnlyList<LabResult> merged = e.WithImported(parsed.Results);
        await services.Store.SetResultsAsync(e.Id, merged, cancellationToken);
        await AuditAsync(services, actor, "joint.sampling.results", Target(e.Id), AuditOutcome.Done, null, summary, cancellationToken);
        SamplingEvent updated = e with { Results = merged };
        return TypedResults.Ok(Dto(updated, await comparer.CompareAsync(updated, cancellationToken)));
    }

    // Reads at most MaxCsvBytes; null when the body is larger.
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxCsvBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        byte[] chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxCsvBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string Target(long id) => string.Create(CultureInfo.InvariantCulture, $"sampling/{id}");

    private static async Task AuditAsync(
        SamplingServices services, AuditActor actor, string action, string target, AuditOutcome outcome, string? reason, object? after, CancellationToken cancellationToken) =>
        await services.Audit.AppendAsync(AuditRecord.Create(services.Clock.GetUtcNow(), actor, action, target, outcome, reason, null,
            JsonSerializer.Serialize(after, JsonAnswer.Options)), cancellationToken);

    public static SamplingDto Dto(SamplingEvent e, IReadOnlyList<SampleItemComparison>? comparison) => new(
        e.Id, e.Section, e.SampledAt, e.Place, [.. e.Samplers.Select(s => new SamplerDto(s.Jurisdiction, s.Name))], [.. e.Samples], [.. e.Results.Select(Result)],
        [.. e.Attachments], e.Note, e.CreatedBy, e.Organisation, e.CreatedAt,
        comparison is null ? null : [.. comparison.Select(c => new SampleComparisonDto(c.Sample, c.Item.Id, [.. c.Results.Select(Result)],
            c.BetweenLaboratories?.Difference, c.BetweenLaboratories?.Exceeds, c.LaboratoryMean,
            [.. c.Stations.Select(s => new StationAtSamplingDto(s.Station, s.HourValue, s.AgainstLaboratories?.Difference, s.AgainstLaboratories?.Exceeds))],
            c.Tolerance is Tolerance t ? new ToleranceDto(t.Absolute, t.Relative, t.Describe()) : null))]);

    private static LabResultDto Result(LabResult r) => new(r.Sample, r.Laboratory, r.Jurisdiction, r.ItemId, r.Value, r.BelowLimit, r.Text);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex SampleLabel();

    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex AttachmentId();
}

/// <summary>What recording and importing need, bound by <c>[AsParameters]</c>.</summary>
internal sealed record SamplingServices(
    [FromServices] ISamplingStore Store, [FromServices] StationRegister Register, [FromServices] IAccountStore Accounts, [FromServices] IAuditStore Audit,
    [FromServices] TimeProvider Clock);
