using System.Globalization;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Audit;
using Qingshui.Domain.Parameters;
using Qingshui.Domain.Readings;
using Qingshui.Domain.Review;

namespace Qingshui.Storage.Sqlite;

/// <summary>Reviewers' decisions and month closings (migration 0014), in the same database as the readings they revise.</summary>
public sealed partial class SqliteStore : IReviewStore
{
    /// <inheritdoc />
    public async Task<ReviewApplyResult> ApplyAsync(
        IReadOnlyList<ReviewDecision> decisions, Func<ReviewDecision, int, AuditRecord> audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(audit);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using SqliteTransaction transaction = _writer.BeginTransaction(deferred: false);
            foreach (ReviewDecision decision in decisions)
            {
                if (ClosedMonthOf(transaction, decision) is string closed)
                {
                    return new ReviewApplyResult([], closed);
                }
            }

            var stored = new List<StoredReviewDecision>(decisions.Count);
            foreach (ReviewDecision decision in decisions)
            {
                int revised = ReviseReadings(transaction, decision);
                stored.Add(new StoredReviewDecision(InsertDecision(transaction, decision, revised), decision, revised));
                AppendAudit(transaction, audit(decision, revised));
            }

            transaction.Commit();
            return new ReviewApplyResult(stored, null);
        }
        catch (SqliteException e)
        {
            throw Wrap(e, "applying review decisions");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    // A closed month is changed only through a reopening: a decision reaching into one is refused as a whole.
    private string? ClosedMonthOf(SqliteTransaction transaction, ReviewDecision decision)
    {
        DateOnly first = MonthOf(decision.From), last = MonthOf(decision.To.AddTicks(-1));
        for (DateOnly month = first; month <= last; month = month.AddMonths(1))
        {
            if (MonthReviewStates.ClosedAtAnyLevel(ReadSteps(transaction, decision.StationId, month)))
            {
                return $"{decision.StationId} {MonthText(month)} is closed by review: reopen it with a reason first";
            }
        }

        return null;
    }

    private int ReviseReadings(SqliteTransaction transaction, ReviewDecision decision)
    {
        long from = decision.From.ToUnixTimeMilliseconds(), to = decision.To.ToUnixTimeMilliseconds();
        var rows = new List<(long Bucket, long Series, Reading Reading)>();
        using (SqliteCommand select = _writer.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = """
                WITH RECURSIVE hours (bucket) AS (SELECT $first UNION ALL SELECT bucket + 1 FROM hours WHERE bucket < $last)
                SELECT r.bucket, s.id, s.kind, r.period_start, r.utc_offset, r.value, r.unit, r.flag, r.valid, r.marks, r.minimum, r.maximum
                FROM series s CROSS JOIN hours h CROSS JOIN readings r
                WHERE s.station = $station AND s.parameter = $parameter
                  AND r.bucket = h.bucket AND r.series = s.id AND r.period_start >= $from AND r.period_start < $to
                """;
            select.Parameters.AddWithValue("$station", decision.StationId);
            select.Parameters.AddWithValue("$parameter", decision.Parameter);
            select.Parameters.AddWithValue("$from", from);
            select.Parameters.AddWithValue("$to", to);
            select.Parameters.AddWithValue("$first", WriteCommands.BucketOf(from));
            select.Parameters.AddWithValue("$last", WriteCommands.BucketOf(to - 1));
            using SqliteDataReader r = select.ExecuteReader();
            while (r.Read())
            {
                _ = UnitText.TryParse(r.GetString(6), out Unit unit);
                var reading = new Reading(decision.StationId, decision.Parameter, (ReadingKind)r.GetInt32(2),
                    DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)).ToOffset(TimeSpan.FromMinutes(r.GetInt32(4))), (decimal)r.GetDouble(5), unit,
                    NullableString(r, 7), r.GetInt32(8) != 0, (ReadingMarks)r.GetInt32(9),
                    r.IsDBNull(10) ? null : (decimal)r.GetDouble(10), r.IsDBNull(11) ? null : (decimal)r.GetDouble(11));
                rows.Add((r.GetInt64(0), r.GetInt64(1), reading));
            }
        }

