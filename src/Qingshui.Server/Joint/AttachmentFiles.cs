using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Qingshui.Domain.Joint;
using SkiaSharp;

namespace Qingshui.Server.Joint;

/// <summary>What became of an upload: stored (its id, size and type), or refused with the HTTP status and why.</summary>
internal sealed record AttachmentUpload(string? Id, long Size, AttachmentVerdict? Verdict, int Status, string? Refusal);

/// <summary>
/// Attachments' content as files named by their SHA-256 in <c>attachments/</c> next to the database (<c>ab/abcdef…</c>), with
/// JPEG thumbnails of images in <c>attachments/thumbs/</c>. An upload is written to a temporary file while it is hashed and
/// counted; only when it is within the size limit, recognised by its content and (for an image) decodable is it moved to its
/// final name, so a refused upload leaves nothing behind. The same content uploaded twice is one file.
/// </summary>
internal sealed class AttachmentFiles
{
    private const int BufferSize = 81_920;
    private readonly string _root;
    private readonly JointMeetingSettings _settings;

    public AttachmentFiles(ServerOptions options)
    {
        _settings = options.JointMeetings;
        _root = Path.Combine(options.DataDirectory, "attachments");
    }

    /// <summary>The folder holding attachments.</summary>
    public string Root => _root;

    /// <summary>The content's path, or <c>null</c> when missing.</summary>
    public string? ContentPath(string id) => File.Exists(PathOf(id)) ? PathOf(id) : null;

    /// <summary>The thumbnail's path, or <c>null</c> when there is none.</summary>
    public string? ThumbnailPath(string id) => File.Exists(ThumbnailOf(id)) ? ThumbnailOf(id) : null;

    /// <summary>Reads <paramref name="content"/> to a temporary file, checks it, and keeps it under its hash.</summary>
    public async Task<AttachmentUpload> SaveAsync(Stream content, string fileName, CancellationToken cancellationToken)
    {
        string temporary = Path.Combine(Directory.CreateDirectory(Path.Combine(_root, "tmp")).FullName, Path.GetRandomFileName());
        try
        {
            (byte[] head, long size, string? id) = await CopyAsync(content, temporary, cancellationToken);
            if (id is null)
            {
                return new(null, size, null, StatusCodes.Status413PayloadTooLarge,
                    $"is larger than the limit of {_settings.MaxAttachmentBytes} bytes");
            }

            AttachmentVerdict verdict = AttachmentContent.Sniff(head, fileName, complete: size <= head.Length);
            if (verdict.Refusal is string refusal)
            {
                return new(null, size, verdict, StatusCodes.Status415UnsupportedMediaType, refusal);
            }

            if (verdict.IsImage && !WriteThumbnail(temporary, id))
            {
                return new(null, size, verdict, StatusCodes.Status415UnsupportedMediaType,
                    $"starts like a {verdict.MediaType} image but cannot be decoded as one");
            }

            string final = PathOf(id);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            if (!File.Exists(final))
            {
                File.Move(temporary, final);
            }

            return new(id, size, verdict, StatusCodes.Status201Created, null);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>
    /// Keeps content that arrived whole by other means (a file a station sent over HJ 212) under its id, the lowercase hex
    /// SHA-256 the caller computed; the same content already kept is left as it is.
    /// </summary>
    public async Task KeepAsync(string id, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        if (!AttachmentIds.IsValid(id))
        {
            throw new ArgumentException("must be an attachment id (64 lowercase hex digits)", nameof(id));
        }

        string final = PathOf(id);
        if (File.Exists(final))
        {
            return;
        }

        string temporary = Path.Combine(Directory.CreateDirectory(Path.Combine(_root, "tmp")).FullName, Path.GetRandomFileName());
        try
        {
            await File.WriteAllBytesAsync(temporary, content, cancellationToken);
            Directory.CreateDirectory(Path.GetDirectoryName(final)!);
            File.Move(temporary, final, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    // Copies at most the limit plus one byte; a null id means the content was over the limit.
    private async Task<(byte[] Head, long Size, string? Id)> CopyAsync(Stream content, string temporary, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] buffer = new byte[BufferSize];
        byte[] head = new byte[AttachmentContent.HeadLength];
        long size = 0;
        await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, useAsync: true))
        {
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (size < head.Length)
                {
                    buffer.AsSpan(0, (int)Math.Min(read, head.Length - size)).CopyTo(head.AsSpan((int)size));
                }

                size += read;
                if (size > _settings.MaxAttachmentBytes)
                {
                    return (head, size, null);
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await file.FlushAsync(cancellationToken);
        }

        return (head[..(int)Math.Min(size, head.Length)], size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    // A JPEG no larger than the thumbnail size on its longest side; false when the image cannot be decoded.
    private bool WriteThumbnail(string source, string id)
    {
        using SKBitmap? image = SKBitmap.Decode(source);
        if (image is null || image.Width <= 0 || image.Height <= 0)
        {
            return false;
        }

        double scale = Math.Min(1.0, (double)_settings.ThumbnailSize / Math.Max(image.Width, image.Height));
        var size = new SKImageInfo(Math.Max(1, (int)(image.Width * scale)), Math.Max(1, (int)(image.Height * scale)));
        using SKBitmap? small = image.Resize(size, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        if (small is null)
        {
            return false;
        }

        using SKData data = small.Encode(SKEncodedImageFormat.Jpeg, 80);
        string target = ThumbnailOf(id);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        string partial = target + ".part";
        using (FileStream file = File.Create(partial))
        {
            data.SaveTo(file);
        }

        File.Move(partial, target, overwrite: true);
        return true;
    }

    private string PathOf(string id) => Path.Combine(_root, id[..2], id);

    private string ThumbnailOf(string id) => Path.Combine(_root, "thumbs", id + ".jpg");
}
