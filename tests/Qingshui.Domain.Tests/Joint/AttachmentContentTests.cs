using System.Text;
using Qingshui.Domain.Joint;

namespace Qingshui.Domain.Tests.Joint;

public sealed class AttachmentContentTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00 }, "IMG_0001.JPG", "image/jpeg")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, "no-extension", "image/png")]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "minutes.txt", "application/pdf")]
    public void Sniff_MagicBytes_DecideTheType_WhateverTheName(byte[] head, string name, string mediaType)
    {
        AttachmentVerdict verdict = AttachmentContent.Sniff(head, name, complete: true);

        Assert.Equal((mediaType, null), (verdict.MediaType, verdict.Refusal));
    }

    [Theory]
    [InlineData("route.gpx", "application/gpx+xml")]
    [InlineData("route.GeoJSON", "application/geo+json")]
    [InlineData("lab.csv", "text/csv; charset=utf-8")]
    public void Sniff_Utf8TextWithATextExtension_IsText(string name, string mediaType)
    {
        byte[] text = Encoding.UTF8.GetBytes("\uFEFF采样点,氨氮\r\n金鱼石,0.02L\n");

        AttachmentVerdict verdict = AttachmentContent.Sniff(text, name, complete: true);

        Assert.Equal((AttachmentType.Text, mediaType), (verdict.Type, verdict.MediaType));
    }

    [Fact]
    public void Sniff_HeadCutInsideAMultiByteCharacter_IsStillText_UnlessItIsTheWholeContent()
    {
        byte[] cut = Encoding.UTF8.GetBytes("氨氮")[..4];

        Assert.Null(AttachmentContent.Sniff(cut, "a.csv", complete: false).Refusal);
        Assert.Equal("is not UTF-8 text (invalid byte at offset 3)", AttachmentContent.Sniff(cut, "a.csv", complete: true).Refusal);
    }

    [Theory]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, "tool.exe", "is not a JPEG, PNG or PDF by its content, and '.exe' is not a text type")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04 }, "report.xlsx", "'.xlsx' is not a text type")]
    [InlineData(new byte[] { 0x61, 0x00, 0x62 }, "notes.txt", "is not plain text (control byte 0x00 at offset 1)")]
    [InlineData(new byte[] { }, "empty.pdf", "is empty")]
    public void Sniff_AnythingElse_IsRefusedSayingWhy(byte[] head, string name, string why)
    {
        AttachmentVerdict verdict = AttachmentContent.Sniff(head, name, complete: true);

        Assert.Null(verdict.Type);
        Assert.Contains(why, verdict.Refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("../etc/passwd", "must not contain control characters or path separators")]
    [InlineData("a\u202Egpj.exe", "must not contain control characters or path separators")]
    public void FileName_Unsafe_IsRefused(string? name, string why)
    {
        Assert.Equal(why, AttachmentContent.FileNameRefusal(name));
    }
}
