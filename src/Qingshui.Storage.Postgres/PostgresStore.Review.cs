using Npgsql;
using NpgsqlTypes;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;

namespace Qingshui.Storage.Postgres;

/// <summary>
/// Reviewers' decisions and month closings (migration 0004), in the same database as the readings they revise. Several
/// nodes write here at once: whatever touches a station-month first takes that station-month's lock, so two reviewers
/// closing or deciding the same month get the answers SQLite's single writer would give them, one after the other.
/// </summary>
public sealed partial class PostgresStore : IReviewStore
{
    /// <inheritdoc />
    public Task<ReviewApplyResult> ApplyAsync(
        IReadOnlyList<ReviewDecision> decisions, Func<ReviewDecision, int, AuditRecord> audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(audit);
        return InReviewTransactionAsync("applying review decisions", async (transaction, ct) =>
        {
            await ReviewLocks.TakeAsync(transaction, decisions.SelectMany(d => ReviewMonths.Of(d).Select(m => (d.StationId, m))), ct);
            foreach (ReviewDecision decision in decisions)
            {
                foreach (DateOnly month in ReviewMonths.Of(decision))
                {
                    if (MonthReviewStates.ClosedAtAnyLevel(await ReadStepsAsync(transaction, decision.StationId, month, ct)))
                    {
                        return new ReviewApplyResult([], $"{decision.StationId} {ReviewMonths.Text(month)} is closed by review: reopen it with a reason first");
                    }
                }
            }

            var stored = new List<StoredReviewDecision>(decisions.Count);
            foreach (ReviewDecision decision in decisions)
            {
                int revised = await ReviseReadingsAsync(transaction, decision, ct);
                stored.Add(new StoredReviewDecision(await InsertDecisionAsync(transaction, decision, revised, ct), decision, revised));
            }

            // The audit chain's lock last, once every row lock is held: the entries are chained in the decisions' order.
            foreach (StoredReviewDecision each in stored)
            {
                await AppendAuditAsync(transaction.Connection!, transaction, audit(each.Decision, each.Readings), ct);
            }

            return new ReviewApplyResult(stored, null);
        }, cancellationToken);
    }