        // Every row becomes a new revision (readings_keep_revision keeps the one before), stored at the decision's time.
        using SqliteCommand update = _writer.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = """
            UPDATE readings SET value = $value, valid = $valid, marks = $marks, minimum = $minimum, maximum = $maximum,
                revision = revision + 1, stored_at = $at
            WHERE bucket = $bucket AND series = $series AND period_start = $start
            """;
        SqliteParameter value = update.Parameters.Add("$value", SqliteType.Real), valid = update.Parameters.Add("$valid", SqliteType.Integer);
        SqliteParameter marks = update.Parameters.Add("$marks", SqliteType.Integer), minimum = update.Parameters.Add("$minimum", SqliteType.Real);
        SqliteParameter maximum = update.Parameters.Add("$maximum", SqliteType.Real), bucket = update.Parameters.Add("$bucket", SqliteType.Integer);
        SqliteParameter series = update.Parameters.Add("$series", SqliteType.Integer), start = update.Parameters.Add("$start", SqliteType.Integer);
        update.Parameters.AddWithValue("$at", decision.At.ToUnixTimeMilliseconds());
        foreach ((long rowBucket, long rowSeries, Reading before) in rows)
        {
            Reading after = ReviewRules.Apply(decision, before);
            value.Value = (double)after.Value;
            valid.Value = after.Valid ? 1 : 0;
            marks.Value = (long)after.Marks;
            minimum.Value = after.Minimum is decimal min ? (double)min : DBNull.Value;
            maximum.Value = after.Maximum is decimal max ? (double)max : DBNull.Value;
            bucket.Value = rowBucket;
            series.Value = rowSeries;
            start.Value = before.PeriodStart.ToUnixTimeMilliseconds();
            update.ExecuteNonQuery();
        }

