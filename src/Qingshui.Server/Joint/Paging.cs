using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Qingshui.Server.Api.Paging;

namespace Qingshui.Server.Joint;

/// <summary>
/// Paging of the joint lists as every list of the API pages: newest first by id, <c>?cursor=</c> the previous answer's
/// <c>nextCursor</c> (sealed by <see cref="PageCursors"/>, bound to the list and its filters), the next page also in a
/// <c>Link: &lt;…&gt;; rel="next"</c> header.
/// </summary>
/// <param name="Cursor">The <c>cursor</c> query parameter.</param>
/// <param name="Cursors">Issues and reads cursors.</param>
/// <param name="Context">The request, to link the next page.</param>
internal sealed record JointPager(string? Cursor, PageCursors Cursors, HttpContext Context)
{
    /// <summary>The id to continue before, or <c>null</c> for the first page; a bad cursor adds an error naming <c>cursor</c>.</summary>
    public long? Before(string list, string scope, Action<string, string> error)
    {
        var errors = new Dictionary<string, string[]>();
        long? before = NewestFirst.Before(Cursors, list, scope, Cursor, null, errors);
        foreach ((string field, string[] messages) in errors)
        {
            error(field, messages[0]);
        }

        return before;
    }

    /// <summary>The cursor after <paramref name="lastId"/> when the page was full (more may follow), linked as the next page.</summary>
    public string? Next(string list, string scope, int count, int limit, long lastId) =>
        count > 0 ? NewestFirst.Next(Cursors, Context, list, scope, count, limit, lastId) : null;
}

/// <summary>Limits and ids of the joint-monitoring lists.</summary>
internal static class Paging
{
    public static int Limit(string? text, int fallback, int max, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return fallback;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int limit) || limit < 1 || limit > max)
        {
            errors["limit"] = [string.Create(CultureInfo.InvariantCulture, $"must be a whole number 1–{max}")];
            return fallback;
        }

        return limit;
    }

    public static long? IdOf(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && id >= 1 ? id : null;

    public static ValidationProblem BadId(string what) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"must be a {what} id (1 or more)"] });
}