    // The rows are locked as they are read (in key order, as ingest's upserts lock them), so a retransmission committing
    // meanwhile is revised from what it wrote, not overwritten with what was there before it.
    private static async Task<int> ReviseReadingsAsync(NpgsqlTransaction transaction, ReviewDecision decision, CancellationToken ct)
    {
        long from = decision.From.ToUnixTimeMilliseconds(), to = decision.To.ToUnixTimeMilliseconds();
        var series = new List<long>();
        var starts = new List<long>();
        var after = new List<Reading>();
        await using (NpgsqlCommand select = ReviewCommand(transaction, """
            SELECT s.id, s.kind, r.period_start, r.utc_offset, r.value, r.unit, r.flag, r.valid, r.marks, r.minimum, r.maximum
            FROM series s JOIN readings r ON r.series = s.id
            WHERE s.station = @station AND s.parameter = @parameter AND r.period_start >= @from AND r.period_start < @to
            ORDER BY r.series, r.period_start
            FOR UPDATE OF r
            """))
        {
            select.Parameters.AddWithValue("station", decision.StationId);
            select.Parameters.AddWithValue("parameter", decision.Parameter);
            select.Parameters.AddWithValue("from", from);
            select.Parameters.AddWithValue("to", to);
            await using NpgsqlDataReader r = await select.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                _ = UnitText.TryParse(r.GetString(5), out Unit unit);
                var before = new Reading(decision.StationId, decision.Parameter, (ReadingKind)r.GetInt32(1),
                    DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(2)).ToOffset(TimeSpan.FromMinutes(r.GetInt32(3))), (decimal)r.GetDouble(4), unit,
                    r.IsDBNull(6) ? null : r.GetString(6), r.GetInt32(7) != 0, (ReadingMarks)r.GetInt32(8),
                    r.IsDBNull(9) ? null : (decimal)r.GetDouble(9), r.IsDBNull(10) ? null : (decimal)r.GetDouble(10));
                series.Add(r.GetInt64(0));
                starts.Add(r.GetInt64(2));
                after.Add(ReviewRules.Apply(decision, before));
            }
        }

        if (after.Count == 0)
        {
            return 0;
        }

        // Every row becomes a new revision (the readings' revision trigger keeps the one before), stored at the decision's time.
        await using NpgsqlCommand update = ReviewCommand(transaction, """
            UPDATE readings r SET value = u.value, valid = u.valid, marks = u.marks, minimum = u.minimum, maximum = u.maximum,
                revision = r.revision + 1, stored_at = @at
            FROM unnest(@series, @start, @value, @valid, @marks, @minimum, @maximum) AS u (series, period_start, value, valid, marks, minimum, maximum)
            WHERE r.series = u.series AND r.period_start = u.period_start AND r.period_start >= @from AND r.period_start < @to
            """);
        update.Parameters.AddWithValue("at", decision.At.ToUnixTimeMilliseconds());
        update.Parameters.AddWithValue("from", from);
        update.Parameters.AddWithValue("to", to);
        update.Parameters.AddWithValue("series", series.ToArray());
        update.Parameters.AddWithValue("start", starts.ToArray());
        update.Parameters.AddWithValue("value", after.Select(a => (double)a.Value).ToArray());
        update.Parameters.AddWithValue("valid", after.Select(a => a.Valid ? 1 : 0).ToArray());
        update.Parameters.AddWithValue("marks", after.Select(a => (int)a.Marks).ToArray());
        update.Parameters.AddWithValue("minimum", after.Select(a => (double?)a.Minimum).ToArray());
        update.Parameters.AddWithValue("maximum", after.Select(a => (double?)a.Maximum).ToArray());
        await update.ExecuteNonQueryAsync(ct);
        return after.Count;
    }

    private static async Task<long> InsertDecisionAsync(NpgsqlTransaction transaction, ReviewDecision d, int readings, CancellationToken ct)
    {
        await using NpgsqlCommand insert = ReviewCommand(transaction, """
            INSERT INTO review_decisions (station, parameter, from_at, to_at, utc_offset, action, value, reason, note, by_user, organisation, decided_at, readings)
            VALUES (@station, @parameter, @from, @to, @offset, @action, @value, @reason, @note, @by, @organisation, @at, @readings) RETURNING id
            """);
        insert.Parameters.AddWithValue("station", d.StationId);
        insert.Parameters.AddWithValue("parameter", d.Parameter);
        insert.Parameters.AddWithValue("from", d.From.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("to", d.To.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("offset", (int)d.From.Offset.TotalMinutes);
        insert.Parameters.AddWithValue("action", ReviewActions.Text(d.Action));
        insert.Parameters.Add(new NpgsqlParameter("value", NpgsqlDbType.Numeric) { Value = (object?)d.Value ?? DBNull.Value });
        insert.Parameters.AddWithValue("reason", d.Reason);
        insert.Parameters.AddWithValue("note", d.Note);
        insert.Parameters.AddWithValue("by", d.By);
        insert.Parameters.AddWithValue("organisation", d.Organisation);
        insert.Parameters.AddWithValue("at", d.At.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("readings", readings);
        return (long)(await insert.ExecuteScalarAsync(ct))!;
    }

    private const string ReviewDecisionColumns =
        "id, station, parameter, from_at, to_at, utc_offset, action, value, reason, note, by_user, organisation, decided_at, readings";

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredReviewDecision>> DecisionsAsync(
        string stationId, string? parameter, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken, long? before = null) =>
        ReviewQueryAsync(
            "reading review decisions",
            $"""
            SELECT {ReviewDecisionColumns}
            FROM review_decisions
            WHERE station = @station AND (@parameter IS NULL OR parameter = @parameter) AND from_at < @to AND to_at > @from
              AND (@before IS NULL OR id < @before)
            ORDER BY id DESC LIMIT @limit
            """,
            command =>
            {
                command.Parameters.AddWithValue("station", stationId);
                command.Parameters.Add(new NpgsqlParameter("parameter", NpgsqlDbType.Text) { Value = (object?)parameter ?? DBNull.Value });
                command.Parameters.AddWithValue("from", from.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("to", to.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("limit", limit);
                command.Parameters.Add(new NpgsqlParameter("before", NpgsqlDbType.Bigint) { Value = (object?)before ?? DBNull.Value });
            },
            ReadReviewDecision,
            cancellationToken);

    /// <inheritdoc />
    public async Task<StoredReviewDecision?> DecisionAsync(long id, CancellationToken cancellationToken) =>
        (await ReviewQueryAsync("reading a review decision", $"SELECT {ReviewDecisionColumns} FROM review_decisions WHERE id = @id",
            command => command.Parameters.AddWithValue("id", id), ReadReviewDecision, cancellationToken)).SingleOrDefault();

    private static StoredReviewDecision ReadReviewDecision(NpgsqlDataReader r)
    {
        var offset = TimeSpan.FromMinutes(r.GetInt32(5));
        DateTimeOffset At(int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(ordinal)).ToOffset(offset);
        _ = ReviewActions.TryParse(r.GetString(6), out ReviewAction action);
        var decision = new ReviewDecision(r.GetString(1), r.GetString(2), At(3), At(4), action, r.IsDBNull(7) ? null : r.GetDecimal(7),
            r.GetString(8), r.GetString(9), r.GetString(10), r.GetString(11), At(12));
        return new StoredReviewDecision(r.GetInt64(0), decision, r.GetInt32(13));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MonthReviewStep>> MonthStepsAsync(string stationId, DateOnly month, CancellationToken cancellationToken) =>
        ReviewQueryAsync("reading a month's review steps", MonthStepsSql, command => BindMonth(command, stationId, month), ReadMonthStep, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<(string StationId, DateOnly Month), MonthReviewState>> MonthStatesAsync(
        DateOnly fromMonth, DateOnly toMonth, CancellationToken cancellationToken)
    {
        IReadOnlyList<MonthReviewStep> steps = await ReviewQueryAsync(
            "reading months' review states",
            $"SELECT {MonthStepColumns} FROM review_months WHERE month >= @from AND month <= @to ORDER BY id",
            command =>
            {
                command.Parameters.AddWithValue("from", ReviewMonths.Text(fromMonth));
                command.Parameters.AddWithValue("to", ReviewMonths.Text(toMonth));
            },
            ReadMonthStep,
            cancellationToken);
        return steps.GroupBy(s => (s.StationId, s.Month)).ToDictionary(g => g.Key, g => MonthReviewStates.Of([.. g]));
    }

    /// <inheritdoc />
    public Task<string?> StepAsync(MonthReviewStep step, IReadOnlyList<string> levels, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(audit);
        return InReviewTransactionAsync("recording a review month step", async (transaction, ct) =>
        {
            // Under the month's lock the steps read are the last ones: a second reviewer closing it waits, then is refused.
            await ReviewLocks.TakeAsync(transaction, [(step.StationId, step.Month)], ct);
            (IReadOnlyList<MonthReviewStep> planned, string? refusal) =
                MonthReviewStates.Plan(await ReadStepsAsync(transaction, step.StationId, step.Month, ct), step, levels);
            if (refusal is not null)
            {
                return refusal;
            }

            foreach (MonthReviewStep each in planned)
            {
                await using NpgsqlCommand insert = ReviewCommand(transaction, """
                    INSERT INTO review_months (station, month, closed, by_user, organisation, at, reason, level, completes)
                    VALUES (@station, @month, @closed, @by, @organisation, @at, @reason, @level, @completes)
                    """);
                BindMonth(insert, each.StationId, each.Month);
                insert.Parameters.AddWithValue("closed", each.Closed ? 1 : 0);
                insert.Parameters.AddWithValue("by", each.By);
                insert.Parameters.AddWithValue("organisation", each.Organisation);
                insert.Parameters.AddWithValue("at", each.At.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("reason", each.Reason);
                insert.Parameters.AddWithValue("level", each.Level);
                insert.Parameters.AddWithValue("completes", each.Completes ? 1 : 0);
                await insert.ExecuteNonQueryAsync(ct);
            }

            await AppendAuditAsync(transaction.Connection!, transaction, audit, ct);
            return (string?)null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewDayCount>> DayCountsAsync(
        string? stationId, ReadingKind kind, DateOnly fromDay, DateOnly toDay, CancellationToken cancellationToken)
    {
        if (toDay <= fromDay)
        {
            return Task.FromResult<IReadOnlyList<ReviewDayCount>>([]);
        }

        // The counts the readings' triggers keep (days since 1970-01-01 in each reading's own offset), bigint as they are.
        // Every station: the month's range of counts, read once and then matched to its series; never a scan of that
        // range per series, which is what the planner picks while the statistics still say the table is empty (just
        // after a bulk load or a copy). One station: a seek per series and day, as on SQLite (OFFSET 0 keeps the lateral
        // subquery from being flattened into a join the planner may answer with a scan of every station's days).
        return ReviewQueryAsync(
            "reading review day counts",
            stationId is null
                ? """
                  WITH c AS MATERIALIZED (
                      SELECT series, day, readings, valid, to_review FROM reading_day_counts WHERE day >= @from AND day < @to AND readings > 0)
                  SELECT s.station, s.parameter, c.day, c.readings, c.valid, c.to_review
                  FROM c JOIN series s ON s.id = c.series
                  WHERE s.kind = @kind
                  """
                : """
                  SELECT s.station, s.parameter, c.day, c.readings, c.valid, c.to_review
                  FROM series s CROSS JOIN generate_series(@from, @to - 1) AS d (day)
                  CROSS JOIN LATERAL (
                      SELECT day, readings, valid, to_review FROM reading_day_counts WHERE day = d.day AND series = s.id OFFSET 0) c
                  WHERE s.station = @station AND s.kind = @kind AND c.readings > 0
                  """,
            command =>
            {
                command.Parameters.Add(new NpgsqlParameter("station", NpgsqlDbType.Text) { Value = (object?)stationId ?? DBNull.Value });
                command.Parameters.AddWithValue("kind", (int)kind);
                command.Parameters.AddWithValue("from", (long)(fromDay.DayNumber - DayNumberOfEpoch));
                command.Parameters.AddWithValue("to", (long)(toDay.DayNumber - DayNumberOfEpoch));
            },
            r => new ReviewDayCount(r.GetString(0), r.GetString(1), DateOnly.FromDayNumber((int)(r.GetInt64(2) + DayNumberOfEpoch)),
                (int)r.GetInt64(3), (int)r.GetInt64(4), (int)r.GetInt64(5)),
            cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ConsentAsync(UnreviewedConsent consent, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consent);
        ArgumentNullException.ThrowIfNull(audit);
        return InReviewTransactionAsync("recording a consent", async (transaction, ct) =>
        {
            // A second node consenting for the same party waits on the unique key, then inserts nothing: false, as on SQLite.
            await using NpgsqlCommand insert = ReviewCommand(transaction, """
                INSERT INTO review_consents (agreement, year, party, by_user, at, reason) VALUES (@agreement, @year, @party, @by, @at, @reason)
                ON CONFLICT DO NOTHING
                """);
            insert.Parameters.AddWithValue("agreement", consent.AgreementId);
            insert.Parameters.AddWithValue("year", consent.Year);
            insert.Parameters.AddWithValue("party", consent.Party);
            insert.Parameters.AddWithValue("by", consent.By);
            insert.Parameters.AddWithValue("at", consent.At.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("reason", consent.Reason);
            if (await insert.ExecuteNonQueryAsync(ct) == 0)
            {
                return false;
            }

            await AppendAuditAsync(transaction.Connection!, transaction, audit, ct);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UnreviewedConsent>> ConsentsAsync(string agreementId, int year, CancellationToken cancellationToken) =>
        ReviewQueryAsync(
            "reading consents",
            "SELECT agreement, year, party, by_user, at, reason FROM review_consents WHERE agreement = @agreement AND year = @year ORDER BY id",
            command =>
            {
                command.Parameters.AddWithValue("agreement", agreementId);
                command.Parameters.AddWithValue("year", year);
            },
            r => new UnreviewedConsent(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), r.GetString(5)),
            cancellationToken);

    private static readonly int DayNumberOfEpoch = new DateOnly(1970, 1, 1).DayNumber;

    private const string MonthStepColumns = "station, month, closed, by_user, organisation, at, reason, level, completes";

    private const string MonthStepsSql = $"SELECT {MonthStepColumns} FROM review_months WHERE station = @station AND month = @month ORDER BY id";

    private static async Task<List<MonthReviewStep>> ReadStepsAsync(NpgsqlTransaction transaction, string stationId, DateOnly month, CancellationToken ct)
    {
        await using NpgsqlCommand command = ReviewCommand(transaction, MonthStepsSql);
        BindMonth(command, stationId, month);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(ct);
        var steps = new List<MonthReviewStep>();
        while (await reader.ReadAsync(ct))
        {
            steps.Add(ReadMonthStep(reader));
        }

        return steps;
    }

    private static void BindMonth(NpgsqlCommand command, string stationId, DateOnly month)
    {
        command.Parameters.AddWithValue("station", stationId);
        command.Parameters.AddWithValue("month", ReviewMonths.Text(month));
    }

    private static MonthReviewStep ReadMonthStep(NpgsqlDataReader r) => new(
        r.GetString(0), ReviewMonths.Parse(r.GetString(1)), r.GetInt32(2) != 0, r.GetString(3), r.GetString(4),
        DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)), r.GetString(6), r.GetInt32(7), r.GetInt32(8) != 0);

    private static NpgsqlCommand ReviewCommand(NpgsqlTransaction transaction, string sql) => new(sql, transaction.Connection, transaction);

    private async Task<IReadOnlyList<T>> ReviewQueryAsync<T>(
        string operation, string sql, Action<NpgsqlCommand> bind, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        try
        {
            await using NpgsqlConnection connection = await _source.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(sql, connection);
            bind(command);
            await using NpgsqlDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(read(reader));
            }

            return rows;
        }
        catch (NpgsqlException e)
        {
            throw Wrap(e, operation);
        }
    }

    // One transaction per call, committed at the end (a refusal has written nothing, so committing it changes nothing).
    // A deadlock with ingest's row locks or a serialization failure is tried again from the start, as the work is.
    private async Task<T> InReviewTransactionAsync<T>(
        string operation, Func<NpgsqlTransaction, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await using NpgsqlConnection connection = await _source.OpenConnectionAsync(cancellationToken);
                await using NpgsqlTransaction transaction = await connection.BeginTransactionAsync(cancellationToken);
                T result = await work(transaction, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (PostgresException e) when (attempt < ReviewAttempts && e.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure)
            {
                // Begin again on a new connection: the work is idempotent until committed.
            }
            catch (NpgsqlException e)
            {
                throw Wrap(e, operation);
            }
        }
    }

    private const int ReviewAttempts = 3;
}
