using System.Text.Json;
using Microsoft.Data.Sqlite;
using Qingshui.Domain.Joint;
using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Sqlite;

/// <summary>Joint sampling events: one row each, their lists as JSON, written under the write lock.</summary>
public sealed partial class SqliteStore : ISamplingStore
{
    private const string SamplingColumns = "id, section, sampled_text, place, samplers, samples, results, attachments, note, created_by, organisation, created_at";

    /// <inheritdoc />
    public Task<SamplingEvent> CreateSamplingAsync(SamplingEvent samplingEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(samplingEvent);
        SamplingEvent e = samplingEvent;
        return InAccountTransactionAsync("storing a joint sampling event", (connection, transaction) =>
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO joint_sampling (section, sampled_at, sampled_text, place, samplers, samples, results, attachments, note, created_by, organisation, created_at)
                VALUES ($section, $at, $text, $place, $samplers, $samples, $results, $attachments, $note, $by, $org, $created) RETURNING id
                """;
            insert.Parameters.AddWithValue("$section", e.Section);
            insert.Parameters.AddWithValue("$at", e.SampledAt.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$text", StoredText.Time(e.SampledAt));
            insert.Parameters.AddWithValue("$place", e.Place);
            insert.Parameters.AddWithValue("$samplers", JsonSerializer.Serialize(e.Samplers));
            insert.Parameters.AddWithValue("$samples", JsonSerializer.Serialize(e.Samples));
            insert.Parameters.AddWithValue("$results", JsonSerializer.Serialize(e.Results));
            insert.Parameters.AddWithValue("$attachments", JsonSerializer.Serialize(e.Attachments));
            insert.Parameters.AddWithValue("$note", e.Note);
            insert.Parameters.AddWithValue("$by", e.CreatedBy);
            insert.Parameters.AddWithValue("$org", e.Organisation);
            insert.Parameters.AddWithValue("$created", StoredText.Time(e.CreatedAt));
            return e with { Id = (long)insert.ExecuteScalar()! };
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> SetResultsAsync(long id, IReadOnlyList<LabResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        return InAccountTransactionAsync("storing laboratory results", (connection, transaction) =>
        {
            using SqliteCommand update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE joint_sampling SET results = $results WHERE id = $id";
            update.Parameters.AddWithValue("$results", JsonSerializer.Serialize(results));
            update.Parameters.AddWithValue("$id", id);
            return update.ExecuteNonQuery() == 1;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<SamplingEvent?> FindSamplingAsync(long id, CancellationToken cancellationToken)
    {
        IReadOnlyList<SamplingEvent> found = await QueryAsync($"SELECT {SamplingColumns} FROM joint_sampling WHERE id = $id",
            command => command.Parameters.AddWithValue("$id", id), ReadSampling, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SamplingEvent>> ListSamplingAsync(SamplingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        string sql = $"""
            SELECT {SamplingColumns} FROM joint_sampling
            WHERE ($section IS NULL OR section = $section) AND ($from IS NULL OR sampled_at >= $from) AND ($to IS NULL OR sampled_at < $to)
              AND ($before IS NULL OR id < $before)
            ORDER BY id DESC LIMIT $limit
            """;
        return QueryAsync(sql, command =>
        {
            command.Parameters.AddWithValue("$section", (object?)query.Section ?? DBNull.Value);
            command.Parameters.AddWithValue("$from", query.From is DateTimeOffset from ? from.ToUnixTimeMilliseconds() : DBNull.Value);
            command.Parameters.AddWithValue("$to", query.To is DateTimeOffset to ? to.ToUnixTimeMilliseconds() : DBNull.Value);
            command.Parameters.AddWithValue("$before", query.Before is long before ? before : DBNull.Value);
            command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, SamplingQuery.MaxLimit));
        }, ReadSampling, cancellationToken);
    }

    private static SamplingEvent ReadSampling(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), StoredText.ParseTime(r.GetString(2)), r.GetString(3),
        JsonSerializer.Deserialize<Sampler[]>(r.GetString(4))!, JsonSerializer.Deserialize<string[]>(r.GetString(5))!,
        JsonSerializer.Deserialize<LabResult[]>(r.GetString(6))!, JsonSerializer.Deserialize<string[]>(r.GetString(7))!,
        r.GetString(8), r.GetString(9), r.GetString(10), StoredText.ParseTime(r.GetString(11)));
}
