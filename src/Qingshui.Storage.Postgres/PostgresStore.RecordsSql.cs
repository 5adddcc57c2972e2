using Npgsql;

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
