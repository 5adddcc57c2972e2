using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Qingshui.Cli.Copy;

/// <summary>
/// Moves every row of a SQLite store into a PostgreSQL one by binary COPY, in one transaction (a failed copy leaves the
/// target as it was), then checks each table on both sides. Insert triggers are off while rows arrive: the rows copied
/// are the history as it was, and tables that triggers keep (counts) come from the file, not twice. The database's owner
/// may run it; no superuser is needed.
/// </summary>
internal sealed partial class DatabaseCopier(SqliteConnection source, NpgsqlConnection target, int batchRows)
{
    /// <summary>The tables that already hold rows in PostgreSQL.</summary>
    public async Task<IReadOnlyList<string>> NonEmptyAsync(IReadOnlyList<CopyTable> tables, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        foreach (CopyTable table in tables)
        {
            await using var command = new NpgsqlCommand($"SELECT EXISTS (SELECT 1 FROM {Quote(table.Name)})", target);
            if (await command.ExecuteScalarAsync(cancellationToken) is true)
            {
                found.Add(table.Name);
            }
        }

        return found;
    }

    /// <summary>Copies every table's rows and sets sequences past the copied ids; returns the rows copied per table.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CopyAsync(IReadOnlyList<CopyTable> tables, CancellationToken cancellationToken)
    {
        var copied = new Dictionary<string, long>(StringComparer.Ordinal);
        await using NpgsqlTransaction transaction = await target.BeginTransactionAsync(cancellationToken);
        IReadOnlyList<(string Table, string Trigger)> disabled = await DisableInsertTriggersAsync(tables, cancellationToken);
        foreach (CopyTable table in await ParentsFirstAsync(tables, cancellationToken))
        {
            if (table.Partitioned)
            {
                await EnsurePartitionsAsync(table, cancellationToken);
            }

            copied[table.Name] = await CopyRowsAsync(table, cancellationToken);
        }

        await AdvanceSequencesAsync(cancellationToken);
        await EnableTriggersAsync(disabled, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return copied;
    }

    /// <summary>Counts and checksums one table on both sides.</summary>
    public async Task<TableVerdict> VerifyAsync(CopyTable table, CancellationToken cancellationToken)
    {
        string columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        await using SqliteCommand read = source.CreateCommand();
        read.CommandText = $"SELECT {columns} FROM {Quote(table.Name)} ORDER BY {string.Join(", ", table.Key.Select(c => Quote(c.Name)))}";
        (long sourceRows, string sourceSum) = await ChecksumAsync(await read.ExecuteReaderAsync(cancellationToken), table, fromSqlite: true, cancellationToken);

        // Text keys in byte order and NULLs first: the order SQLite's BINARY collation gives.
        string order = string.Join(", ", table.Key.Select(c => Quote(c.Name) + (c.Kind.IsText ? " COLLATE \"C\"" : "") + " NULLS FIRST"));
        await using var query = new NpgsqlCommand($"SELECT {columns} FROM {Quote(table.Name)} ORDER BY {order}", target);
        (long targetRows, string targetSum) = await ChecksumAsync(await query.ExecuteReaderAsync(cancellationToken), table, fromSqlite: false, cancellationToken);
        return new TableVerdict(table.Name, sourceRows, targetRows, sourceSum, targetSum);
    }

    private async Task<long> CopyRowsAsync(CopyTable table, CancellationToken cancellationToken)
    {
        string columns = string.Join(", ", table.Columns.Select(c => Quote(c.Name)));
        await using SqliteCommand read = source.CreateCommand();
        read.CommandText = $"SELECT {columns} FROM {Quote(table.Name)}";
        await using SqliteDataReader reader = await read.ExecuteReaderAsync(cancellationToken);
        long rows = 0;
        bool more = await reader.ReadAsync(cancellationToken);
        while (more)
        {
            // One COPY per batch keeps each statement's buffers bounded; they share the one transaction.
            await using NpgsqlBinaryImporter importer = await target.BeginBinaryImportAsync(
                $"COPY {Quote(table.Name)} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
            for (int n = 0; more && n < batchRows; n++)
            {
                await importer.StartRowAsync(cancellationToken);
                for (int i = 0; i < table.Columns.Count; i++)
                {
                    CopyColumn column = table.Columns[i];
                    object? value;
                    try
                    {
                        value = column.Kind.FromSqlite(reader.GetValue(i));
                    }
                    catch (Exception e) when (e is FormatException or OverflowException)
                    {
                        throw new FormatException($"{table.Name}.{column.Name}, row {rows + 1}: {e.Message}", e);
                    }

                    if (value is null)
                    {
                        await importer.WriteNullAsync(cancellationToken);
                    }
                    else
                    {
                        await importer.WriteAsync(value, column.Kind.DbType, cancellationToken);
                    }
                }

                rows++;
                more = await reader.ReadAsync(cancellationToken);
            }

            await importer.CompleteAsync(cancellationToken);
        }

        return rows;
    }

    // A partitioned table takes rows only for months that have a partition: its own function (<table>_ensure_partitions)
    // makes those the file's rows need, from the least to the greatest partition key.
    private async Task EnsurePartitionsAsync(CopyTable table, CancellationToken cancellationToken)
    {
        await using var keyQuery = new NpgsqlCommand(
            "SELECT a.attname FROM pg_partitioned_table p JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = p.partattrs[0] WHERE p.partrelid = $1::regclass",
            target);
        keyQuery.Parameters.AddWithValue(table.Name);
        if (await keyQuery.ExecuteScalarAsync(cancellationToken) is not string key || !table.Columns.Any(c => c.Name == key))
        {
            return;
        }

        await using var function = new NpgsqlCommand("SELECT to_regprocedure($1) IS NOT NULL", target);
        function.Parameters.AddWithValue($"{table.Name}_ensure_partitions(bigint,bigint)");
        if (await function.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return;
        }

        await using SqliteCommand span = source.CreateCommand();
        span.CommandText = $"SELECT MIN({Quote(key)}), MAX({Quote(key)}) FROM {Quote(table.Name)}";
        await using SqliteDataReader reader = await span.ExecuteReaderAsync(cancellationToken);
        if (await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0))
        {
            await using var ensure = new NpgsqlCommand($"SELECT {Quote(table.Name + "_ensure_partitions")}($1, $2)", target);
            ensure.Parameters.AddWithValue(reader.GetInt64(0));
            ensure.Parameters.AddWithValue(reader.GetInt64(1));
            await ensure.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // Every sequence a column draws from (identity or a nextval default, possibly shared by several tables) is set past
    // the largest id now in any of its columns, so the next row written by a node does not collide with a copied one.
    private async Task AdvanceSequencesAsync(CancellationToken cancellationToken)
    {
        var uses = new List<(string Table, string Column, string Sequence)>();
        await using (var command = new NpgsqlCommand(
            """
            SELECT table_name, column_name, COALESCE(pg_get_serial_sequence(quote_ident(table_name), column_name), column_default)
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND (is_identity = 'YES' OR column_default LIKE 'nextval(%')
            """, target))
        {
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                string sequence = reader.GetString(2);
                Match named = NextvalDefault().Match(sequence);
                uses.Add((reader.GetString(0), reader.GetString(1), named.Success ? named.Groups[1].Value : sequence));
            }
        }

        foreach (IGrouping<string, (string Table, string Column, string Sequence)> sequence in uses.GroupBy(u => u.Sequence))
        {
            long? largest = null;
            foreach ((string table, string column, _) in sequence)
            {
                await using var max = new NpgsqlCommand($"SELECT MAX({Quote(column)})::bigint FROM {Quote(table)}", target);
                if (await max.ExecuteScalarAsync(cancellationToken) is long value && (largest is null || value > largest))
                {
                    largest = value;
                }
            }

            if (largest is long top && top > 0)
            {
                await using var set = new NpgsqlCommand(
                    "SELECT setval($1::regclass, GREATEST($2, COALESCE(pg_sequence_last_value($1::regclass), 0)))", target);
                set.Parameters.AddWithValue(sequence.Key);
                set.Parameters.AddWithValue(top);
                await set.ExecuteNonQueryAsync(cancellationToken);
            }
        }
    }

    private static async Task<(long Rows, string Checksum)> ChecksumAsync(
        System.Data.Common.DbDataReader reader, CopyTable table, bool fromSqlite, CancellationToken cancellationToken)
    {
        await using (reader)
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var row = new StringBuilder();
            long rows = 0;
            while (await reader.ReadAsync(cancellationToken))
            {
                row.Clear();
                for (int i = 0; i < table.Columns.Count; i++)
                {
                    object value = reader.GetValue(i);
                    ColumnKind.Render(fromSqlite ? table.Columns[i].Kind.FromSqlite(value) : value, row);
                }

                row.Append('\u001E');
                hash.AppendData(Encoding.UTF8.GetBytes(row.ToString()));
                rows++;
            }

            return (rows, Convert.ToHexStringLower(hash.GetHashAndReset()));
        }
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, target);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Only names SchemaMatch let through (plain lowercase identifiers) reach here.
    private static string Quote(string name) => "\"" + name + "\"";

    [GeneratedRegex(@"^nextval\('([^']+)'::regclass\)$")]
    private static partial Regex NextvalDefault();
}
