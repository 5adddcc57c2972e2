using Qingshui.Storage.Joint;

namespace Qingshui.Storage.Tests.Joint;

public abstract class AttachmentStoreTests(StoreBackend backend) : BackendStoreTests<IAttachmentStore>(backend)
{
    private static readonly DateTimeOffset Now = new(2024, 3, 1, 9, 30, 0, TimeSpan.FromHours(8));
    private static readonly string Id = new('b', 64);

    private static StoredAttachment Minutes(params string[] sharedWith) =>
        new(Id, "纪要.pdf", "application/pdf", 123_456, "jx-operator", "jiangxi", Now, sharedWith);

    [Fact]
    public async Task Add_New_StoresItSharedWithItsUploader()
    {
        (StoredAttachment stored, bool added) = await Store.AddAttachmentAsync(Minutes("hunan"), Ct);

        Assert.True(added);
        Assert.Equal((Id, "纪要.pdf", "application/pdf", 123_456L, "jx-operator", "jiangxi", Now),
            (stored.Id, stored.FileName, stored.MediaType, stored.Size, stored.UploadedBy, stored.Organisation, stored.UploadedAt));
        Assert.Equal(["hunan", "jiangxi"], stored.SharedWith);
        Assert.Equal(TimeSpan.FromHours(8), (await Store.FindAttachmentAsync(Id, Ct))!.UploadedAt.Offset);
        Assert.Null(await Store.FindAttachmentAsync(new string('c', 64), Ct));
    }

    [Fact]
    public async Task Add_TheSameContentAgain_KeepsTheFirstUpload_AndOnlyAddsShares()
    {
        await Store.AddAttachmentAsync(Minutes("hunan"), Ct);

        (StoredAttachment stored, bool added) = await Store.AddAttachmentAsync(
            Minutes("Office") with { FileName = "copy.pdf", UploadedBy = "hn-operator", Organisation = "hunan" }, Ct);

        Assert.False(added);
        Assert.Equal(("纪要.pdf", "jx-operator", "jiangxi"), (stored.FileName, stored.UploadedBy, stored.Organisation));
        Assert.Equal(["Office", "hunan", "jiangxi"], stored.SharedWith);
    }

    [Fact]
    public async Task List_PagedByIdAfterACursor_IsEachAttachmentSharedWithTheOrganisationOnce_WithItsShares()
    {
        // Five attachments: three shared with Hunan, two kept to Jiangxi, ids interleaved.
        string[] ids = [.. "13579".Select(c => new string(c, 64))];
        for (int i = 0; i < ids.Length; i++)
        {
            await Store.AddAttachmentAsync(Minutes(i % 2 == 0 ? ["hunan"] : []) with { Id = ids[i], FileName = $"{i}.pdf" }, Ct);
        }

        var walked = new List<StoredAttachment>();
        string? after = null;
        int pages = 0;
        while (await Store.ListAttachmentsAsync("hunan", after, 2, Ct) is { Count: > 0 } page)
        {
            walked.AddRange(page);
            after = page[^1].Id;
            pages++;
        }

        Assert.Equal([ids[0], ids[2], ids[4]], walked.Select(a => a.Id));
        Assert.Equal(2, pages);
        Assert.All(walked, a => Assert.Equal(["hunan", "jiangxi"], a.SharedWith));
        Assert.Equal(("2.pdf", 123_456L, Now), (walked[1].FileName, walked[1].Size, walked[1].UploadedAt));
        Assert.Equal(5, (await Store.ListAttachmentsAsync("jiangxi", null, 10, Ct)).Count);
        Assert.Empty(await Store.ListAttachmentsAsync("Office", null, 10, Ct));
    }
}

public sealed class SqliteAttachmentStoreTests() : AttachmentStoreTests(StoreBackend.Sqlite);

public sealed class PostgresAttachmentStoreTests() : AttachmentStoreTests(StoreBackend.Postgres);
