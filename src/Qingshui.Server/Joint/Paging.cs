using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Qingshui.Server.Joint;

/// <summary>Cursor paging of the joint-monitoring lists: newest first by id, <c>?before=</c> the previous page's <c>next</c>.</summary>
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

    public static long? Before(string? text, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (IdOf(text) is not long id)
        {
            errors["before"] = ["must be an id (1 or more): the 'next' of the previous page"];
            return null;
        }

        return id;
    }

    // A full page may have more after it; the last id is the cursor. Ids start at 1, so nothing lies before id 1.
    public static long? Next(int count, int limit, long lastId) => count == limit && lastId > 1 ? lastId : null;

    public static long? IdOf(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long id) && id >= 1 ? id : null;

    public static ValidationProblem BadId(string what) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["id"] = [$"must be a {what} id (1 or more)"] });
}
