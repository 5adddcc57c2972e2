using Microsoft.Data.Sqlite;
using Qingshui.Storage.Commands;

namespace Qingshui.Storage.Sqlite;

/// <summary>Commands to stations, their answers and the intervals held: written on the writer connection, read on pooled ones.</summary>
public sealed partial class SqliteStore : IStationCommandStore
{
    /// <inheritdoc />
    public Task<StationCommandEntry> AddCommandAsync(StationCommandEntry command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return InAccountTransactionAsync("logging a station command", (connection, transaction) =>
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO station_commands (station, qn, cn, request, reference, sent_at, state, detail, answered_at)
                VALUES ($station, $qn, $cn, $request, $reference, $sent, $state, $detail, NULL) RETURNING id
                """;
            insert.Parameters.AddWithValue("$station", command.Station);
            insert.Parameters.AddWithValue("$qn", command.RequestId);
            insert.Parameters.AddWithValue("$cn", command.Command);
            insert.Parameters.AddWithValue("$request", command.Request);
            insert.Parameters.AddWithValue("$reference", command.Reference);
            insert.Parameters.AddWithValue("$sent", command.SentAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$state", command.State);
            insert.Parameters.AddWithValue("$detail", (object?)command.Detail ?? DBNull.Value);
            long id = (long)insert.ExecuteScalar()!;
            return command with { Id = id, AnsweredAt = null, Answers = [] };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task FinishCommandAsync(
        long id, string state, string? detail, DateTimeOffset? answeredAt, IReadOnlyList<StationAnswerEntry> answers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return InAccountTransactionAsync("recording a station's answers", (connection, transaction) =>
        {
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE station_commands SET state = $state, detail = $detail, answered_at = $answered WHERE id = $id";
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$state", state);
            update.Parameters.AddWithValue("$detail", (object?)detail ?? DBNull.Value);
            update.Parameters.AddWithValue("$answered", answeredAt is DateTimeOffset at ? at.ToUnixTimeMilliseconds() : DBNull.Value);
            update.ExecuteNonQuery();
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO station_command_answers (command, seq, cn, data, received_at)
                VALUES ($command, (SELECT coalesce(max(seq), 0) + 1 FROM station_command_answers WHERE command = $command), $cn, $data, $received)
                """;
            insert.Parameters.AddWithValue("$command", id);
            SqliteParameter cn = insert.Parameters.Add("$cn", SqliteType.Text);
            SqliteParameter data = insert.Parameters.Add("$data", SqliteType.Text);
            SqliteParameter received = insert.Parameters.Add("$received", SqliteType.Integer);
            foreach (StationAnswerEntry answer in answers)
            {
                cn.Value = answer.Command;
                data.Value = answer.Data;
                received.Value = answer.ReceivedAt.ToUnixTimeMilliseconds();
                insert.ExecuteNonQuery();
            }

            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StationCommandEntry>> CommandsAsync(string station, int limit, long? before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(station);
        IReadOnlyList<StationCommandEntry> commands = await QueryAsync("""
            SELECT id, station, qn, cn, request, reference, sent_at, state, detail, answered_at FROM station_commands
            WHERE station = $station AND ($before IS NULL OR id < $before) ORDER BY id DESC LIMIT $limit
            """, command =>
        {
            command.Parameters.AddWithValue("$station", station);
            command.Parameters.AddWithValue("$before", before is long b ? b : DBNull.Value);
            command.Parameters.AddWithValue("$limit", Math.Max(1, limit));
        }, r => new StationCommandEntry(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), Utc(r.GetInt64(6)),
            r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), r.IsDBNull(9) ? null : Utc(r.GetInt64(9)), []), cancellationToken);
        if (commands.Count == 0)
        {
            return commands;
        }

        IReadOnlyList<(long Command, StationAnswerEntry Answer)> answers = await QueryAsync("""
            SELECT command, cn, data, received_at FROM station_command_answers WHERE command BETWEEN $low AND $high ORDER BY command, seq
            """, command =>
        {
            command.Parameters.AddWithValue("$low", commands[^1].Id);
            command.Parameters.AddWithValue("$high", commands[0].Id);
        }, r => (r.GetInt64(0), new StationAnswerEntry(r.GetString(1), r.GetString(2), Utc(r.GetInt64(3)))), cancellationToken);
        ILookup<long, StationAnswerEntry> byCommand = answers.ToLookup(a => a.Command, a => a.Answer);
        return [.. commands.Select(c => c with { Answers = [.. byCommand[c.Id]] })];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IntervalHold>> OpenHoldsAsync(string station, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {HoldColumns} FROM interval_holds WHERE station = $station AND released_at IS NULL ORDER BY id",
            command => command.Parameters.AddWithValue("$station", station), ReadHold, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<IntervalHold>> RestoresOwedAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {HoldColumns} FROM interval_holds WHERE restore_asked_at IS NOT NULL AND released_at IS NULL ORDER BY id",
            _ => { }, ReadHold, cancellationToken);

    /// <inheritdoc />
    public Task AskRestoreAsync(string station, string reference, DateTimeOffset at, CancellationToken cancellationToken) =>
        InAccountTransactionAsync("noting a restore owed", (connection, transaction) =>
        {
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE interval_holds SET restore_asked_at = coalesce(restore_asked_at, $at)
                WHERE station = $station AND reference = $reference AND released_at IS NULL
                """;
            update.Parameters.AddWithValue("$station", station);
            update.Parameters.AddWithValue("$reference", reference);
            update.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            return update.ExecuteNonQuery();
        }, cancellationToken);

    /// <inheritdoc />
    public Task PutHoldAsync(IntervalHold hold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hold);
        return InAccountTransactionAsync("holding a station's interval", (connection, transaction) =>
        {
            // A reference that tightens again keeps the interval it remembered first: that is the one to go back to.
            using SqliteCommand upsert = connection.CreateCommand();
            upsert.Transaction = transaction;
            upsert.CommandText = """
                INSERT INTO interval_holds (station, reference, previous_seconds, previous_source, seconds, tightened_at, released_at)
                VALUES ($station, $reference, $previous, $source, $seconds, $at, NULL)
                ON CONFLICT (station, reference) WHERE released_at IS NULL DO UPDATE SET seconds = excluded.seconds, restore_asked_at = NULL
                """;
            upsert.Parameters.AddWithValue("$station", hold.Station);
            upsert.Parameters.AddWithValue("$reference", hold.Reference);
            upsert.Parameters.AddWithValue("$previous", hold.PreviousSeconds);
            upsert.Parameters.AddWithValue("$source", hold.PreviousSource);
            upsert.Parameters.AddWithValue("$seconds", hold.Seconds);
            upsert.Parameters.AddWithValue("$at", hold.TightenedAt.ToUnixTimeMilliseconds());
            return upsert.ExecuteNonQuery();
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReleaseHoldAsync(string station, string reference, DateTimeOffset at, CancellationToken cancellationToken) =>
        InAccountTransactionAsync("releasing a station's interval", (connection, transaction) =>
        {
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE interval_holds SET released_at = $at WHERE station = $station AND reference = $reference AND released_at IS NULL";
            update.Parameters.AddWithValue("$station", station);
            update.Parameters.AddWithValue("$reference", reference);
            update.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
            return update.ExecuteNonQuery() > 0;
        }, cancellationToken);

    private const string HoldColumns = "station, reference, previous_seconds, previous_source, seconds, tightened_at, restore_asked_at";

    private static IntervalHold ReadHold(SqliteDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetInt32(4), Utc(r.GetInt64(5)), r.IsDBNull(6) ? null : Utc(r.GetInt64(6)));

    private static DateTimeOffset Utc(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
