using NpgsqlTypes;
using Npgsql;
using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Postgres;

/// <summary>The list of the attachments shared with an organisation, a page at a time.</summary>
public sealed partial class PostgresStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredAttachment>> ListAttachmentsAsync(string organisation, string? after, int limit, CancellationToken cancellationToken)
    {
        // Ids compare in byte order (COLLATE "C"), as SQLite's, whatever the cluster's locale: the cursor means the same on both.
        IReadOnlyList<StoredAttachment> page = await JointQueryAsync(
            """
            SELECT a.id, a.file_name, a.media_type, a.size, a.uploaded_by, a.organisation, a.uploaded_at
            FROM attachments a JOIN attachment_shares s ON s.attachment = a.id AND s.organisation = @organisation
            WHERE @after::text IS NULL OR a.id COLLATE "C" > @after::text
            ORDER BY a.id COLLATE "C" LIMIT @limit
            """,
            c =>
            {
                c.Parameters.AddWithValue("organisation", organisation);
                c.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Text) { Value = (object?)after ?? DBNull.Value });
                c.Parameters.AddWithValue("limit", limit);
            },
            r => new StoredAttachment(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5),
                ParseJointTime(r.GetString(6)), []),
            cancellationToken);
        if (page.Count == 0)
        {
            return page;
        }

        // The shares of the page's attachments in one query.
        IReadOnlyList<(string Attachment, string Organisation)> shares = await JointQueryAsync(
            "SELECT attachment, organisation FROM attachment_shares WHERE attachment = ANY(@ids) ORDER BY organisation",
            c => c.Parameters.AddWithValue("ids", page.Select(a => a.Id).ToArray()),
            r => (r.GetString(0), r.GetString(1)),
            cancellationToken);
        ILookup<string, string> byAttachment = shares.ToLookup(s => s.Attachment, s => s.Organisation, StringComparer.Ordinal);
        return [.. page.Select(a => a with { SharedWith = [.. byAttachment[a.Id]] })];
    }
}
