namespace Qingshui.Storage.Sqlite;

/// <summary>The SQLite schema steps, embedded as <c>Migrations/NNNN_name.sql</c>.</summary>
internal static class SqliteMigrations
{
    private const string Prefix = "Qingshui.Storage.Sqlite.Migrations.";

    public static IReadOnlyList<Migration> All { get; } = Load();

    private static Migration[] Load()
    {
        var assembly = typeof(SqliteMigrations).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n =>
            {
                string file = n[Prefix.Length..^".sql".Length];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!);
                return new Migration(int.Parse(file[..4], System.Globalization.CultureInfo.InvariantCulture), file[5..], reader.ReadToEnd());
            })
            .ToArray();
    }
}
