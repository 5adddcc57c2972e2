using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Joint;
using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Sqlite;

/// <summary>Discrepancies between the two stations of a section: written under the write lock, read on pooled connections.</summary>
public sealed partial class SqliteStore : IDiscrepancyStore
{
    private const string DiscrepancyColumns =
        "id, section, station_a, station_b, jurisdictions, item, period_kind, period, mean_a, mean_b, difference, tolerance, opened_at, "
        + "cause, cause_text, closed_by, closed_org, closed_at";

    /// <inheritdoc />
    public Task<IReadOnlyList<Discrepancy>> OpenAsync(IReadOnlyList<Discrepancy> found, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(found);
        return InAccountTransactionAsync<IReadOnlyList<Discrepancy>>("opening discrepancies", (connection, transaction) =>
        {
            var opened = new List<Discrepancy>();
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO joint_discrepancies (section, station_a, station_b, jurisdictions, item, period_kind, period, mean_a, mean_b, difference, tolerance, opened_at)
                VALUES ($section, $a, $b, $jurisdictions, $item, $kind, $period, $meanA, $meanB, $difference, $tolerance, $opened)
                ON CONFLICT DO NOTHING RETURNING id
                """;
            foreach (Discrepancy d in found)
            {
                insert.Parameters.Clear();
                insert.Parameters.AddWithValue("$section", d.Section);
                insert.Parameters.AddWithValue("$a", d.StationA);
                insert.Parameters.AddWithValue("$b", d.StationB);
                insert.Parameters.AddWithValue("$jurisdictions", JsonSerializer.Serialize(d.Jurisdictions));
                insert.Parameters.AddWithValue("$item", d.ItemId);
                insert.Parameters.AddWithValue("$kind", d.Period.Kind == PeriodKind.Day ? "day" : "month");
                insert.Parameters.AddWithValue("$period", d.Period.ToString());
                insert.Parameters.AddWithValue("$meanA", Number(d.MeanA));
                insert.Parameters.AddWithValue("$meanB", Number(d.MeanB));
                insert.Parameters.AddWithValue("$difference", Number(d.Difference));
                insert.Parameters.AddWithValue("$tolerance", d.Tolerance);
                insert.Parameters.AddWithValue("$opened", StoredText.Time(d.OpenedAt));
                if (insert.ExecuteScalar() is long id)
                {
                    opened.Add(d with { Id = id });
                }
            }

            return opened;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<Discrepancy?> CloseAsync(long id, DiscrepancyClosing closing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closing);
        bool closed = await InAccountTransactionAsync("closing a discrepancy", (connection, transaction) =>
        {
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE joint_discrepancies SET cause = $cause, cause_text = $text, closed_by = $by, closed_org = $org, closed_at = $at
                WHERE id = $id AND cause IS NULL
                """;
            update.Parameters.AddWithValue("$cause", JointWords.Word(closing.Cause));
            update.Parameters.AddWithValue("$text", closing.Text);
            update.Parameters.AddWithValue("$by", closing.Actor);
            update.Parameters.AddWithValue("$org", closing.Organisation);
            update.Parameters.AddWithValue("$at", StoredText.Time(closing.At));
            update.Parameters.AddWithValue("$id", id);
            return update.ExecuteNonQuery() == 1;
        }, cancellationToken);
        return closed ? await FindDiscrepancyAsync(id, cancellationToken) : null;
    }

    /// <inheritdoc />
    public async Task<Discrepancy?> FindDiscrepancyAsync(long id, CancellationToken cancellationToken)
    {
        IReadOnlyList<Discrepancy> found = await QueryAsync($"SELECT {DiscrepancyColumns} FROM joint_discrepancies WHERE id = $id",
            command => command.Parameters.AddWithValue("$id", id), ReadDiscrepancy, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Discrepancy>> ListDiscrepanciesAsync(DiscrepancyQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        string sql = $"""
            SELECT {DiscrepancyColumns} FROM joint_discrepancies
            WHERE ($open IS NULL OR (cause IS NULL) = $open) AND ($section IS NULL OR section = $section) AND ($item IS NULL OR item = $item)
              AND ($year IS NULL OR substr(period, 1, 4) = $year) AND ($before IS NULL OR id < $before)
            ORDER BY id DESC LIMIT $limit
            """;
        return QueryAsync(sql, command =>
        {
            command.Parameters.AddWithValue("$open", query.Open is bool open ? (open ? 1 : 0) : DBNull.Value);
            command.Parameters.AddWithValue("$section", (object?)query.Section ?? DBNull.Value);
            command.Parameters.AddWithValue("$item", (object?)query.ItemId ?? DBNull.Value);
            command.Parameters.AddWithValue("$year", query.Year is int year ? year.ToString("D4", CultureInfo.InvariantCulture) : DBNull.Value);
            command.Parameters.AddWithValue("$before", query.Before is long before ? before : DBNull.Value);
            command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, DiscrepancyQuery.MaxLimit));
        }, ReadDiscrepancy, cancellationToken);
    }

    private static Discrepancy ReadDiscrepancy(SqliteDataReader r)
    {
        PeriodKind kind = r.GetString(6) == "day" ? PeriodKind.Day : PeriodKind.Month;
        string periodText = r.GetString(7);
        DateOnly start = DateOnly.ParseExact(kind == PeriodKind.Day ? periodText : periodText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture);
        DiscrepancyClosing? closing = r.IsDBNull(13) ? null
            : new DiscrepancyClosing(JointWords.CauseByWord[r.GetString(13)], r.GetString(14), r.GetString(15), r.GetString(16), StoredText.ParseTime(r.GetString(17)));
        return new Discrepancy(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), JsonSerializer.Deserialize<string[]>(r.GetString(4))!,
            r.GetString(5), Period.Containing(kind, start), ParseNumber(r.GetString(8)), ParseNumber(r.GetString(9)), ParseNumber(r.GetString(10)),
            r.GetString(11), StoredText.ParseTime(r.GetString(12)), closing);
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static decimal ParseNumber(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
