using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Qingshui.Server.Accounts;
using Qingshui.Server.Api.Csv;
using Qingshui.Server.Api.Paging;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// <c>GET /api/v1/joint/attachments</c>: the attachments shared with the reader's organisation, the list behind
/// <c>/api/v1/joint/attachments/{id}/meta</c>, a page at a time in the order of their ids (content hashes).
/// </summary>
internal static class AttachmentListApi
{
    private static readonly PageList ListName = new("joint-attachments", 100, 500);

    public static RouteHandlerBuilder MapAttachmentListApi(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/v1/joint/attachments", List).WithCsv().RequireAuthorization(Policies.Member).WithTags("Joint work")
            .WithName("ListAttachments").WithSummary(
                "The metadata of the attachments shared with the reader's organisation, by id: ?limit=1–500 (default 100), ?cursor= (from the Link header of the previous page).");

    private static async Task<Results<Ok<AttachmentDto[]>, ValidationProblem>> List(
        [AsParameters] Pager pager, HttpContext context, AttachmentFiles files, IAttachmentStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        string organisation = SessionClaims.OrganisationOf(context.User);
        string scope = PageScope.Of(organisation);
        PageRequest page = pager.Read(ListName, scope, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // One more than the page tells whether another page follows.
        IReadOnlyList<StoredAttachment> found = await store.ListAttachmentsAsync(organisation, page.After?[0], page.Limit + 1, cancellationToken);
        StoredAttachment[] slice = [.. found.Take(page.Limit)];
        pager.Link(found.Count > page.Limit ? pager.Cursors.Issue(ListName.Name, scope, slice[^1].Id) : null);
        return TypedResults.Ok(slice.Select(a => AttachmentsApi.View(a, files)).ToArray());
    }
}
