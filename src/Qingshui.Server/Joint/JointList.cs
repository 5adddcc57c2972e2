using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Qingshui.Domain.Joint;
using Qingshui.Server.Api.Paging;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// What every joint patrol list (river chiefs, patrols, findings, cases) reads the same way, bound with
/// <c>[AsParameters]</c>: <c>?basin=&amp;side=&amp;from=&amp;to=&amp;limit=&amp;cursor=</c>, and what it needs to page.
/// </summary>
internal sealed record JointListQuery
{
    public string? Basin { get; init; }
    public string? Side { get; init; }
    public string? From { get; init; }
    public string? To { get; init; }
    public string? Limit { get; init; }
    public string? Cursor { get; init; }

    [FromServices]
    public required PageCursors Cursors { get; init; }
    public required HttpContext Context { get; init; }

    [FromServices]
    public required PatrolDesk Desk { get; init; }


    /// <summary>
    /// Checks the common filters and the cursor into a store query; the list's own <paramref name="filters"/> (as sent)
    /// bind the cursor too, so a cursor is refused with other filters than those it was issued for.
    /// </summary>
    public JointList Open(string list, params string?[] filters) => new(this, list, PageScope.Of([Basin, Side, From, To, .. filters]));
}

/// <summary>One asking of a joint list: its store query, the errors found so far, and the cursor of the page after.</summary>
internal sealed class JointList
{
    private readonly JointPager _pager;
    private readonly string _list;
    private readonly string _scope;

    internal JointList(JointListQuery query, string list, string scope)
    {
        _pager = new JointPager(query.Cursor, query.Cursors, query.Context);
        _list = list;
        _scope = scope;
        Query = PatrolListQuery.Parse(query.Desk.Basin, query.Basin, query.Side, query.From, query.To, query.Limit, _pager, list, scope, Errors);
    }

    /// <summary>The common part of the store query (meaningful when <see cref="Errors"/> is empty).</summary>
    public JointQuery Query { get; }

    /// <summary>Each bad parameter: the common ones, and those the list adds while reading its own.</summary>
    public List<PatrolError> Errors { get; } = [];

    /// <summary>A 400 naming every bad parameter, or <c>null</c> when there is none.</summary>
    public ValidationProblem? Invalid => Errors.Count > 0 ? PatrolDesk.Invalid(Errors) : null;

    /// <summary>The cursor of the next page when this one is full (also linked as the next page).</summary>
    public string? Next<T>(IReadOnlyList<T> page, Func<T, long> id) => PatrolListQuery.Next(_pager, _list, _scope, page, Query.Limit, id);
}
