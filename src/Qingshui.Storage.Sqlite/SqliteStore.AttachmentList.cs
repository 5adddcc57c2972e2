using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Sqlite;

/// <summary>The list of the attachments shared with an organisation, a page at a time.</summary>
public sealed partial class SqliteStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredAttachment>> ListAttachmentsAsync(string organisation, string? after, int limit, CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredAttachment> page = await QueryAsync(
            """
            SELECT a.id, a.file_name, a.media_type, a.size, a.uploaded_by, a.organisation, a.uploaded_at
            FROM attachments a JOIN attachment_shares s ON s.attachment = a.id AND s.organisation = $organisation
            WHERE $after IS NULL OR a.id > $after
            ORDER BY a.id LIMIT $limit
            """,
            c =>
            {
                c.Parameters.AddWithValue("$organisation", organisation);
                c.Parameters.AddWithValue("$after", (object?)after ?? DBNull.Value);
                c.Parameters.AddWithValue("$limit", limit);
            },
            r => new StoredAttachment(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5),
                StoredText.ParseTime(r.GetString(6)), []),
            cancellationToken);
        if (page.Count == 0)
        {
            return page;
        }

        // The shares of the page's attachments in one query: those between its first and last id, kept for the page's own.
        IReadOnlyList<(string Attachment, string Organisation)> shares = await QueryAsync(
            "SELECT attachment, organisation FROM attachment_shares WHERE attachment >= $first AND attachment <= $last ORDER BY organisation",
            c =>
            {
                c.Parameters.AddWithValue("$first", page[0].Id);
                c.Parameters.AddWithValue("$last", page[^1].Id);
            },
            r => (r.GetString(0), r.GetString(1)),
            cancellationToken);
        ILookup<string, string> byAttachment = shares.ToLookup(s => s.Attachment, s => s.Organisation, StringComparer.Ordinal);
        return [.. page.Select(a => a with { SharedWith = [.. byAttachment[a.Id]] })];
    }
}
