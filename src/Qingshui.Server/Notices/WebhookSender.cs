using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using Qingshui.Server.Notices.Receivers;
using Qingshui.Storage.Notices;

namespace Qingshui.Server.Notices;

/// <summary>
/// POSTs a notice to a webhook, signed: <c>X-Qingshui-Signature: sha256=&lt;hex HMAC-SHA256 of the body&gt;</c>. Any 2xx
/// answer is delivery. Redirects are not followed (the signed body goes only where it was configured to go). Errors are
/// described in words of our own, never with the URL, which may carry a robot's token.
/// </summary>
internal sealed class WebhookSender(WebhookReceiver receiver, HttpClient http, TimeProvider clock) : INoticeSender
{
    public const string SignatureHeader = "X-Qingshui-Signature";
    public const string NoticeHeader = "X-Qingshui-Notice";

    public static string Signature(byte[] secret, byte[] body) => "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, body));

    public async Task<DeliveryAttempt> SendAsync(NoticeRecord notice, CancellationToken cancellationToken)
    {
        byte[] body = receiver.Style == WebhookStyle.Robot ? NoticeMessages.Robot(notice) : NoticeMessages.Json(notice);
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, Signature(receiver.Secret, body));
        request.Headers.Add(NoticeHeader, notice.Id.ToString(CultureInfo.InvariantCulture));
        using var timeout = new CancellationTokenSource(receiver.Timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        DateTimeOffset at = clock.GetUtcNow();
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            int status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? new DeliveryAttempt(at, true, status, null)
                : new DeliveryAttempt(at, false, status, string.Create(CultureInfo.InvariantCulture, $"answered HTTP {status}"));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryAttempt(at, false, null,
                string.Create(CultureInfo.InvariantCulture, $"no answer within {receiver.Timeout.TotalSeconds:0.#} s"));
        }
        catch (HttpRequestException e)
        {
            string why = e.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : e.HttpRequestError.ToString();
            return new DeliveryAttempt(at, false, null, $"could not be reached ({why})");
        }
    }
}
