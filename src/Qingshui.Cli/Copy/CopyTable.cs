namespace Qingshui.Cli.Copy;

/// <summary>One table both databases have, with the columns a copy carries and the order rows are compared in.</summary>
/// <param name="Name">The table's name (the same on both sides).</param>
/// <param name="Columns">Every column, in SQLite's order, with the type PostgreSQL gives it.</param>
/// <param name="Key">The primary key's columns in key order; every column when the table has none.</param>
/// <param name="Partitioned">Whether the PostgreSQL table is partitioned (its partitions are made before rows arrive).</param>
internal sealed record CopyTable(string Name, IReadOnlyList<CopyColumn> Columns, IReadOnlyList<CopyColumn> Key, bool Partitioned);

/// <summary>A column of a <see cref="CopyTable"/>.</summary>
internal sealed record CopyColumn(string Name, ColumnKind Kind);

/// <summary>What the copy found for one table.</summary>
/// <param name="Table">The table.</param>
/// <param name="SourceRows">Rows in the SQLite file.</param>
/// <param name="TargetRows">Rows in PostgreSQL after the copy.</param>
/// <param name="SourceChecksum">SHA-256 of the SQLite rows in key order, rendered canonically (hex).</param>
/// <param name="TargetChecksum">The same over the PostgreSQL rows.</param>
internal sealed record TableVerdict(string Table, long SourceRows, long TargetRows, string SourceChecksum, string TargetChecksum)
{
    public bool Matches => SourceRows == TargetRows && SourceChecksum == TargetChecksum;
}
