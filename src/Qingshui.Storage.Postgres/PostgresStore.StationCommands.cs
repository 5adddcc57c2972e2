using Npgsql;
using NpgsqlTypes;
using Qingshui.Storage.Commands;
using static Qingshui.Storage.Postgres.AccountRows;

namespace Qingshui.Storage.Postgres;

/// <summary>Commands to stations, their answers and the intervals held.</summary>
public sealed partial class PostgresStore : IStationCommandStore
{
    private const string HoldColumns = "station, reference, previous_seconds, previous_source, seconds, tightened_at, restore_asked_at";

    /// <inheritdoc />
    public Task<StationCommandEntry> AddCommandAsync(StationCommandEntry command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return AccountWriteAsync("logging a station command", async connection =>
        {
            IReadOnlyList<long> id = await RowsOnAsync(connection, """
                INSERT INTO station_commands (station, qn, cn, request, reference, sent_at, state, detail, answered_at)
                VALUES (@station, @qn, @cn, @request, @reference, @sent, @state, @detail, NULL) RETURNING id
                """, p =>
            {
                p.AddWithValue("station", command.Station);
                p.AddWithValue("qn", command.RequestId);
                p.AddWithValue("cn", command.Command);
                p.AddWithValue("request", command.Request);
                p.AddWithValue("reference", command.Reference);
                p.AddWithValue("sent", command.SentAt.ToUnixTimeMilliseconds());
                p.AddWithValue("state", command.State);
                p.Add(Maybe("detail", NpgsqlDbType.Text, command.Detail));
            }, r => r.GetInt64(0), cancellationToken);
            return command with { Id = id[0], AnsweredAt = null, Answers = [] };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task FinishCommandAsync(
        long id, string state, string? detail, DateTimeOffset? answeredAt, IReadOnlyList<StationAnswerEntry> answers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return AccountWriteAsync("recording a station's answers", async connection =>
        {
            // The update locks the command's row first, so answers a second node records for it are numbered after these.
            await ChangeOnAsync(connection, "UPDATE station_commands SET state = @state, detail = @detail, answered_at = @answered WHERE id = @id", p =>
            {
                p.AddWithValue("id", id);
                p.AddWithValue("state", state);
                p.Add(Maybe("detail", NpgsqlDbType.Text, detail));
                p.Add(Maybe("answered", NpgsqlDbType.Bigint, answeredAt?.ToUnixTimeMilliseconds()));
            }, cancellationToken);
            if (answers.Count == 0)
            {
                return 0;
            }

            return await ChangeOnAsync(connection, """
                INSERT INTO station_command_answers (command, seq, cn, data, received_at)
                SELECT @command, (SELECT coalesce(max(seq), 0) FROM station_command_answers WHERE command = @command) + a.n, a.cn, a.data, a.received
                FROM unnest(@cns, @datas, @received) WITH ORDINALITY AS a (cn, data, received, n)
                """, p =>
            {
                p.AddWithValue("command", id);
                p.AddWithValue("cns", answers.Select(a => a.Command).ToArray());
                p.AddWithValue("datas", answers.Select(a => a.Data).ToArray());
                p.AddWithValue("received", answers.Select(a => a.ReceivedAt.ToUnixTimeMilliseconds()).ToArray());
            }, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StationCommandEntry>> CommandsAsync(string station, int limit, long? before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(station);
        IReadOnlyList<StationCommandEntry> commands = await AccountRowsAsync("reading station commands", """
            SELECT id, station, qn, cn, request, reference, sent_at, state, detail, answered_at FROM station_commands
            WHERE station = @station AND (@before::bigint IS NULL OR id < @before) ORDER BY id DESC LIMIT @limit
            """, p =>
        {
            p.AddWithValue("station", station);
            p.Add(Maybe("before", NpgsqlDbType.Bigint, before));
            p.AddWithValue("limit", Math.Max(1, limit));
        }, r => new StationCommandEntry(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), Time(r.GetInt64(6)),
            r.GetString(7), TextOrNull(r, 8), Time(r, 9), []), cancellationToken);
        if (commands.Count == 0)
        {
            return commands;
        }

        IReadOnlyList<(long Command, StationAnswerEntry Answer)> answers = await AccountRowsAsync("reading station answers", """
            SELECT command, cn, data, received_at FROM station_command_answers WHERE command = ANY(@ids) ORDER BY command, seq
            """, p => p.AddWithValue("ids", commands.Select(c => c.Id).ToArray()),
            r => (r.GetInt64(0), new StationAnswerEntry(r.GetString(1), r.GetString(2), Time(r.GetInt64(3)))), cancellationToken);
        ILookup<long, StationAnswerEntry> byCommand = answers.ToLookup(a => a.Command, a => a.Answer);
        return [.. commands.Select(c => c with { Answers = [.. byCommand[c.Id]] })];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<IntervalHold>> OpenHoldsAsync(string station, CancellationToken cancellationToken) =>
        AccountRowsAsync("reading interval holds", $"SELECT {HoldColumns} FROM interval_holds WHERE station = @station AND released_at IS NULL ORDER BY id",
            p => p.AddWithValue("station", station), ReadHold, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<IntervalHold>> RestoresOwedAsync(CancellationToken cancellationToken) =>
        AccountRowsAsync("reading restores owed",
            $"SELECT {HoldColumns} FROM interval_holds WHERE restore_asked_at IS NOT NULL AND released_at IS NULL ORDER BY id", _ => { }, ReadHold, cancellationToken);

    /// <inheritdoc />
    public Task AskRestoreAsync(string station, string reference, DateTimeOffset at, CancellationToken cancellationToken) =>
        AccountWriteAsync("noting a restore owed", connection => ChangeOnAsync(connection, """
            UPDATE interval_holds SET restore_asked_at = coalesce(restore_asked_at, @at)
            WHERE station = @station AND reference = @reference AND released_at IS NULL
            """, p =>
        {
            p.AddWithValue("station", station);
            p.AddWithValue("reference", reference);
            p.AddWithValue("at", at.ToUnixTimeMilliseconds());
        }, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task PutHoldAsync(IntervalHold hold, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hold);
        // A reference that tightens again keeps the interval it remembered first: that is the one to go back to. The
        // partial unique index makes two nodes tightening at once meet here too: one inserts, the other updates.
        return AccountWriteAsync("holding a station's interval", connection => ChangeOnAsync(connection, """
            INSERT INTO interval_holds (station, reference, previous_seconds, previous_source, seconds, tightened_at, released_at)
            VALUES (@station, @reference, @previous, @source, @seconds, @at, NULL)
            ON CONFLICT (station, reference) WHERE released_at IS NULL DO UPDATE SET seconds = excluded.seconds, restore_asked_at = NULL
            """, p =>
        {
            p.AddWithValue("station", hold.Station);
            p.AddWithValue("reference", hold.Reference);
            p.AddWithValue("previous", hold.PreviousSeconds);
            p.AddWithValue("source", hold.PreviousSource);
            p.AddWithValue("seconds", hold.Seconds);
            p.AddWithValue("at", hold.TightenedAt.ToUnixTimeMilliseconds());
        }, cancellationToken), cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> ReleaseHoldAsync(string station, string reference, DateTimeOffset at, CancellationToken cancellationToken) =>
        AccountWriteAsync("releasing a station's interval", async connection => await ChangeOnAsync(connection,
            "UPDATE interval_holds SET released_at = @at WHERE station = @station AND reference = @reference AND released_at IS NULL", p =>
            {
                p.AddWithValue("station", station);
                p.AddWithValue("reference", reference);
                p.AddWithValue("at", at.ToUnixTimeMilliseconds());
            }, cancellationToken) > 0, cancellationToken);

    private static IntervalHold ReadHold(NpgsqlDataReader r) =>
        new(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetInt32(4), Time(r.GetInt64(5)), Time(r, 6));
}
