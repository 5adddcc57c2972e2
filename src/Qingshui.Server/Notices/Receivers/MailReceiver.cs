using MimeKit;
using Qingshui.Storage.Notices;

namespace Qingshui.Server.Notices.Receivers;

/// <summary>How the SMTP connection is secured.</summary>
internal enum MailSecurity
{
    /// <summary>Plain text (a relay on the same host or network only).</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS, which must succeed (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    Tls,
}

/// <summary>E-mail over SMTP: one message per notice to the addresses listed for the notice's organisations.</summary>
internal sealed class MailReceiver(
    string name, string host, int port, MailSecurity security, string? user, string? password, MailboxAddress from,
    IReadOnlyDictionary<string, IReadOnlyList<MailboxAddress>> to, TimeSpan timeout, IReadOnlyList<string>? kinds)
    : NoticeReceiver(name, null, kinds)
{
    /// <summary>The key in <see cref="To"/> whose addresses get every notice the receiver takes.</summary>
    public const string EveryOrganisation = "*";

    public string Host { get; } = host;

    public int Port { get; } = port;

    public MailSecurity Security { get; } = security;

    /// <summary>The SMTP user, when the server wants one.</summary>
    public string? User { get; } = user;

    /// <summary>The SMTP password (never logged or shown).</summary>
    public string? Password { get; } = password;

    public MailboxAddress From { get; } = from;

    /// <summary>Addresses per organisation id (and <see cref="EveryOrganisation"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<MailboxAddress>> To { get; } = to;

    /// <summary>How long one attempt may take (each SMTP exchange).</summary>
    public TimeSpan Timeout { get; } = timeout;

    /// <summary>Who is written to about a notice: the lists of its organisations (all lists for a notice for every member), without repeats.</summary>
    public IReadOnlyList<MailboxAddress> RecipientsOf(NoticeRecord notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        IEnumerable<MailboxAddress> all = notice.Organisations.Count == 0
            ? To.Values.SelectMany(v => v)
            : To.Where(e => e.Key == EveryOrganisation || notice.Organisations.Contains(e.Key, StringComparer.Ordinal)).SelectMany(e => e.Value);
        return [.. all.DistinctBy(a => a.Address, StringComparer.OrdinalIgnoreCase)];
    }

    public override bool Takes(NoticeRecord notice) => base.Takes(notice) && RecipientsOf(notice).Count > 0;
}
