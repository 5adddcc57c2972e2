using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Qingshui.Server.Api.Paging;

/// <summary>What a list handler takes to page: <c>?cursor=</c> and <c>?limit=</c>, the cursors, and the exchange to link the next page on.</summary>
internal sealed record Pager
{
    /// <summary>The <c>cursor</c> of the previous answer.</summary>
    public string? Cursor { get; init; }

    /// <summary>Items per page.</summary>
    public string? Limit { get; init; }

    /// <summary>Issues and reads cursors.</summary>
    [FromServices]
    public required PageCursors Cursors { get; init; }

    /// <summary>The request, to link the next page.</summary>
    public required HttpContext Exchange { get; init; }

    public PageRequest Read(PageList list, string scope, Dictionary<string, string[]> errors) =>
        PageRequest.Read(Cursors, list, scope, Cursor, Limit, errors);

    /// <summary>A page of an in-memory list in the ordinal order of <paramref name="key"/>, with the next page linked.</summary>
    public T[] Slice<T>(PageRequest page, PageList list, string scope, IEnumerable<T> items, Func<T, string> key)
    {
        (T[] slice, string? next) = page.Slice(Cursors, list, scope, items, key);
        Link(next);
        return slice;
    }

    /// <summary>Links the next page when there is one; says the cursor back.</summary>
    public string? Link(string? next)
    {
        if (next is not null)
        {
            PageRequest.LinkNext(Exchange, next);
        }

        return next;
    }
}
