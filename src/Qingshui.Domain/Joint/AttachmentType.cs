namespace Qingshui.Domain.Joint;

/// <summary>附件类型: what an attachment's content was recognised as (by its bytes, not by the name it came with).</summary>
public enum AttachmentType
{
    /// <summary>A JPEG photo (starts FF D8 FF).</summary>
    Jpeg,

    /// <summary>A PNG image (starts 89 50 4E 47 0D 0A 1A 0A).</summary>
    Png,

    /// <summary>A PDF document (starts <c>%PDF-</c>).</summary>
    Pdf,

    /// <summary>Plain UTF-8 text: minutes, CSV, GPX or GeoJSON, by the file's extension.</summary>
    Text,
}
