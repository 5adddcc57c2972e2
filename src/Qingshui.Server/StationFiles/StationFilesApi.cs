using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using Qingshui.Hj212;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Server.Ingest;
using Qingshui.Server.Joint;
using Qingshui.Storage.StationFiles;

namespace Qingshui.Server.StationFiles;

/// <summary>A station file's metadata as the API shows it.</summary>
internal sealed record StationFileDto(
    long Id, string Station, string Command, string Kind, string RequestId, DateTimeOffset ReceivedAt, DateTimeOffset? DataTime, string AttachmentId,
    long Size, string MediaType, string FileName, IReadOnlyDictionary<string, string> Fields, int Parts, string Content);

/// <summary>
/// <c>/api/v1/stations/{mn}/files</c>: the files a station sent over HJ 212 (raw monitoring data such as spectra, multimedia),
/// newest first, for members (who read every station of the basin). The content is always a download: served with
/// <c>Content-Disposition: attachment</c>, <c>nosniff</c> and a sandboxing content security policy, so nothing a station sent
/// is ever shown as a page of ours.
/// </summary>
internal static class StationFilesApi
{
    internal static readonly PageList FilesList = new("station-files", 50, 200);

    public static RouteGroupBuilder MapStationFilesApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/stations").WithTags("Stations");
        group.MapGet("/{mn}/files", List).WithCsv().RequireAuthorization(Policies.Member).WithName("ListStationFiles")
            .WithSummary($"Files the station sent (HJ 212-2025 raw monitoring data 2013, multimedia when configured), newest first: kind, time, size, type, "
                + $"the command's fields. ?limit=1–{FilesList.MaxLimit} (default {FilesList.DefaultLimit}), ?cursor= from the Link header of the previous page.");
        group.MapGet("/{mn}/files/{id}", One).RequireAuthorization(Policies.Member).WithName("GetStationFile")
            .WithSummary("One file's metadata (its id as the list gives it); 404 for a file of another station.");
        group.MapGet("/{mn}/files/{id}/content", Content).RequireAuthorization(Policies.Member).WithName("GetStationFileContent")
            .WithSummary("The file's content, always as a download (Content-Disposition: attachment, nosniff).");
        return group;
    }

    private static async Task<Results<Ok<StationFileDto[]>, ValidationProblem, ProblemHttpResult>> List(
        string mn, string? cursor, string? limit, StationRegister register, IStationFileStore store, PageCursors cursors, HttpContext context,
        CancellationToken cancellationToken)
    {
        if (register.Find(mn) is null)
        {
            return BasinsApi.NotFoundProblem("station", mn);
        }

        var errors = new Dictionary<string, string[]>();
        string scope = PageScope.Of(mn);
        PageRequest page = PageRequest.Read(cursors, FilesList, scope, cursor, limit, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        long? before = page.After is [string id] ? long.Parse(id, CultureInfo.InvariantCulture) : null;
        IReadOnlyList<StationFile> rows = await store.StationFilesAsync(mn, before, page.Limit + 1, cancellationToken);
        if (rows.Count > page.Limit)
        {
            rows = [.. rows.Take(page.Limit)];
            PageRequest.LinkNext(context, cursors.Issue(FilesList.Name, scope, rows[^1].Id.ToString(CultureInfo.InvariantCulture)));
        }

        return TypedResults.Ok(rows.Select(Dto).ToArray());
    }

    private static async Task<Results<Ok<StationFileDto>, ValidationProblem, ProblemHttpResult>> One(
        string mn, string id, IStationFileStore store, CancellationToken cancellationToken) =>
        await FindAsync(mn, id, store, cancellationToken) switch
        {
            (StationFile file, _) => TypedResults.Ok(Dto(file)),
            (_, ValidationProblem invalid) => invalid,
            _ => BasinsApi.NotFoundProblem("station file", id),
        };

    private static async Task<Results<PhysicalFileHttpResult, ValidationProblem, ProblemHttpResult>> Content(
        string mn, string id, HttpContext context, AttachmentFiles files, IStationFileStore store, CancellationToken cancellationToken)
    {
        (StationFile? file, ValidationProblem? invalid) = await FindAsync(mn, id, store, cancellationToken);
        if (invalid is not null)
        {
            return invalid;
        }

        if (file is null)
        {
            return BasinsApi.NotFoundProblem("station file", id);
        }

        if (files.ContentPath(file.AttachmentId) is not string path)
        {
            return BasinsApi.NotFoundProblem("station file content", id);
        }

        // The content is the station's: never let a browser guess its type, show it inline or run it as a page of ours.
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(file.FileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.PhysicalFile(path, file.MediaType);
    }

    private static async Task<(StationFile? File, ValidationProblem? Invalid)> FindAsync(string mn, string id, IStationFileStore store, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long number) || number < 1)
        {
            return (null, TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = ["must be a station file id (1 or more)"] }));
        }

        return (await store.StationFileAsync(number, cancellationToken) is StationFile file && file.StationId == mn ? file : null, null);
    }

    private static StationFileDto Dto(StationFile f) => new(
        f.Id, f.StationId, f.Command, f.Kind, f.RequestId, f.ReceivedAt.ToOffset(Hj212Time.ChinaStandardOffset), f.DataTime, f.AttachmentId, f.Size, f.MediaType,
        f.FileName, JsonSerializer.Deserialize<Dictionary<string, string>>(f.Fields) ?? [], f.Parts,
        $"/api/v1/stations/{Uri.EscapeDataString(f.StationId)}/files/{f.Id}/content");
}
