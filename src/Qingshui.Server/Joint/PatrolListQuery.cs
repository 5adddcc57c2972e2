using System.Globalization;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Joint;

/// <summary>The filters every joint patrol list takes: <c>?basin=&amp;side=&amp;from=&amp;to=&amp;limit=&amp;cursor=</c>, checked into a store query.</summary>
internal static class PatrolListQuery
{
    public const int DefaultLimit = 50;

    /// <summary>The common part of a list query, or the errors naming each bad parameter (added to <paramref name="errors"/>).</summary>
    /// <remarks>The cursor is bound to <paramref name="list"/> and <paramref name="scope"/> (every filter of the list).</remarks>
    public static JointQuery Parse(
        Basin basin, string? basinId, string? side, string? from, string? to, string? limit, JointPager pager, string list, string scope, List<PatrolError> errors)
    {
        if (basinId is not null && basinId != basin.Id)
        {
            errors.Add(new PatrolError("basin", $"'{Shown(basinId)}' is not the basin of this server ({basin.Id})"));
        }

        string? checkedSide = side is null ? null : PatrolChecks.Side("side", side, basin, errors);
        DateOnly? fromDay = PatrolChecks.Date("from", from, required: false, errors);
        DateOnly? toDay = PatrolChecks.Date("to", to, required: false, errors);
        if (fromDay is DateOnly f && toDay is DateOnly t && t <= f)
        {
            errors.Add(new PatrolError("to", "must be after from"));
        }

        int pageSize = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize is < 1 or > JointQuery.MaxLimit))
        {
            errors.Add(new PatrolError("limit", string.Create(CultureInfo.InvariantCulture, $"must be a whole number 1–{JointQuery.MaxLimit}")));
        }

        long? cursor = pager.Before(list, scope, (field, message) => errors.Add(new PatrolError(field, message)));
        return new JointQuery(pageSize, checkedSide, fromDay, toDay, cursor);
    }

    /// <summary><c>true</c>/<c>false</c>, or an error.</summary>
    public static bool? Flag(string field, string? value, List<PatrolError> errors)
    {
        switch (value)
        {
            case null: return null;
            case "true": return true;
            case "false": return false;
            default:
                errors.Add(new PatrolError(field, "must be true or false"));
                return null;
        }
    }

    /// <summary>The cursor of the next page (after the last id) when the page is full, linked as the next page.</summary>
    public static string? Next<T>(JointPager pager, string list, string scope, IReadOnlyList<T> page, int limit, Func<T, long> id) =>
        page.Count > 0 ? pager.Next(list, scope, page.Count, limit, id(page[^1])) : null;

    private static string Shown(string text) => text.Length > 64 ? text[..64] + "…" : text;
}
