using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Qingshui.Server.Accounts;

/// <summary>The problem+json answers of sign-in and access control: each says what is missing and how to supply it.</summary>
internal static class AccessProblems
{
    public const string AntiforgeryHeader = "X-Qingshui-Antiforgery";

    public const string SignInRequired =
        "This needs a signed-in user: sign in with POST /api/v1/session {\"name\": …, \"password\": …}; the session cookie then goes with each request.";

    // One answer for every refusal: it must not tell a wrong password from an unknown, disabled or locked account.
    public const string SignInRefused =
        "The name or password is wrong, or the account may not sign in now (disabled, or locked after repeated failures).";

    public const string AntiforgeryMissing =
        $"A write with the session cookie must carry the antiforgery token in the {AntiforgeryHeader} header: get it from GET /api/v1/session/antiforgery (it also comes with the sign-in answer).";

    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
