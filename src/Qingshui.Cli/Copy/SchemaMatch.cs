using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Qingshui.Cli.Copy;

/// <summary>
/// Reads both schemas and pairs their tables: every SQLite table (but the migration log, which each backend keeps for its
/// own steps) must exist in PostgreSQL with the same column names, in a type the copy carries. What does not fit is
/// listed, and nothing is copied.
/// </summary>
internal static partial class SchemaMatch
{
    public static async Task<(IReadOnlyList<CopyTable> Tables, IReadOnlyList<string> Problems)> PairAsync(
        SqliteConnection source, NpgsqlConnection target, CancellationToken cancellationToken)
    {
        var tables = new List<CopyTable>();
        var problems = new List<string>();
        foreach (string name in await SqliteTablesAsync(source, cancellationToken))
        {
            if (!PlainName().IsMatch(name))
            {
                problems.Add($"{name}: a table name the copy does not quote");
                continue;
            }

            IReadOnlyList<(string Column, int KeyOrder)> sqliteColumns = await SqliteColumnsAsync(source, name, cancellationToken);
            (Dictionary<string, string> pgColumns, bool partitioned) = await PostgresColumnsAsync(target, name, cancellationToken);
            if (pgColumns.Count == 0)
            {
                problems.Add($"{name}: no such table in PostgreSQL (its migration is not in this build)");
                continue;
            }

            var columns = new List<CopyColumn>();
            foreach ((string column, _) in sqliteColumns)
            {
                if (!PlainName().IsMatch(column))
                {
                    problems.Add($"{name}.{column}: a column name the copy does not quote");
                }
                else if (!pgColumns.TryGetValue(column, out string? type))
                {
                    problems.Add($"{name}.{column}: no such column in PostgreSQL");
                }
                else if (ColumnKind.For(type) is not ColumnKind kind)
                {
                    problems.Add($"{name}.{column}: PostgreSQL type {type} is not one the copy carries");
                }
                else
                {
                    columns.Add(new CopyColumn(column, kind));
                }
            }

            foreach (string extra in pgColumns.Keys.Where(c => sqliteColumns.All(s => s.Column != c)))
            {
                problems.Add($"{name}.{extra}: only in PostgreSQL");
            }

            List<CopyColumn> key = [.. sqliteColumns.Where(c => c.KeyOrder > 0).OrderBy(c => c.KeyOrder)
                .Select(c => columns.FirstOrDefault(k => k.Name == c.Column)).OfType<CopyColumn>()];
            tables.Add(new CopyTable(name, columns, key.Count > 0 ? key : columns, partitioned));
        }

        return (tables, problems);
    }

    private static async Task<List<string>> SqliteTablesAsync(SqliteConnection source, CancellationToken cancellationToken)
    {
        await using SqliteCommand command = source.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name";
        var names = new List<string>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static async Task<List<(string, int)>> SqliteColumnsAsync(SqliteConnection source, string table, CancellationToken cancellationToken)
    {
        await using SqliteCommand command = source.CreateCommand();
        command.CommandText = "SELECT name, pk FROM pragma_table_info($table) ORDER BY cid";
        command.Parameters.AddWithValue("$table", table);
        var columns = new List<(string, int)>();
        await using SqliteDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            columns.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return columns;
    }

    private static async Task<(Dictionary<string, string>, bool)> PostgresColumnsAsync(NpgsqlConnection target, string table, CancellationToken cancellationToken)
    {
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var command = new NpgsqlCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            target))
        {
            command.Parameters.AddWithValue(table);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                columns[reader.GetString(0)] = reader.GetString(1);
            }
        }

        await using var kind = new NpgsqlCommand(
            "SELECT c.relkind = 'p' FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relname = $1", target);
        kind.Parameters.AddWithValue(table);
        return (columns, await kind.ExecuteScalarAsync(cancellationToken) is true);
    }

    // Names from the source file are put into SQL text (COPY cannot bind them): only plain lowercase identifiers pass.
    [GeneratedRegex("^[a-z_][a-z0-9_]{0,62}$")]
    private static partial Regex PlainName();
}
