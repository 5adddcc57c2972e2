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
    // The record as written, with the row's id.
    private static T Read<T>(SqliteDataReader reader)
        where T : class => PatrolRows.Read<T>(reader.GetInt64(0), reader.GetString(1));

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
            command.Parameters.AddWithValue("$from", query.From is DateOnly from ? PatrolRows.Day(from) : DBNull.Value);
            command.Parameters.AddWithValue("$to", query.To is DateOnly to ? PatrolRows.Day(to) : DBNull.Value);
            command.Parameters.AddWithValue("$before", query.Before is long before ? before : DBNull.Value);
            command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, JointQuery.MaxLimit));
            bind(command);
        }, Read<T>, cancellationToken);
}
