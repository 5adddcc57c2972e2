using Microsoft.Data.Sqlite;
using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Sqlite;

/// <summary>Attachments' metadata and the organisations each is shared with.</summary>
public sealed partial class SqliteStore : IAttachmentStore
{
    /// <inheritdoc />
    public async Task<(StoredAttachment Stored, bool Added)> AddAttachmentAsync(StoredAttachment attachment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        bool added = await InAccountTransactionAsync("storing an attachment", (connection, transaction) =>
        {
            using SqliteCommand insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO attachments (id, file_name, media_type, size, uploaded_by, organisation, uploaded_at)
                VALUES ($id, $name, $type, $size, $by, $organisation, $at) ON CONFLICT DO NOTHING
                """;
            insert.Parameters.AddWithValue("$id", attachment.Id);
            insert.Parameters.AddWithValue("$name", attachment.FileName);
            insert.Parameters.AddWithValue("$type", attachment.MediaType);
            insert.Parameters.AddWithValue("$size", attachment.Size);
            insert.Parameters.AddWithValue("$by", attachment.UploadedBy);
            insert.Parameters.AddWithValue("$organisation", attachment.Organisation);
            insert.Parameters.AddWithValue("$at", StoredText.Time(attachment.UploadedAt));
            bool isNew = insert.ExecuteNonQuery() == 1;
            foreach (string organisation in attachment.SharedWith.Append(attachment.Organisation).Distinct(StringComparer.Ordinal))
            {
                using SqliteCommand share = connection.CreateCommand();
                share.Transaction = transaction;
                share.CommandText = "INSERT INTO attachment_shares (attachment, organisation) VALUES ($id, $organisation) ON CONFLICT DO NOTHING";
                share.Parameters.AddWithValue("$id", attachment.Id);
                share.Parameters.AddWithValue("$organisation", organisation);
                share.ExecuteNonQuery();
            }

            return isNew;
        }, cancellationToken);
        return ((await FindAttachmentAsync(attachment.Id, cancellationToken))!, added);
    }

    /// <inheritdoc />
    public async Task<StoredAttachment?> FindAttachmentAsync(string id, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> shares = await QueryAsync("SELECT organisation FROM attachment_shares WHERE attachment = $id ORDER BY organisation",
            c => c.Parameters.AddWithValue("$id", id), r => r.GetString(0), cancellationToken);
        return (await QueryAsync("SELECT id, file_name, media_type, size, uploaded_by, organisation, uploaded_at FROM attachments WHERE id = $id",
            c => c.Parameters.AddWithValue("$id", id),
            r => new StoredAttachment(r.GetString(0), r.GetString(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.GetString(5), StoredText.ParseTime(r.GetString(6)), shares),
            cancellationToken)).SingleOrDefault();
    }
}
