using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Qingshui.Domain.Access;
using Qingshui.Domain.Joint;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// <c>/api/v1/joint/attachments</c>: photos, PDFs and texts (minutes, CSV, GPX, GeoJSON) kept by content hash. Any member but a
/// viewer uploads (multipart, field <c>file</c>; optional <c>share</c>: organisation ids, default every organisation of the
/// basin); only members of an organisation it is shared with fetch it. Images are served inline, everything else as a download,
/// always with <c>nosniff</c> and a sandboxing content security policy.
/// </summary>
internal static class AttachmentsApi
{
    public const string AttachmentKind = "attachment";

    // Room for the multipart framing and the share field around the file itself.
    private const long FormOverhead = 64 * 1024;

    public static RouteGroupBuilder MapAttachmentsApi(this IEndpointRouteBuilder routes)
    {
        RouteGroupBuilder group = routes.MapGroup("/api/v1/joint/attachments").WithTags("Joint work");
        var uploaders = new AuthorizeAttribute
        {
            Roles = string.Join(",", new[] { Role.Operator, Role.Reviewer, Role.Finance, Role.Coordinator, Role.Admin }.Select(Policies.Of)),
        };
        group.MapPost("/", Upload).RequireAuthorization(uploaders).RequireAntiforgery().WithMetadata(new AuditedAs("joint.attachment.upload"))
            .WithName("UploadAttachment").WithSummary("multipart/form-data: file (JPEG, PNG, PDF, or UTF-8 .txt/.csv/.gpx/.geojson), share? (comma-separated organisation ids). "
                + "Too large: 413; not an accepted type by content: 415; both problem+json naming the field 'file'.");
        group.MapGet("/{id}", Content).RequireAuthorization(Policies.Member).RecordsReceipt(AttachmentKind).WithName("GetAttachment")
            .WithSummary("The attachment's content, to members of an organisation it is shared with (else 403).");
        group.MapGet("/{id}/thumbnail", Thumbnail).RequireAuthorization(Policies.Member).WithName("GetAttachmentThumbnail")
            .WithSummary("A JPEG thumbnail of an image attachment (256 px on its longest side).");
        group.MapGet("/{id}/meta", Meta).RequireAuthorization(Policies.Member).WithName("GetAttachmentMeta")
            .WithSummary("The attachment's metadata: name, type, size, who uploaded it, with whom it is shared.");
        return group;
    }

    private static async Task<Results<Created<AttachmentDto>, ProblemHttpResult, ValidationProblem>> Upload(
        HttpContext context, AttachmentFiles files, [AsParameters] JointServices services, CancellationToken cancellationToken)
    {
        long max = services.Options.JointMeetings.MaxAttachmentBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = max + FormOverhead;
        }

