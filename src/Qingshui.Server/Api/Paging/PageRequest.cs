using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Qingshui.Server.Api.Paging;

/// <summary>
/// One page asked of a list: how many items (<c>?limit=</c>, bounded) and after which key (<c>?cursor=</c>, from the
/// previous answer). Every list reads its page this way, and answers the next one in a <c>Link: &lt;…&gt;; rel="next"</c>
/// header (and, where its answer is an object, in its <c>nextCursor</c>).
/// </summary>
/// <param name="Limit">Items asked for.</param>
/// <param name="After">The key of the last item of the previous page, or <c>null</c> for the first page.</param>
internal sealed record PageRequest(int Limit, string[]? After)
{
    /// <summary>Reads <c>cursor</c> and <c>limit</c>; a bad one becomes an error naming it.</summary>
    public static PageRequest Read(
        PageCursors cursors, PageList list, string scope, string? cursor, string? limit, Dictionary<string, string[]> errors)
    {
        int size = list.DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > list.MaxLimit))
        {
            errors["limit"] = [string.Create(CultureInfo.InvariantCulture, $"must be a whole number 1–{list.MaxLimit} (default {list.DefaultLimit})")];
        }

        string[]? after = null;
        if (cursor is not null)
        {
            if (cursors.TryRead(list.Name, scope, cursor, list.KeyCount, out string[] keys, out string error))
            {
                after = keys;
            }
            else
            {
                errors["cursor"] = [error];
            }
        }

        return new PageRequest(size, after);
    }

    /// <summary>Says where the next page is: a <c>Link</c> header repeating this request's query with the new cursor.</summary>
    public static void LinkNext(HttpContext context, string cursor)
    {
        var query = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
        foreach ((string key, StringValues value) in context.Request.Query)
        {
            query[key] = value;
        }

        query["cursor"] = cursor;
        string target = context.Request.PathBase + context.Request.Path + QueryString.Create(query);
        context.Response.Headers.Append("Link", $"<{target}>; rel=\"next\"");
    }

    /// <summary>
    /// A page of a list held in memory, in the ordinal order of <paramref name="key"/>: the items after the cursor's key,
    /// and the cursor of the next page when more follow.
    /// </summary>
    public (T[] Items, string? Next) Slice<T>(PageCursors cursors, PageList list, string scope, IEnumerable<T> items, Func<T, string> key)
    {
        string? after = After?[0];
        T[] page = [.. items.Select(i => (Item: i, Key: key(i)))
            .Where(x => after is null || string.CompareOrdinal(x.Key, after) > 0)
            .OrderBy(x => x.Key, StringComparer.Ordinal).Take(Limit + 1).Select(x => x.Item)];
        return page.Length > Limit ? (page[..Limit], cursors.Issue(list.Name, scope, key(page[Limit - 1]))) : (page, null);
    }
}

/// <summary>A paged list: its name (cursors are bound to it), its page sizes, and how many parts its key has.</summary>
internal sealed record PageList(string Name, int DefaultLimit, int MaxLimit, int KeyCount = 1);

/// <summary>Lists kept newest first by an increasing id (alerts, incidents, notices, the audit log): the cursor holds the last id answered.</summary>
internal static class NewestFirst
{
    /// <summary>The id to continue before, from <c>?cursor=</c> (or the older <c>?before=</c>, which it replaces); <c>null</c> for the first page.</summary>
    public static long? Before(PageCursors cursors, string list, string scope, string? cursor, long? before, Dictionary<string, string[]> errors)
    {
        if (cursor is null)
        {
            return before;
        }

        if (before is not null)
        {
            errors["cursor"] = ["cannot be given with 'before': the cursor already says where the page starts"];
            return null;
        }

        if (!cursors.TryRead(list, scope, cursor, 1, out string[] keys, out string error))
        {
            errors["cursor"] = [error];
            return null;
        }

        return long.Parse(keys[0], NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>The cursor after <paramref name="lastId"/> when the page was full (more may follow), linked as the next page.</summary>
    public static string? Next(PageCursors cursors, HttpContext context, string list, string scope, int count, int limit, long lastId)
    {
        if (count < limit || lastId <= 1)
        {
            return null;
        }

        string next = cursors.Issue(list, scope, lastId.ToString(CultureInfo.InvariantCulture));
        PageRequest.LinkNext(context, next);
        return next;
    }
}

/// <summary>The filters a cursor is bound to, as one text: a cursor from one filter is refused under another.</summary>
internal static class PageScope
{
    public static string Of(params string?[] filters) => string.Join('\u001f', filters.Select(f => f ?? "\u0000"));
}
