using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Qingshui.Server.Joint;
using Qingshui.Server.Tests.Accounts;
using Qingshui.Storage.Joint;

namespace Qingshui.Server.Tests.Joint;

public sealed class AttachmentsApiTests
{
    [Fact]
    public async Task Upload_OverTheSizeLimit_Is413ProblemNamingFile_AndNothingIsStored()
    {
        await using TestHost host = await JointDesk.StartAsync(o => o with { JointMeetings = o.JointMeetings with { MaxAttachmentBytes = 10_000 } });
        using HttpClient operatorOfJiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        byte[] big = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("time,value\n2025-03-01T08:00,0.25\n", 1000)));

        HttpResponseMessage response = await JointDesk.UploadAsync(operatorOfJiangxi, big, "samples.csv");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.BodyAsync();
        Assert.Contains("10000 bytes", body.GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(host, big);
    }

    [Theory]
    [InlineData("setup.exe", new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03 }, "is not a JPEG, PNG or PDF")]
    [InlineData("route.gpx", new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03 }, "is not UTF-8 text")]
    [InlineData("photo.jpg", new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E }, "is not a JPEG, PNG or PDF")]
    [InlineData("broken.png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00 }, "cannot be decoded")]
    public async Task Upload_OfADisallowedType_Is415ProblemSayingWhy_AndNothingIsStored(string fileName, byte[] content, string why)
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient operatorOfJiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");

        HttpResponseMessage response = await JointDesk.UploadAsync(operatorOfJiangxi, content, fileName);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(why, (await response.BodyAsync()).GetProperty("errors").GetProperty("file")[0].GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(host, content);
    }

    [Fact]
    public async Task Upload_Png_IsStoredByItsHash_WithAThumbnail_ServedInlineAndNosniff()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient operatorOfJiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-viewer");
        byte[] png = JointDesk.Png(600, 300);
        string id = Convert.ToHexStringLower(SHA256.HashData(png));

        HttpResponseMessage uploaded = await JointDesk.UploadAsync(operatorOfJiangxi, png, "finding.png");
        HttpResponseMessage content = await hunan.GetAsync($"/api/v1/joint/attachments/{id}", TestContext.Current.CancellationToken);
        HttpResponseMessage thumbnail = await hunan.GetAsync($"/api/v1/joint/attachments/{id}/thumbnail", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        Assert.Equal(id, (await uploaded.BodyAsync()).GetProperty("id").GetString());
        Assert.Equal(png, await content.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(("image/png", "inline"), (content.Content.Headers.ContentType?.MediaType, content.Content.Headers.ContentDisposition?.DispositionType));
        Assert.Equal("nosniff", content.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("image/jpeg", thumbnail.Content.Headers.ContentType?.MediaType);
        using var small = SkiaSharp.SKBitmap.Decode(await thumbnail.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal((256, 128), (small.Width, small.Height));
    }

    [Fact]
    public async Task Get_ByAMemberOfAnOrganisationItIsNotSharedWith_Is403_PdfIsADownload()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient operatorOfJiangxi = await LedgerDesk.SignedInAsync(host, "jx-operator");
        using HttpClient hunan = await LedgerDesk.SignedInAsync(host, "hn-operator");
        using HttpClient observer = await LedgerDesk.SignedInAsync(host, "observer-operator");
        byte[] pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
        string id = Convert.ToHexStringLower(SHA256.HashData(pdf));

        Assert.Equal(HttpStatusCode.Created, (await JointDesk.UploadAsync(operatorOfJiangxi, pdf, "纪要.pdf", share: "jiangxi")).StatusCode);
        HttpResponseMessage own = await operatorOfJiangxi.GetAsync($"/api/v1/joint/attachments/{id}", TestContext.Current.CancellationToken);
        HttpResponseMessage other = await hunan.GetAsync($"/api/v1/joint/attachments/{id}", TestContext.Current.CancellationToken);
        HttpResponseMessage stranger = await observer.GetAsync($"/api/v1/joint/attachments/{id}/meta", TestContext.Current.CancellationToken);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (own.StatusCode, other.StatusCode, stranger.StatusCode));
        Assert.Equal("attachment", own.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("纪要.pdf", own.Content.Headers.ContentDisposition?.FileNameStar);
        Assert.Contains("not shared with your organisation 'hunan'", (await other.BodyAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upload_ByAViewer_Is403_AndAudited()
    {
        await using TestHost host = await JointDesk.StartAsync();
        using HttpClient viewer = await LedgerDesk.SignedInAsync(host, "hn-viewer");

        HttpResponseMessage response = await JointDesk.UploadAsync(viewer, JointDesk.Png(), "a.png");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var last = (await host.Server.Services.GetRequiredService<Storage.Audit.IAuditStore>().ReadAsync(0, 1000, TestContext.Current.CancellationToken))[^1].Record;
        Assert.Equal(("hn-viewer", "joint.attachment.upload", Domain.Audit.AuditOutcome.Refused), (last.Actor, last.Action, last.Outcome));
    }

    // No file left anywhere under the attachments folder (temporary ones included), and no metadata for the content.
    private static async Task AssertNothingStoredAsync(TestHost host, byte[] content)
    {
        string root = host.Server.Services.GetRequiredService<AttachmentFiles>().Root;
        string[] files = Directory.Exists(root) ? Directory.GetFiles(root, "*", SearchOption.AllDirectories) : [];
        Assert.Empty(files);
        string id = Convert.ToHexStringLower(SHA256.HashData(content));
        Assert.Null(await host.Server.Services.GetRequiredService<IAttachmentStore>().FindAttachmentAsync(id, TestContext.Current.CancellationToken));
    }
}
