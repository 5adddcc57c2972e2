using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Qingshui.Storage.Sqlite;

/// <summary>
/// A statement prepared once on the writer's connection and bound by position, for the two statements run per
/// reading and per packet. Microsoft.Data.Sqlite binds parameters by name on every execution, which at hundreds of
/// thousands of rows a second costs more than SQLite's own work.
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle!;
        int rc = raw.sqlite3_prepare_v3(_database, sql, raw.SQLITE_PREPARE_PERSISTENT, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _database);
    }

    public void Bind(int index, long value) => Check(raw.sqlite3_bind_int64(_statement, index, value));

    public void Bind(int index, double value) => Check(raw.sqlite3_bind_double(_statement, index, value));

    public void Bind(int index, string? value) => Check(value is null ? raw.sqlite3_bind_null(_statement, index) : raw.sqlite3_bind_text(_statement, index, value));

    public void Bind(int index, double? value) => Check(value is double v ? raw.sqlite3_bind_double(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));

    public void Bind(int index, long? value) => Check(value is long v ? raw.sqlite3_bind_int64(_statement, index, v) : raw.sqlite3_bind_null(_statement, index));

    public void Bind(int index, ReadOnlySpan<byte> value) => Check(raw.sqlite3_bind_blob(_statement, index, value));

    /// <summary>Runs the statement; returns the number of rows it changed.</summary>
    public int Execute()
    {
        int rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
        }

        return raw.sqlite3_changes(_database);
    }

    /// <summary>
    /// Runs a statement with a RETURNING clause of one integer column; returns whether it gave a row, and the first
    /// row's value.
    /// </summary>
    public bool ExecuteReturning(out long value)
    {
        value = 0;
        bool returned = false;
        int rc;
        while ((rc = raw.sqlite3_step(_statement)) == raw.SQLITE_ROW)
        {
            if (!returned)
            {
                value = raw.sqlite3_column_int64(_statement, 0);
                returned = true;
            }
        }

        raw.sqlite3_reset(_statement);
        if (rc != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
        }

        return returned;
    }

    public void Dispose() => _statement.Dispose();

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc, _database);
        }
    }
}