        if (context.Request.ContentLength > max + FormOverhead)
        {
            return TooLarge(max);
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out MediaTypeHeaderValue? type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
        {
            return JointProblems.Invalid("file", "send multipart/form-data with a part named 'file'");
        }

        IReadOnlySet<string> organisations = await services.Organisations.AllAsync(cancellationToken);
        string uploader = SessionClaims.OrganisationOf(context.User);
        var reader = new MultipartReader(boundary, context.Request.Body) { HeadersLengthLimit = 16 * 1024, BodyLengthLimit = max + 1 };
        string[]? share = null;
        AttachmentUpload? upload = null;
        string? fileName = null;
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is MultipartSection section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out ContentDispositionHeaderValue? disposition))
                {
                    continue;
                }

                string name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (name == "share" && share is null)
                {
                    using var text = new StreamReader(section.Body);
                    char[] buffer = new char[4096];
                    int read = await text.ReadBlockAsync(buffer, cancellationToken);
                    share = [.. new string(buffer, 0, read).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
                }
                else if (name == "file" && upload is null)
                {
                    fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    if (AttachmentContent.FileNameRefusal(fileName) is string badName)
                    {
                        return JointProblems.Invalid("file", "its file name " + badName);
                    }

                    upload = await files.SaveAsync(section.Body, fileName!, cancellationToken);
                    if (upload.Id is null)
                    {
                        return upload.Status == StatusCodes.Status413PayloadTooLarge ? TooLarge(max) : Unsupported(upload.Refusal!);
                    }
                }
            }
        }
        catch (InvalidDataException) when (upload is null)
        {
            // The multipart reader's own limit (the file past the size limit) or a malformed body.
            return TooLarge(max);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(max);
        }

        if (upload is null)
        {
            return JointProblems.Invalid("file", "is required: a part named 'file' with a file name");
        }

        string[] unknown = [.. (share ?? []).Where(o => !organisations.Contains(o))];
        if (unknown.Length > 0)
        {
            return JointProblems.Invalid("share", $"'{string.Join("', '", unknown.Take(5))}' is not an organisation of the basin ({string.Join(", ", organisations.Order(StringComparer.Ordinal))})");
        }

        (StoredAttachment stored, bool added) = await services.Attachments.AddAttachmentAsync(new StoredAttachment(upload.Id!, fileName!, upload.Verdict!.MediaType,
            upload.Size, SessionClaims.Name(context.User), uploader, services.Clock.GetUtcNow(), share ?? [.. organisations]), cancellationToken);
        await services.Receipts.DeliverAsync(services.Clock, AttachmentKind, stored.Id, share ?? [.. organisations], cancellationToken);
        await JointProblems.AuditAsync(services.Audit, services.Clock, context, "joint.attachment.upload", $"attachment/{stored.Id}", null,
            new { fileName, stored.MediaType, stored.Size, added, share = share ?? [.. organisations] }, null, cancellationToken);
        return TypedResults.Created($"/api/v1/joint/attachments/{stored.Id}", View(stored, files));
    }

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult, ValidationProblem>> Content(
        string id, HttpContext context, AttachmentFiles files, IAttachmentStore store, CancellationToken cancellationToken)
    {
        if (await AllowedAsync(id, context, store, cancellationToken) is not StoredAttachment attachment)
        {
            return await RefusalAsync(id, context, store, cancellationToken);
        }

        if (files.ContentPath(id) is not string path)
        {
            return BasinsApi.NotFoundProblem("attachment content", id);
        }

        bool image = attachment.MediaType is "image/jpeg" or "image/png";
        Protect(context);
        var disposition = new ContentDispositionHeaderValue(image ? "inline" : "attachment");
        disposition.SetHttpFileName(attachment.FileName);
        context.Response.Headers.ContentDisposition = disposition.ToString();
        return TypedResults.PhysicalFile(path, attachment.MediaType);
    }

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult, ValidationProblem>> Thumbnail(
        string id, HttpContext context, AttachmentFiles files, IAttachmentStore store, CancellationToken cancellationToken)
    {
        if (await AllowedAsync(id, context, store, cancellationToken) is null)
        {
            return await RefusalAsync(id, context, store, cancellationToken);
        }

        if (files.ThumbnailPath(id) is not string path)
        {
            return BasinsApi.NotFoundProblem("thumbnail (the attachment is not an image)", id);
        }

        Protect(context);
        return TypedResults.PhysicalFile(path, "image/jpeg");
    }

    private static async Task<Results<Ok<AttachmentDto>, ProblemHttpResult, ValidationProblem>> Meta(
        string id, HttpContext context, AttachmentFiles files, IAttachmentStore store, CancellationToken cancellationToken)
    {
        if (await AllowedAsync(id, context, store, cancellationToken) is StoredAttachment attachment)
        {
            return TypedResults.Ok(View(attachment, files));
        }

        return (await RefusalAsync(id, context, store, cancellationToken)).Result switch
        {
            ValidationProblem invalid => invalid,
            ProblemHttpResult problem => problem,
            _ => BasinsApi.NotFoundProblem(AttachmentKind, id),
        };
    }

    private static async Task<StoredAttachment?> AllowedAsync(string id, HttpContext context, IAttachmentStore store, CancellationToken cancellationToken) =>
        AttachmentIds.IsValid(id) && await store.FindAttachmentAsync(id, cancellationToken) is StoredAttachment found
            && found.SharedWith.Contains(SessionClaims.OrganisationOf(context.User), StringComparer.Ordinal) ? found : null;

    private static async Task<Results<PhysicalFileHttpResult, ProblemHttpResult, ValidationProblem>> RefusalAsync(
        string id, HttpContext context, IAttachmentStore store, CancellationToken cancellationToken)
    {
        if (!AttachmentIds.IsValid(id))
        {
            return JointProblems.Invalid("id", "must be an attachment id (64 lowercase hex digits)");
        }

        return await store.FindAttachmentAsync(id, cancellationToken) is null
            ? BasinsApi.NotFoundProblem(AttachmentKind, id)
            : JointProblems.Forbidden($"The attachment is not shared with your organisation '{SessionClaims.OrganisationOf(context.User)}'.");
    }

    // The content is the uploader's: never let a browser guess its type or run it as a page of ours.
    private static void Protect(HttpContext context)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
    }

    internal static AttachmentDto View(StoredAttachment a, AttachmentFiles files) =>
        new(a.Id, a.FileName, a.MediaType, a.Size, a.UploadedBy, a.Organisation, a.UploadedAt, [.. a.SharedWith], files.ThumbnailPath(a.Id) is not null);

    private static ProblemHttpResult TooLarge(long max) => TypedResults.Problem(
        string.Create(CultureInfo.InvariantCulture, $"file: is larger than the limit of {max} bytes ({max / (1024.0 * 1024):0.#} MB); nothing was stored."),
        statusCode: StatusCodes.Status413PayloadTooLarge, title: "Attachment too large",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["file"] = [$"is larger than {max} bytes"] } });

    private static ProblemHttpResult Unsupported(string refusal) => TypedResults.Problem(
        $"file: {refusal}; nothing was stored.", statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Attachment type not accepted",
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["file"] = [refusal] } });
}
