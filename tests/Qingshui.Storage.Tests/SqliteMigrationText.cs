using Qingshui.Storage.Sqlite;

namespace Qingshui.Storage.Tests;

/// <summary>The text of one of the SQLite store's migrations, as embedded in its assembly.</summary>
internal static class SqliteMigrationText
{
    public static async Task<string> ReadAsync(string file, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(typeof(SqliteStore).Assembly.GetManifestResourceStream("Qingshui.Storage.Sqlite.Migrations." + file)
            ?? throw new InvalidOperationException($"No migration {file}"));
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
