using System.Globalization;
using System.Text;
using System.Text.Json;
using MimeKit;
using Qingshui.Server.Api;
using Qingshui.Server.Api.Contracts;
using Qingshui.Storage.Notices;

namespace Qingshui.Server.Notices;

/// <summary>What a notice looks like to each kind of receiver: webhook JSON, a group robot's text, an e-mail.</summary>
internal static class NoticeMessages
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>The webhook body: the notice as the API shows it, without delivery state.</summary>
    public static byte[] Json(NoticeRecord notice) => JsonSerializer.SerializeToUtf8Bytes(new NoticeMessageDto(
        notice.Id, notice.Kind, notice.Reference, new NameDto(notice.Title.Chinese, notice.Title.English),
        new NameDto(notice.Body.Chinese, notice.Body.English), [.. notice.Organisations], notice.At, notice.PostedAt.ToOffset(Beijing)), JsonAnswer.Options);

    /// <summary>A DingTalk or WeCom group robot's text message: both languages in one text.</summary>
    public static byte[] Robot(NoticeRecord notice) => JsonSerializer.SerializeToUtf8Bytes(new { msgtype = "text", text = new { content = Text(notice) } }, JsonAnswer.Options);

    /// <summary>The e-mail: subject in both languages, a plain-text body, and a Message-Id made from the notice's id so a resend is recognisable.</summary>
    public static MimeMessage Mail(NoticeRecord notice, MailboxAddress from, IEnumerable<MailboxAddress> to)
    {
        var message = new MimeMessage
        {
            Subject = $"[Qingshui] {notice.Title.Chinese} / {notice.Title.English}",
            Date = notice.PostedAt,
            MessageId = string.Create(CultureInfo.InvariantCulture, $"notice-{notice.Id}-{notice.PostedAt.ToUnixTimeMilliseconds()}@qingshui"),
            Body = new TextPart("plain") { Text = Text(notice) },
        };
        message.From.Add(from);
        message.To.AddRange(to);
        message.Headers.Add("X-Qingshui-Notice", notice.Id.ToString(CultureInfo.InvariantCulture));
        return message;
    }

    /// <summary>Plain text: Chinese first, then English, then the reference to fetch.</summary>
    public static string Text(NoticeRecord notice)
    {
        var text = new StringBuilder();
        string at = notice.At.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture);
        text.Append(notice.Title.Chinese).Append('\n').Append(notice.Body.Chinese).Append('\n').Append("时间：").Append(at).Append("\n\n");
        text.Append(notice.Title.English).Append('\n').Append(notice.Body.English).Append('\n').Append("At: ").Append(at).Append("\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{notice.Kind} · {notice.Reference} · notice {notice.Id}");
        return text.ToString();
    }
}
