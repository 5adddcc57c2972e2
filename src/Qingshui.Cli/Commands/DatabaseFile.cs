namespace Qingshui.Cli.Commands;

/// <summary>Checks a database path before the server opens it, so a wrong path is one line, not a stack trace or a stray folder.</summary>
internal static class DatabaseFile
{
    /// <summary>The first 16 bytes of every SQLite 3 database file.</summary>
    private static ReadOnlySpan<byte> SqliteHeader => "SQLite format 3\0"u8;

    /// <summary>Why the path cannot be used, with the exit code to give; <c>null</c> when it can (an existing database or a new file in an existing folder).</summary>
    public static (string Message, int ExitCode)? Problem(string path, string option)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            return ($"{option}: {full} is a folder; give a database file", ExitCodes.Usage);
        }

        // The file is created when missing, its folder never: a typo in a path must not leave folders behind.
        string? folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            return ($"{option}: the folder {folder} does not exist; create it first (the database file itself is created)", ExitCodes.Usage);
        }

        if (File.Exists(full) && !IsSqliteOrEmpty(full))
        {
            return ($"{option}: {full} is not a SQLite database", ExitCodes.InvalidInput);
        }

        return null;
    }

    private static bool IsSqliteOrEmpty(string path)
    {
        try
        {
            using FileStream file = File.OpenRead(path);
            Span<byte> header = stackalloc byte[SqliteHeader.Length];
            int read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            return read == 0 || (read == header.Length && header.SequenceEqual(SqliteHeader));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable here: let the store report it when it tries.
            return true;
        }
    }
}
