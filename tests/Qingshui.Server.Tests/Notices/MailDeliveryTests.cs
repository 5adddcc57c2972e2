using MimeKit;
using Qingshui.Server.Notices.Receivers;
using Qingshui.Storage.Notices;

namespace Qingshui.Server.Tests.Notices;

public sealed class MailDeliveryTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    private static MailReceiver Mail(int port, MailSecurity security = MailSecurity.None) => new(
        "duty-mail", "127.0.0.1", port, security, null, null, MailboxAddress.Parse("qingshui@office.example"),
        new Dictionary<string, IReadOnlyList<MailboxAddress>>
        {
            ["hunan"] = [MailboxAddress.Parse("duty@hunan.example"), MailboxAddress.Parse("chief@hunan.example")],
            ["jiangxi"] = [MailboxAddress.Parse("duty@jiangxi.example")],
        }, TimeSpan.FromSeconds(10), null);

    [Fact]
    public async Task Mail_NoticeForHunan_ReachesTheSmtpServer_WithSubjectBodyAndHunansAddresses()
    {
        await using SmtpSink smtp = SmtpSink.Start();
        await using TestHost host = await NoticeDesk.StartAsync([Mail(smtp.Port)]);

        await NoticeDesk.PostAsync(host, NoticeDesk.Notice(3, "hunan"));
        MimeMessage[] messages = await smtp.WaitForAsync(1, Within);
        IReadOnlyList<NoticeEntry> stored = await NoticeDesk.WaitForAsync(host, n => NoticeDesk.AllDelivered(n, 1), Within);

        MimeMessage message = Assert.Single(messages);
        Assert.Equal("[Qingshui] 预警 3 / Alert 3", message.Subject);
        Assert.Equal(["duty@hunan.example", "chief@hunan.example"], message.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("qingshui@office.example", message.From.Mailboxes.Single().Address);
        Assert.Contains("正文 3", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("Body 3", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("alert/3", message.TextBody, StringComparison.Ordinal);
        Assert.Equal(stored[0].Notice.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), message.Headers["X-Qingshui-Notice"]);
        Assert.Equal(250, stored[0].Deliveries[0].LastAttempt?.StatusCode);
    }

    [Fact]
    public async Task Mail_ServerDown_IsRetried_AndArrivesOnceWhenItComesUp()
    {
        int port = WebhookSink.FreePort();
        await using TestHost host = await NoticeDesk.StartAsync([Mail(port)]);
        await NoticeDesk.PostAsync(host, NoticeDesk.Notice(1, "jiangxi"));
        await NoticeDesk.WaitForAsync(host, n => n.Any(e => e.Deliveries[0].Attempts >= 2), Within);

        await using SmtpSink smtp = SmtpSink.StartOn(port);
        IReadOnlyList<NoticeEntry> stored = await NoticeDesk.WaitForAsync(host, n => NoticeDesk.AllDelivered(n, 1), Within);
        await Task.Delay(300, TestContext.Current.CancellationToken);

        MimeMessage message = Assert.Single(smtp.Messages);
        Assert.Equal("duty@jiangxi.example", message.To.Mailboxes.Single().Address);
        NoticeEntry entry = (await NoticeDesk.Store(host).FindNoticeAsync(stored[0].Notice.Id, TestContext.Current.CancellationToken))!;
        Assert.Contains(entry.Deliveries[0].History, a => a.Error == "could not be reached (ConnectionRefused)");
    }

    [Fact]
    public async Task Mail_NoticeForAnOrganisationWithoutAddresses_IsNotOwedToTheMailReceiver()
    {
        await using SmtpSink smtp = SmtpSink.Start();
        await using TestHost host = await NoticeDesk.StartAsync([Mail(smtp.Port)]);

        await NoticeDesk.PostAsync(host, NoticeDesk.Notice(1, "observer-institute"));
        IReadOnlyList<NoticeEntry> stored = await NoticeDesk.Store(host).ListNoticesAsync(new NoticeQuery(10), TestContext.Current.CancellationToken);

        Assert.Empty(Assert.Single(stored).Deliveries);
    }
}
