using Npgsql;
using NpgsqlTypes;
using static Qingshui.Storage.Postgres.AccountRows;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// The plumbing of the account, station, command and alert files: reads on pooled connections, and each write in one
/// transaction of its own, as SQLite does each on its writer. Parameters are always bound.
/// </summary>
public sealed partial class PostgresStore
{
    // Rows of one query, on a pooled connection outside any transaction.
    private async Task<IReadOnlyList<T>> AccountRowsAsync<T>(
        string operation, string sql, Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        try
        {
            await using NpgsqlConnection connection = await _source.OpenConnectionAsync(cancellationToken);
            return await RowsOnAsync(connection, sql, bind, read, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, operation);
        }
    }

    // One write in one transaction, committed before the result is returned (synchronous commit: durable when it returns).
    private async Task<T> AccountWriteAsync<T>(string operation, Func<NpgsqlConnection, Task<T>> write, CancellationToken cancellationToken)
    {
        try
        {
            await using NpgsqlConnection connection = await _source.OpenConnectionAsync(cancellationToken);
            await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
            T result = await write(connection);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, operation);
        }
    }
}

/// <summary>Statements and values shared by the account, station, command and alert files.</summary>
internal static class AccountRows
{
    // Rows read on a connection (inside its transaction when one is open).
    internal static async Task<IReadOnlyList<T>> RowsOnAsync<T>(
        NpgsqlConnection connection, string sql, Action<NpgsqlParameterCollection> bind, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command.Parameters);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    // A statement on a connection; the number of rows it changed.
    internal static async Task<int> ChangeOnAsync(NpgsqlConnection connection, string sql, Action<NpgsqlParameterCollection> bind, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command.Parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // A parameter that may be NULL needs its type spelled out: PostgreSQL cannot infer one from a NULL.
    internal static NpgsqlParameter Maybe(string name, NpgsqlDbType type, object? value) =>
        new(name, type) { Value = value ?? DBNull.Value };

    internal static T? FirstOrNull<T>(IReadOnlyList<T> rows) where T : class => rows.Count == 0 ? null : rows[0];

    internal static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);

    internal static DateTimeOffset? Time(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    internal static string? TextOrNull(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
