using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Joint;
using Qingshui.Server.Accounts;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Joint;

/// <summary>The joint records' shared answers: field errors as validation problems, ids and dates from the URL, audit entries.</summary>
internal static class JointProblems
{
    public static ValidationProblem Invalid(IEnumerable<JointError> errors) =>
        TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));

    public static ValidationProblem Invalid(string field, string message) => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static long? IdOf(string text) =>
        text.Length <= 18 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && id >= 1 ? id : null;

    public static DateOnly? DateOf(string? text, string field, List<JointError> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date) && date.Year is >= 2000 and <= 2100)
        {
            return date;
        }

        errors.Add(new(field, $"'{(text.Length > 20 ? text[..20] + "…" : text)}' is not a date yyyy-MM-dd (2000–2100)"));
        return null;
    }

    public static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Appends an audit entry for a joint write (refused ones carry their reason).</summary>
    public static Task AuditAsync(
        IAuditStore audit, TimeProvider clock, HttpContext context, string action, string target, object? before, object? after, string? refusal,
        CancellationToken cancellationToken) =>
        audit.AppendAsync(AuditRecord.Create(clock.GetUtcNow(), AccessDenials.ActorOf(context), action, target,
            refusal is null ? AuditOutcome.Done : AuditOutcome.Refused, refusal, Json(before), Json(after)), cancellationToken);

    public static ProblemHttpResult Forbidden(string detail) => TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");

    private static string? Json(object? value) => value is null ? null : JsonSerializer.Serialize(value, Api.JsonAnswer.Options);
}
