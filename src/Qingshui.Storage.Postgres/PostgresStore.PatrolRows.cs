using System.Text.Json;
using System.Text.Json.Serialization;
using Npgsql;
using Qingshui.Domain.Joint;
using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Postgres;

/// <summary>How joint patrol records become rows: the record as JSON, and the columns lists filter on beside it (as SQLite's twin writes them).</summary>
public sealed partial class PostgresStore
{
    // The record as written, with the row's id.
    private static T ReadPatrolRecord<T>(NpgsqlDataReader reader)
        where T : class => PatrolRows.Read<T>(reader.GetInt64(0), reader.GetString(1));

    // Table and column names come from this file's constants, never from outside; every value is a parameter.
    private static async Task<long> InsertPatrolRecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string table, (string Name, object Value)[] columns, CancellationToken cancellationToken)
    {
        await using NpgsqlCommand insert = JointCommand(connection, transaction,
            $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select(c => "@" + c.Name))}) RETURNING id");
        foreach ((string name, object value) in columns)
        {
            AddPatrolValue(insert, name, value);
        }

        return (long)(await insert.ExecuteScalarAsync(cancellationToken))!;
    }

    // Read-modify-write with the row locked (FOR UPDATE): a node changing the same record at once waits, then sees this
    // change, as SQLite's single writer gives.
    private Task<StoredChange<T>?> ChangePatrolRecordAsync<T>(
        string table, long id, Func<T, T?> change, Func<T, (string Name, object Value)[]> columns, CancellationToken cancellationToken)
        where T : class =>
        JointWriteAsync<StoredChange<T>?>($"changing a row of {table}", async (connection, transaction) =>
        {
            await using NpgsqlCommand select = JointCommand(connection, transaction, $"SELECT id, body FROM {table} WHERE id = @id FOR UPDATE");
            select.Parameters.AddWithValue("id", id);
            if (await ReadJointRowsAsync(select, ReadPatrolRecord<T>, cancellationToken) is not [T current])
            {
                return null;
            }

            if (change(current) is not T changed)
            {
                return new StoredChange<T>(current, null);
            }

            (string Name, object Value)[] values = columns(changed);
            await using NpgsqlCommand update = JointCommand(connection, transaction,
                $"UPDATE {table} SET {string.Join(", ", values.Select(c => $"{c.Name} = @{c.Name}"))} WHERE id = @id");
            foreach ((string name, object value) in values)
            {
                AddPatrolValue(update, name, value);
            }

            update.Parameters.AddWithValue("id", id);
            await update.ExecuteNonQueryAsync(cancellationToken);
            return new StoredChange<T>(current, changed);
        }, cancellationToken);

    // One page, newest first: the common filters (side, from, to, before) are named in the condition; bind adds the rest.
    private Task<IReadOnlyList<T>> ListPatrolRecordsAsync<T>(string table, string condition, JointQuery query, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
        where T : class =>
        JointQueryAsync($"SELECT id, body FROM {table} WHERE {condition} AND (@before::bigint IS NULL OR id < @before) ORDER BY id DESC LIMIT @limit", command =>
        {
            command.Parameters.AddWithValue("side", (object?)query.Side ?? DBNull.Value);
            command.Parameters.AddWithValue("from", query.From is DateOnly from ? JointDay(from) : DBNull.Value);
            command.Parameters.AddWithValue("to", query.To is DateOnly to ? JointDay(to) : DBNull.Value);
            command.Parameters.AddWithValue("before", query.Before is long before ? before : DBNull.Value);
            command.Parameters.AddWithValue("limit", Math.Clamp(query.Limit, 1, JointQuery.MaxLimit));
            bind(command);
        }, ReadPatrolRecord<T>, cancellationToken);

    // A null column value is typed as text: each nullable column here is.
    private static void AddPatrolValue(NpgsqlCommand command, string name, object value)
    {
        if (value is DBNull)
        {
            command.Parameters.Add(new NpgsqlParameter(name, NpgsqlTypes.NpgsqlDbType.Text) { Value = DBNull.Value });
        }
        else
        {
            command.Parameters.AddWithValue(name, value);
        }
    }
}
