using System.Globalization;
using NpgsqlTypes;

namespace Qingshui.Cli.Copy;

/// <summary>
/// How one column's values travel: the PostgreSQL type the target declares decides what a SQLite value becomes, and both
/// sides' values are rendered through <see cref="Render"/> for the checksum, so equal content gives equal bytes.
/// </summary>
internal sealed record ColumnKind(string PostgresType, NpgsqlDbType DbType)
{
    /// <summary>The kind for a PostgreSQL <c>information_schema.columns.data_type</c>, or <c>null</c> for one a copy does not carry.</summary>
    public static ColumnKind? For(string dataType) => dataType switch
    {
        "bigint" => new(dataType, NpgsqlDbType.Bigint),
        "integer" => new(dataType, NpgsqlDbType.Integer),
        "smallint" => new(dataType, NpgsqlDbType.Smallint),
        "numeric" => new(dataType, NpgsqlDbType.Numeric),
        "double precision" => new(dataType, NpgsqlDbType.Double),
        "real" => new(dataType, NpgsqlDbType.Real),
        "text" => new(dataType, NpgsqlDbType.Text),
        "character varying" => new(dataType, NpgsqlDbType.Varchar),
        "bytea" => new(dataType, NpgsqlDbType.Bytea),
        "boolean" => new(dataType, NpgsqlDbType.Boolean),
        "jsonb" => new(dataType, NpgsqlDbType.Jsonb),
        "json" => new(dataType, NpgsqlDbType.Json),
        _ => null,
    };

    public bool IsText => DbType is NpgsqlDbType.Text or NpgsqlDbType.Varchar;

    /// <summary>A SQLite value (long, double, string, byte[] or DBNull) as the target column takes it.</summary>
    /// <exception cref="FormatException">The value cannot be that type (e.g. text in an integer column).</exception>
    public object? FromSqlite(object value) => value switch
    {
        DBNull => null,
        _ => DbType switch
        {
            NpgsqlDbType.Bigint => ToLong(value),
            NpgsqlDbType.Integer => checked((int)ToLong(value)),
            NpgsqlDbType.Smallint => checked((short)ToLong(value)),
            NpgsqlDbType.Numeric => value switch
            {
                long l => (decimal)l,
                double d => (decimal)d,
                string s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture),
                _ => throw Mismatch(value),
            },
            NpgsqlDbType.Double => value switch { long l => (double)l, double d => d, _ => throw Mismatch(value) },
            NpgsqlDbType.Real => value switch { long l => (float)l, double d => (float)d, _ => throw Mismatch(value) },
            NpgsqlDbType.Boolean => ToLong(value) != 0,
            NpgsqlDbType.Bytea => value as byte[] ?? throw Mismatch(value),
            _ => value switch
            {
                string s => s,
                long l => l.ToString(CultureInfo.InvariantCulture),
                double d => d.ToString("R", CultureInfo.InvariantCulture),
                _ => throw Mismatch(value),
            },
        },
    };

    /// <summary>
    /// Appends one value in the checksum's canonical form: a tag, then the value (integers of any width alike, decimals
    /// without trailing zeros, doubles round-trippable, text and bytes with their length), so no two values share bytes.
    /// </summary>
    public static void Render(object? value, System.Text.StringBuilder into)
    {
        switch (value)
        {
            case null or DBNull:
                into.Append('N');
                break;
            case long or int or short:
                into.Append('i').Append(Convert.ToInt64(value, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
                break;
            case bool b:
                into.Append('i').Append(b ? '1' : '0');
                break;
            case decimal m:
                into.Append('n').Append((m / 1.0000000000000000000000000000m).ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                into.Append('d').Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case float f:
                into.Append('d').Append(((double)f).ToString("R", CultureInfo.InvariantCulture));
                break;
            case string s:
                into.Append('s').Append(s.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(s);
                break;
            case byte[] bytes:
                into.Append('b').Append(bytes.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(Convert.ToHexString(bytes));
                break;
            default:
                throw new FormatException($"a value of type {value.GetType().Name} cannot be rendered for the checksum");
        }

        into.Append('\u001F');
    }

    private long ToLong(object value) => value switch
    {
        long l => l,
        double d when d == Math.Floor(d) && d is >= long.MinValue and <= long.MaxValue => (long)d,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long l) => l,
        _ => throw Mismatch(value),
    };

    private FormatException Mismatch(object value) =>
        new($"a SQLite {value.GetType().Name} value cannot go into a PostgreSQL {PostgresType} column");
}
