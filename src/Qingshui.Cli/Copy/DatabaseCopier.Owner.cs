using Npgsql;

namespace Qingshui.Cli.Copy;

/// <summary>
/// What lets the database's owner copy, without a superuser: the insert triggers of the copied tables are disabled by
/// name inside the copy's transaction (an owner may; <c>session_replication_role</c> and <c>DISABLE TRIGGER ALL</c>
/// need a superuser) and enabled again before it commits, and tables are filled parents first, since foreign keys
/// stay checked.
/// </summary>
internal sealed partial class DatabaseCopier
{
    /// <summary>
    /// Turns off the triggers that fire on INSERT into the copied tables (the counts they keep are copied from the file);
    /// returns them, to be turned on again. Only insert triggers: COPY fires no other. <c>ALTER TABLE</c> also locks each
    /// table until the copy ends, so no node writes meanwhile with its triggers off.
    /// </summary>
    private async Task<IReadOnlyList<(string Table, string Trigger)>> DisableInsertTriggersAsync(IReadOnlyList<CopyTable> tables, CancellationToken cancellationToken)
    {
        var found = new List<(string Table, string Trigger)>();
        await using (var query = new NpgsqlCommand(
            """
            SELECT c.relname, t.tgname
            FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
            WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1) AND NOT t.tgisinternal
              AND t.tgparentid = 0 AND t.tgenabled <> 'D' AND (t.tgtype & 4) <> 0
            ORDER BY c.relname, t.tgname
            """, target))
        {
            query.Parameters.AddWithValue(tables.Select(t => t.Name).ToArray());
            await using NpgsqlDataReader reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach ((string table, string trigger) in found)
        {
            await ExecuteAsync($"ALTER TABLE {Quote(table)} DISABLE TRIGGER {Quote(trigger)}", cancellationToken);
        }

        return found;
    }

    private async Task EnableTriggersAsync(IReadOnlyList<(string Table, string Trigger)> triggers, CancellationToken cancellationToken)
    {
        foreach ((string table, string trigger) in triggers)
        {
            await ExecuteAsync($"ALTER TABLE {Quote(table)} ENABLE TRIGGER {Quote(trigger)}", cancellationToken);
        }
    }

    /// <summary>The tables in an order that fills every table a foreign key refers to before the tables referring to it.</summary>
    private async Task<IReadOnlyList<CopyTable>> ParentsFirstAsync(IReadOnlyList<CopyTable> tables, CancellationToken cancellationToken)
    {
        var parents = tables.ToDictionary(t => t.Name, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        await using (var query = new NpgsqlCommand(
            """
            SELECT child.relname, parent.relname
            FROM pg_constraint k JOIN pg_class child ON child.oid = k.conrelid JOIN pg_class parent ON parent.oid = k.confrelid
            WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace
            """, target))
        {
            await using NpgsqlDataReader reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                string child = reader.GetString(0), parent = reader.GetString(1);
                if (child != parent && parents.TryGetValue(child, out HashSet<string>? of) && parents.ContainsKey(parent))
                {
                    of.Add(parent);
                }
            }
        }

        var ordered = new List<CopyTable>(tables.Count);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < tables.Count)
        {
            // Each round places every table whose parents are placed, in the given order; a cycle (none today) keeps the rest as given.
            CopyTable[] ready = [.. tables.Where(t => !placed.Contains(t.Name) && parents[t.Name].IsSubsetOf(placed))];
            if (ready.Length == 0)
            {
                ready = [.. tables.Where(t => !placed.Contains(t.Name))];
            }

            ordered.AddRange(ready);
            placed.UnionWith(ready.Select(t => t.Name));
        }

        return ordered;
    }
}
