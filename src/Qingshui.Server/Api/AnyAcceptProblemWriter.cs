using Microsoft.AspNetCore.Http;

namespace Qingshui.Server.Api;

/// <summary>
/// Writes a problem as <c>application/problem+json</c> whatever the request's <c>Accept</c> says. The default writer
/// declines when <c>Accept</c> names neither JSON nor problem+json (a caller asking for <c>text/csv</c> only), and the
/// refusal it was to carry (401, 403) then became a 500. Registered after the default, it answers only what that declines.
/// </summary>
internal sealed class AnyAcceptProblemWriter : IProblemDetailsWriter
{
    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new(context.HttpContext.Response.WriteAsJsonAsync(
            context.ProblemDetails, context.ProblemDetails.GetType(), options: null, contentType: "application/problem+json", context.HttpContext.RequestAborted));
    }
}