        return rows.Count;
    }

    private long InsertDecision(SqliteTransaction transaction, ReviewDecision d, int readings)
    {
        using SqliteCommand insert = _writer.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO review_decisions (station, parameter, from_at, to_at, utc_offset, action, value, reason, note, by_user, organisation, decided_at, readings)
            VALUES ($station, $parameter, $from, $to, $offset, $action, $value, $reason, $note, $by, $organisation, $at, $readings) RETURNING id
            """;
        insert.Parameters.AddWithValue("$station", d.StationId);
        insert.Parameters.AddWithValue("$parameter", d.Parameter);
        insert.Parameters.AddWithValue("$from", d.From.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$to", d.To.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$offset", (long)d.From.Offset.TotalMinutes);
        insert.Parameters.AddWithValue("$action", ReviewActions.Text(d.Action));
        insert.Parameters.AddWithValue("$value", d.Value is decimal v ? v.ToString(CultureInfo.InvariantCulture) : DBNull.Value);
        insert.Parameters.AddWithValue("$reason", d.Reason);
        insert.Parameters.AddWithValue("$note", d.Note);
        insert.Parameters.AddWithValue("$by", d.By);
        insert.Parameters.AddWithValue("$organisation", d.Organisation);
        insert.Parameters.AddWithValue("$at", d.At.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$readings", readings);
        return (long)insert.ExecuteScalar()!;
    }

    private const string ReviewDecisionColumns =
        "id, station, parameter, from_at, to_at, utc_offset, action, value, reason, note, by_user, organisation, decided_at, readings";

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredReviewDecision>> DecisionsAsync(
        string stationId, string? parameter, DateTimeOffset from, DateTimeOffset to, int limit, CancellationToken cancellationToken, long? before = null) =>
        QueryAsync(
            $"""
            SELECT {ReviewDecisionColumns}
            FROM review_decisions
            WHERE station = $station AND ($parameter IS NULL OR parameter = $parameter) AND from_at < $to AND to_at > $from
              AND ($before IS NULL OR id < $before)
            ORDER BY id DESC LIMIT $limit
            """,
            command =>
            {
                command.Parameters.AddWithValue("$station", stationId);
                command.Parameters.AddWithValue("$parameter", (object?)parameter ?? DBNull.Value);
                command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$limit", limit);
                command.Parameters.AddWithValue("$before", (object?)before ?? DBNull.Value);
            },
            ReadReviewDecision,
            cancellationToken);

    /// <inheritdoc />
    public async Task<StoredReviewDecision?> DecisionAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {ReviewDecisionColumns} FROM review_decisions WHERE id = $id",
            command => command.Parameters.AddWithValue("$id", id), ReadReviewDecision, cancellationToken)).SingleOrDefault();

    private static StoredReviewDecision ReadReviewDecision(SqliteDataReader r)
    {
        var offset = TimeSpan.FromMinutes(r.GetInt32(5));
        DateTimeOffset At(int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(ordinal)).ToOffset(offset);
        _ = ReviewActions.TryParse(r.GetString(6), out ReviewAction action);
        var decision = new ReviewDecision(r.GetString(1), r.GetString(2), At(3), At(4), action,
            r.IsDBNull(7) ? null : decimal.Parse(r.GetString(7), CultureInfo.InvariantCulture), r.GetString(8), r.GetString(9), r.GetString(10),
            r.GetString(11), At(12));
        return new StoredReviewDecision(r.GetInt64(0), decision, r.GetInt32(13));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MonthReviewStep>> MonthStepsAsync(string stationId, DateOnly month, CancellationToken cancellationToken) =>
        QueryAsync(StepsSql, command => BindStep(command, stationId, month), ReadStep, cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<(string StationId, DateOnly Month), MonthReviewState>> MonthStatesAsync(
        DateOnly fromMonth, DateOnly toMonth, CancellationToken cancellationToken)
    {
        IReadOnlyList<MonthReviewStep> steps = await QueryAsync(
            "SELECT station, month, closed, by_user, organisation, at, reason, level, completes FROM review_months WHERE month >= $from AND month <= $to ORDER BY id",
            command =>
            {
                command.Parameters.AddWithValue("$from", MonthText(fromMonth));
                command.Parameters.AddWithValue("$to", MonthText(toMonth));
            },
            ReadStep,
            cancellationToken);
        return steps.GroupBy(s => (s.StationId, s.Month)).ToDictionary(g => g.Key, g => MonthReviewStates.Of([.. g]));
    }

    /// <inheritdoc />
    public async Task<string?> StepAsync(MonthReviewStep step, IReadOnlyList<string> levels, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(audit);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using SqliteTransaction transaction = _writer.BeginTransaction(deferred: false);
            (IReadOnlyList<MonthReviewStep> planned, string? refusal) = MonthReviewStates.Plan(ReadSteps(transaction, step.StationId, step.Month), step, levels);
            if (refusal is not null)
            {
                return refusal;
            }

            foreach (MonthReviewStep each in planned)
            {
                using SqliteCommand insert = _writer.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO review_months (station, month, closed, by_user, organisation, at, reason, level, completes)
                    VALUES ($station, $month, $closed, $by, $organisation, $at, $reason, $level, $completes)
                    """;
                BindStep(insert, each.StationId, each.Month);
                insert.Parameters.AddWithValue("$closed", each.Closed ? 1 : 0);
                insert.Parameters.AddWithValue("$by", each.By);
                insert.Parameters.AddWithValue("$organisation", each.Organisation);
                insert.Parameters.AddWithValue("$at", each.At.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$reason", each.Reason);
                insert.Parameters.AddWithValue("$level", each.Level);
                insert.Parameters.AddWithValue("$completes", each.Completes ? 1 : 0);
                insert.ExecuteNonQuery();
            }

            AppendAudit(transaction, audit);
            transaction.Commit();
            return null;
        }
        catch (SqliteException e)
        {
            throw Wrap(e, "recording a review month step");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ReviewDayCount>> DayCountsAsync(
        string? stationId, ReadingKind kind, DateOnly fromDay, DateOnly toDay, CancellationToken cancellationToken)
    {
        if (toDay <= fromDay)
        {
            return Task.FromResult<IReadOnlyList<ReviewDayCount>>([]);
        }

        // The counts kept by migration 0020's triggers. One station: a seek per series and day; every station: one range of
        // days, which for a month of 1,000 stations is some 150,000 rows instead of millions of readings.
        return QueryAsync(
            stationId is null
                ? """
                  SELECT s.station, s.parameter, c.day, c.readings, c.valid, c.to_review
                  FROM reading_day_counts c JOIN series s ON s.id = c.series
                  WHERE c.day >= $from AND c.day < $to AND s.kind = $kind AND c.readings > 0
                  """
                : """
                  WITH RECURSIVE days (day) AS (SELECT $from UNION ALL SELECT day + 1 FROM days WHERE day < $to - 1)
                  SELECT s.station, s.parameter, c.day, c.readings, c.valid, c.to_review
                  FROM series s CROSS JOIN days d CROSS JOIN reading_day_counts c
                  WHERE s.station = $station AND s.kind = $kind AND c.day = d.day AND c.series = s.id AND c.readings > 0
                  """,
            command =>
            {
                command.Parameters.AddWithValue("$station", (object?)stationId ?? DBNull.Value);
                command.Parameters.AddWithValue("$kind", (int)kind);
                command.Parameters.AddWithValue("$from", fromDay.DayNumber - DayNumberOfEpoch);
                command.Parameters.AddWithValue("$to", toDay.DayNumber - DayNumberOfEpoch);
            },
            r => new ReviewDayCount(r.GetString(0), r.GetString(1), DateOnly.FromDayNumber((int)(r.GetInt64(2) + DayNumberOfEpoch)),
                r.GetInt32(3), r.GetInt32(4), r.GetInt32(5)),
            cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> ConsentAsync(UnreviewedConsent consent, AuditRecord audit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consent);
        ArgumentNullException.ThrowIfNull(audit);
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            using SqliteTransaction transaction = _writer.BeginTransaction(deferred: false);
            using SqliteCommand insert = _writer.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO review_consents (agreement, year, party, by_user, at, reason) VALUES ($agreement, $year, $party, $by, $at, $reason)
                ON CONFLICT DO NOTHING
                """;
            insert.Parameters.AddWithValue("$agreement", consent.AgreementId);
            insert.Parameters.AddWithValue("$year", consent.Year);
            insert.Parameters.AddWithValue("$party", consent.Party);
            insert.Parameters.AddWithValue("$by", consent.By);
            insert.Parameters.AddWithValue("$at", consent.At.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$reason", consent.Reason);
            if (insert.ExecuteNonQuery() == 0)
            {
                return false;
            }

            AppendAudit(transaction, audit);
            transaction.Commit();
            return true;
        }
        catch (SqliteException e)
        {
            throw Wrap(e, "recording a consent");
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<UnreviewedConsent>> ConsentsAsync(string agreementId, int year, CancellationToken cancellationToken) =>
        QueryAsync(
            "SELECT agreement, year, party, by_user, at, reason FROM review_consents WHERE agreement = $agreement AND year = $year ORDER BY id",
            command =>
            {
                command.Parameters.AddWithValue("$agreement", agreementId);
                command.Parameters.AddWithValue("$year", year);
            },
            r => new UnreviewedConsent(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)), r.GetString(5)),
            cancellationToken);

    private static readonly int DayNumberOfEpoch = new DateOnly(1970, 1, 1).DayNumber;

    private const string StepsSql =
        "SELECT station, month, closed, by_user, organisation, at, reason, level, completes FROM review_months WHERE station = $station AND month = $month ORDER BY id";

    private List<MonthReviewStep> ReadSteps(SqliteTransaction transaction, string stationId, DateOnly month)
    {
        using SqliteCommand command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = StepsSql;
        BindStep(command, stationId, month);
        using SqliteDataReader reader = command.ExecuteReader();
        var steps = new List<MonthReviewStep>();
        while (reader.Read())
        {
            steps.Add(ReadStep(reader));
        }

        return steps;
    }

    private static void BindStep(SqliteCommand command, string stationId, DateOnly month)
    {
        command.Parameters.AddWithValue("$station", stationId);
        command.Parameters.AddWithValue("$month", MonthText(month));
    }

    private static MonthReviewStep ReadStep(SqliteDataReader r) => new(
        r.GetString(0), DateOnly.ParseExact(r.GetString(1) + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture), r.GetInt32(2) != 0,
        r.GetString(3), r.GetString(4), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)), r.GetString(6), r.GetInt32(7), r.GetInt32(8) != 0);

    private static DateOnly MonthOf(DateTimeOffset at) => new(at.Year, at.Month, 1);

    private static string MonthText(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
