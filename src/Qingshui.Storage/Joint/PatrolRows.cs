using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Qingshui.Domain.Joint;

namespace Qingshui.Storage.Joint;

/// <summary>
/// How joint patrol records become rows on every backend: the record as JSON in <c>body</c>, and beside it the columns
/// lists filter on. One layout for both stores, so a row copies between them as it is.
/// </summary>
public static class PatrolRows
{
    private static readonly JsonSerializerOptions BodyOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>A river chief's columns.</summary>
    public static (string Name, object Value)[] Chief(RiverChief chief) =>
    [
        ("reach", chief.Reach), ("bank", PatrolWords.Word(chief.Bank)), ("side", chief.Side), ("level", PatrolWords.Word(chief.Level)),
        ("term_from", Day(chief.TermFrom)), ("term_to", chief.TermTo is DateOnly to ? Day(to) : DBNull.Value), ("body", Body(chief)),
    ];

    /// <summary>A patrol's columns.</summary>
    public static (string Name, object Value)[] Patrol(Patrol patrol) =>
    [
        ("day", Day(patrol.Date)), ("reach", patrol.Reach), ("sides", Sides(patrol.Sides)), ("body", Body(patrol)),
    ];

    /// <summary>A finding's columns.</summary>
    public static (string Name, object Value)[] Finding(Finding finding) =>
    [
        ("patrol", finding.Patrol), ("owner", finding.Owner), ("owner_side", (object?)finding.OwnerSide ?? DBNull.Value),
        ("deadline", finding.Deadline is DateOnly deadline ? Day(deadline) : DBNull.Value), ("closed", finding.Closing is null ? 0 : 1),
        ("recorded_on", Day(Domain.Joint.Finding.DayInChina(finding.RecordedAt))), ("body", Body(finding)),
    ];

    /// <summary>An enforcement case's columns.</summary>
    public static (string Name, object Value)[] Case(EnforcementCase c) =>
    [
        ("parties", Sides(c.Parties)), ("jurisdiction", c.Jurisdiction), ("status", PatrolWords.Word(c.Status)),
        ("referred", c.PendingReferral is null ? 0 : 1), ("opened_on", Day(Domain.Joint.Finding.DayInChina(c.OpenedAt))), ("body", Body(c)),
    ];

    /// <summary>A day as the day columns keep it (ISO, so text order is time order).</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A list of sides as one text that a side filter matches with <c>LIKE '%,side,%'</c>.</summary>
    public static string Sides(IEnumerable<string> sides) => "," + string.Join(",", sides) + ",";

    /// <summary>The record as written, with the row's id (the body is written before the id is known).</summary>
    public static T Read<T>(long id, string body)
        where T : class
    {
        object record = JsonSerializer.Deserialize<T>(body, BodyOptions)!;
        return (T)(record switch
        {
            RiverChief chief => chief with { Id = id },
            Patrol patrol => patrol with { Id = id },
            Finding finding => finding with { Id = id },
            EnforcementCase found => found with { Id = id },
            _ => record,
        });
    }

    /// <summary>The record as the <c>body</c> column keeps it.</summary>
    public static string Body<T>(T record) => JsonSerializer.Serialize(record, BodyOptions);
}
