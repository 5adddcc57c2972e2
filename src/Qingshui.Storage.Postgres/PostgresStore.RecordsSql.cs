using Npgsql;
using NpgsqlTypes;

namespace Qingshui.Storage.Postgres;

/// <summary>How the ledger, audit, incident and notice files read and write: one connection per call, one transaction per write.</summary>
public sealed partial class PostgresStore
{
    private async Task<IReadOnlyList<T>> QueryRecordsAsync<T>(
        string operation, string sql, Action<NpgsqlCommand> bind, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        try
        {
            await using NpgsqlConnection connection = await _source.OpenConnectionAsync(cancellationToken);
            await using NpgsqlCommand command = RecordSql.Command(connection, null, sql);
            bind(command);
            return await RecordSql.ReadAllAsync(command, read, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, operation);
        }
    }

    // Read committed, as every write here is guarded by a row lock, an advisory lock or a unique index rather than by isolation.
    private async Task<T> InRecordsTransactionAsync<T>(
        string operation, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        try
        {
            await using NpgsqlConnection connection = await _source.OpenConnectionAsync(cancellationToken);
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
            T result = await write(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, operation);
        }
    }
}

/// <summary>Commands with typed parameters (a null needs its type, or PostgreSQL cannot tell what <c>@x IS NULL</c> compares).</summary>
internal static class RecordSql
{
    public static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql) => new(sql, connection, transaction);

    public static NpgsqlCommand Add(this NpgsqlCommand command, string name, NpgsqlDbType type, object? value)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type) { Value = value ?? DBNull.Value });
        return command;
    }

    public static async Task<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public static string? NullableText(NpgsqlDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
