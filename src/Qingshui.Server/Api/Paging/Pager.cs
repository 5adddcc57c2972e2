using Microsoft.AspNetCore.Http;

namespace Qingshui.Server.Api.Paging;

/// <summary>What a list handler takes to page: <c>?cursor=</c> and <c>?limit=</c>, the cursors, and the exchange to link the next page on.</summary>
/// <param name="Cursor">The <c>cursor</c> of the previous answer.</param>
/// <param name="Limit">Items per page.</param>
/// <param name="Cursors">Issues and reads cursors.</param>
/// <param name="Context">The request, to link the next page.</param>
internal sealed record Pager(string? Cursor, string? Limit, PageCursors Cursors, HttpContext Context)
{
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
            PageRequest.LinkNext(Context, next);
        }

        return next;
    }
}
