using System.Globalization;
using System.Text.Json;
using Npgsql;
using Qingshui.Domain.Assessment;
using Qingshui.Domain.Joint;
using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// Discrepancies between the two stations of a section. The unique key (pair, item, period) decides which node opens
/// one: a second node opening the same after the first's commit inserts nothing and reports nothing new.
/// </summary>
public sealed partial class PostgresStore : IDiscrepancyStore
{
    // The advisory lock openings take turns on ("QSJDISCR"), apart from the migrations' key.
    private const long DiscrepancyLockKey = 0x5153_4A44_4953_4352;

    private const string DiscrepancyColumns =
        "id, section, station_a, station_b, jurisdictions, item, period_kind, period, mean_a, mean_b, difference, tolerance, opened_at, "
        + "cause, cause_text, closed_by, closed_org, closed_at";

    /// <inheritdoc />
    public Task<IReadOnlyList<Discrepancy>> OpenAsync(IReadOnlyList<Discrepancy> found, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(found);
        return JointWriteAsync<IReadOnlyList<Discrepancy>>("opening discrepancies", async (connection, transaction) =>
        {
            // Openings take turns across nodes, as under SQLite's single writer: ids follow the order given, and two nodes
            // opening overlapping sets in other orders cannot each hold a key the other waits for.
            await using (NpgsqlCommand turn = JointCommand(connection, transaction, "SELECT pg_advisory_xact_lock(@key)"))
            {
                turn.Parameters.AddWithValue("key", DiscrepancyLockKey);
                await turn.ExecuteNonQueryAsync(cancellationToken);
            }

            var opened = new List<Discrepancy>();
            foreach (Discrepancy d in found)
            {
                await using NpgsqlCommand insert = JointCommand(connection, transaction, """
                    INSERT INTO joint_discrepancies (section, station_a, station_b, jurisdictions, item, period_kind, period, mean_a, mean_b, difference, tolerance, opened_at)
                    VALUES (@section, @a, @b, @jurisdictions, @item, @kind, @period, @meanA, @meanB, @difference, @tolerance, @opened)
                    ON CONFLICT DO NOTHING RETURNING id
                    """);
                insert.Parameters.AddWithValue("section", d.Section);
                insert.Parameters.AddWithValue("a", d.StationA);
                insert.Parameters.AddWithValue("b", d.StationB);
                insert.Parameters.AddWithValue("jurisdictions", JsonSerializer.Serialize(d.Jurisdictions));
                insert.Parameters.AddWithValue("item", d.ItemId);
                insert.Parameters.AddWithValue("kind", d.Period.Kind == PeriodKind.Day ? "day" : "month");
                insert.Parameters.AddWithValue("period", d.Period.ToString());
                insert.Parameters.AddWithValue("meanA", d.MeanA);
                insert.Parameters.AddWithValue("meanB", d.MeanB);
                insert.Parameters.AddWithValue("difference", d.Difference);
                insert.Parameters.AddWithValue("tolerance", d.Tolerance);
                insert.Parameters.AddWithValue("opened", JointTime(d.OpenedAt));
                if (await insert.ExecuteScalarAsync(cancellationToken) is long id)
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
        // Two nodes closing at once: the second waits on the row, re-reads it closed, and updates nothing.
        bool closed = await JointWriteAsync("closing a discrepancy", async (connection, transaction) =>
        {
            await using NpgsqlCommand update = JointCommand(connection, transaction, """
                UPDATE joint_discrepancies SET cause = @cause, cause_text = @text, closed_by = @by, closed_org = @org, closed_at = @at
                WHERE id = @id AND cause IS NULL
                """);
            update.Parameters.AddWithValue("cause", JointWords.Word(closing.Cause));
            update.Parameters.AddWithValue("text", closing.Text);
            update.Parameters.AddWithValue("by", closing.Actor);
            update.Parameters.AddWithValue("org", closing.Organisation);
            update.Parameters.AddWithValue("at", JointTime(closing.At));
            update.Parameters.AddWithValue("id", id);
            return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);
        return closed ? await FindDiscrepancyAsync(id, cancellationToken) : null;
    }

    /// <inheritdoc />
    public async Task<Discrepancy?> FindDiscrepancyAsync(long id, CancellationToken cancellationToken)
    {
        IReadOnlyList<Discrepancy> found = await JointQueryAsync($"SELECT {DiscrepancyColumns} FROM joint_discrepancies WHERE id = @id",
            command => command.Parameters.AddWithValue("id", id), ReadDiscrepancy, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<Discrepancy>> ListDiscrepanciesAsync(DiscrepancyQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        string sql = $"""
            SELECT {DiscrepancyColumns} FROM joint_discrepancies
            WHERE (@open::boolean IS NULL OR (cause IS NULL) = @open) AND (@section::text IS NULL OR section = @section)
              AND (@item::text IS NULL OR item = @item) AND (@year::text IS NULL OR substr(period, 1, 4) = @year)
              AND (@before::bigint IS NULL OR id < @before)
            ORDER BY id DESC LIMIT @limit
            """;
        return JointQueryAsync(sql, command =>
        {
            command.Parameters.AddWithValue("open", query.Open is bool open ? open : DBNull.Value);
            command.Parameters.AddWithValue("section", (object?)query.Section ?? DBNull.Value);
            command.Parameters.AddWithValue("item", (object?)query.ItemId ?? DBNull.Value);
            command.Parameters.AddWithValue("year", query.Year is int year ? year.ToString("D4", CultureInfo.InvariantCulture) : DBNull.Value);
            command.Parameters.AddWithValue("before", query.Before is long before ? before : DBNull.Value);
            command.Parameters.AddWithValue("limit", Math.Clamp(query.Limit, 1, DiscrepancyQuery.MaxLimit));
        }, ReadDiscrepancy, cancellationToken);
    }

    private static Discrepancy ReadDiscrepancy(NpgsqlDataReader r)
    {
        PeriodKind kind = r.GetString(6) == "day" ? PeriodKind.Day : PeriodKind.Month;
        string periodText = r.GetString(7);
        DateOnly start = ParseJointDay(kind == PeriodKind.Day ? periodText : periodText + "-01");
        DiscrepancyClosing? closing = r.IsDBNull(13) ? null
            : new DiscrepancyClosing(JointWords.CauseByWord[r.GetString(13)], r.GetString(14), r.GetString(15), r.GetString(16), ParseJointTime(r.GetString(17)));
        return new Discrepancy(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), JsonSerializer.Deserialize<string[]>(r.GetString(4))!,
            r.GetString(5), Period.Containing(kind, start), r.GetDecimal(8), r.GetDecimal(9), r.GetDecimal(10),
            r.GetString(11), ParseJointTime(r.GetString(12)), closing);
    }
}
