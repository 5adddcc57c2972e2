using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Joint;
using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Sqlite;

/// <summary>How joint patrol records become rows: the record as JSON, and the columns lists filter on beside it.</summary>
public sealed partial class SqliteStore
{
    private static readonly JsonSerializerOptions BodyOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static (string Name, object Value)[] ChiefColumns(RiverChief chief) =>
    [
        ("reach", chief.Reach), ("bank", PatrolWords.Word(chief.Bank)), ("side", chief.Side), ("level", PatrolWords.Word(chief.Level)),
        ("term_from", Day(chief.TermFrom)), ("term_to", chief.TermTo is DateOnly to ? Day(to) : DBNull.Value), ("body", Body(chief)),
    ];

    private static (string Name, object Value)[] PatrolColumns(Patrol patrol) =>
    [
        ("day", Day(patrol.Date)), ("reach", patrol.Reach), ("sides", Sides(patrol.Sides)), ("body", Body(patrol)),
    ];

    private static (string Name, object Value)[] FindingColumns(Finding finding) =>
    [
        ("patrol", finding.Patrol), ("owner", finding.Owner), ("owner_side", (object?)finding.OwnerSide ?? DBNull.Value),
        ("deadline", finding.Deadline is DateOnly deadline ? Day(deadline) : DBNull.Value), ("closed", finding.Closing is null ? 0 : 1),
        ("recorded_on", Day(Finding.DayInChina(finding.RecordedAt))), ("body", Body(finding)),
    ];

    private static (string Name, object Value)[] CaseColumns(EnforcementCase c) =>
    [
        ("parties", Sides(c.Parties)), ("jurisdiction", c.Jurisdiction), ("status", PatrolWords.Word(c.Status)),
        ("referred", c.PendingReferral is null ? 0 : 1), ("opened_on", Day(Finding.DayInChina(c.OpenedAt))), ("body", Body(c)),
    ];

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Sides(IEnumerable<string> sides) => "," + string.Join(",", sides) + ",";

    private static string Body<T>(T record) => JsonSerializer.Serialize(record, BodyOptions);

    // The record as written, with the row's id (the body is written before the id is known).
    private static T Read<T>(SqliteDataReader reader)
        where T : class
    {
        long id = reader.GetInt64(0);
        object record = JsonSerializer.Deserialize<T>(reader.GetString(1), BodyOptions)!;
        return (T)(record switch
        {
            RiverChief chief => chief with { Id = id },
            Patrol patrol => patrol with { Id = id },
            Finding finding => finding with { Id = id },
            EnforcementCase found => found with { Id = id },
            _ => record,
        });
    }

    private static long Insert(SqliteConnection connection, SqliteTransaction transaction, string table, (string Name, object Value)[] columns)
    {
        using SqliteCommand insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select(c => "$" + c.Name))}) RETURNING id";
        foreach ((string name, object value) in columns)
        {
            insert.Parameters.AddWithValue("$" + name, value);
        }

        return (long)insert.ExecuteScalar()!;
    }

    // Read-modify-write under the write lock: the change sees the row as it is, and nothing else writes in between.
    private Task<StoredChange<T>?> ChangeAsync<T>(
        string table, long id, Func<T, T?> change, Func<T, (string Name, object Value)[]> columns, CancellationToken cancellationToken)
        where T : class =>
        InAccountTransactionAsync<StoredChange<T>?>($"changing a row of {table}", (connection, transaction) =>
        {
            if (ReadInTransaction(connection, transaction, $"SELECT id, body FROM {table} WHERE id = $id", "$id", id.ToString(CultureInfo.InvariantCulture), Read<T>)
                is not [T current])
            {
                return null;
            }

            if (change(current) is not T changed)
            {
                return new StoredChange<T>(current, null);
            }

            (string Name, object Value)[] values = columns(changed);
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = $"UPDATE {table} SET {string.Join(", ", values.Select(c => $"{c.Name} = ${c.Name}"))} WHERE id = $id";
            foreach ((string name, object value) in values)
            {
                update.Parameters.AddWithValue("$" + name, value);
            }

            update.Parameters.AddWithValue("$id", id);
            update.ExecuteNonQuery();
            return new StoredChange<T>(current, changed);
        }, cancellationToken);

    // One page, newest first: the common filters (side, from, to, before) are named in the condition; bind adds the rest.
    private Task<IReadOnlyList<T>> ListAsync<T>(string table, string condition, JointQuery query, Action<SqliteCommand> bind, CancellationToken cancellationToken)
        where T : class =>
        QueryAsync($"SELECT id, body FROM {table} WHERE {condition} AND ($before IS NULL OR id < $before) ORDER BY id DESC LIMIT $limit", command =>
        {
            command.Parameters.AddWithValue("$side", (object?)query.Side ?? DBNull.Value);
            command.Parameters.AddWithValue("$from", query.From is DateOnly from ? Day(from) : DBNull.Value);
            command.Parameters.AddWithValue("$to", query.To is DateOnly to ? Day(to) : DBNull.Value);
            command.Parameters.AddWithValue("$before", query.Before is long before ? before : DBNull.Value);
            command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, JointQuery.MaxLimit));
            bind(command);
        }, Read<T>, cancellationToken);
}
