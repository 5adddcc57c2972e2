using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Qingshui.Storage.Sqlite;

/// <summary>
/// SQLite's column getters called on the statement's raw pointer. Through SQLitePCL each call takes and releases the
/// statement's SafeHandle, which at six columns a row costs more than SQLite's own work over a year of readings; the
/// scan holds the handle for the whole statement, so the pointer stays valid. The getters neither block nor call back,
/// so they skip the GC transition too.
/// </summary>
internal static partial class ScanColumns
{
    private const string Library = "e_sqlite3";

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial long Int64(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_int")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial int Int32(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_double")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    public static partial double Double(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_blob")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    private static partial nint Blob(nint statement, int column);

    [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    [SuppressGCTransition]
    private static partial int Bytes(nint statement, int column);

    /// <summary>Steps the statement (may read the file: no GC transition skipped).</summary>
    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Step(nint statement);

    /// <summary>A text or blob column's bytes, valid until the next step.</summary>
    public static unsafe ReadOnlySpan<byte> Span(nint statement, int column)
    {
        nint data = Blob(statement, column);
        return data == 0 ? [] : new ReadOnlySpan<byte>((void*)data, Bytes(statement, column));
    }
}
