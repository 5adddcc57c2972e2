namespace Qingshui.Domain.Import;

/// <summary>A problem in an input file: where (line and column, both from 1), which column, and what.</summary>
/// <param name="Line">Line number.</param>
/// <param name="Column">Column number (0 when the whole line is meant).</param>
/// <param name="ColumnName">The column's header.</param>
/// <param name="Message">What is wrong, with the offending text.</param>
public sealed record InputError(int Line, int Column, string? ColumnName, string Message)
{
    /// <summary>"file:line:column: column: message", as compilers write it.</summary>
    public string Describe(string file) =>
        Column > 0 ? $"{file}:{Line}:{Column}: {ColumnName}: {Message}" : $"{file}:{Line}: {Message}";
}
