using System.Globalization;
using Npgsql;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// How the joint-work stores talk to PostgreSQL: one transaction per write on a pooled connection (what SQLite does
/// under its write lock, other nodes' writers settled by keys and row locks), reads on pooled connections, and times
/// as the ISO 8601 text SQLite keeps in these tables.
/// </summary>
public sealed partial class PostgresStore
{
    // One write in one transaction: committed whole, or not at all.
    private async Task<T> JointWriteAsync<T>(string operation, Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> write, CancellationToken cancellationToken)
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

    private async Task<IReadOnlyList<T>> JointQueryAsync<T>(string sql, Action<NpgsqlCommand> bind, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        try
        {
            await using NpgsqlCommand command = _source.CreateCommand(sql);
            bind(command);
            return await ReadJointRowsAsync(command, read, cancellationToken);
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, "reading joint records");
        }
    }

    private static NpgsqlCommand JointCommand(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql) => new(sql, connection, transaction);

    private static async Task<IReadOnlyList<T>> ReadJointRowsAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    // The same text SQLite's twin writes, so that a copied database reads back the same offsets.
    private static string JointTime(DateTimeOffset time) => time.ToString("o", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseJointTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static string JointDay(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseJointDay(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
