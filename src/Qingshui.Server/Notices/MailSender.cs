using System.Globalization;
using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Qingshui.Server.Notices.Receivers;
using Qingshui.Storage.Notices;

namespace Qingshui.Server.Notices;

/// <summary>
/// Sends a notice as one e-mail over SMTP with MailKit: connect (TLS as configured), sign in when a user is set, send,
/// quit. The server's accepting the message is delivery. Errors name the stage and the server's reply, never the password.
/// </summary>
internal sealed class MailSender(MailReceiver receiver, TimeProvider clock) : INoticeSender
{
    public async Task<DeliveryAttempt> SendAsync(NoticeRecord notice, CancellationToken cancellationToken)
    {
        DateTimeOffset at = clock.GetUtcNow();
        using var message = NoticeMessages.Mail(notice, receiver.From, receiver.RecipientsOf(notice));
        using var client = new SmtpClient { Timeout = (int)receiver.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(receiver.Host, receiver.Port, receiver.Security switch
            {
                MailSecurity.Tls => SecureSocketOptions.SslOnConnect,
                MailSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            }, cancellationToken);
            if (receiver.User is not null)
            {
                await client.AuthenticateAsync(receiver.User, receiver.Password ?? "", cancellationToken);
            }

            await client.SendAsync(message, cancellationToken);
            await client.DisconnectAsync(quit: true, cancellationToken);
            return new DeliveryAttempt(at, true, 250, null);
        }
        catch (SmtpCommandException e)
        {
            return new DeliveryAttempt(at, false, (int)e.StatusCode,
                string.Create(CultureInfo.InvariantCulture, $"the SMTP server refused ({(int)e.StatusCode}): {Shorten(e.Message)}"));
        }
        catch (AuthenticationException)
        {
            return new DeliveryAttempt(at, false, null, "the SMTP server refused the user and password");
        }
        catch (SocketException e)
        {
            return new DeliveryAttempt(at, false, null, $"could not be reached ({e.SocketErrorCode})");
        }
        catch (Exception e) when (e is IOException or TimeoutException or SmtpProtocolException or SslHandshakeException or ServiceNotConnectedException
            or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new DeliveryAttempt(at, false, null, $"SMTP exchange failed ({e.GetType().Name})");
        }
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;
}
