namespace Qingshui.Server.Notices.Receivers;

/// <summary>How a webhook's body is shaped.</summary>
internal enum WebhookStyle
{
    /// <summary>The notice as JSON (id, kind, reference, title, body, organisations, times).</summary>
    Json,

    /// <summary>A DingTalk or WeCom group robot's text message: <c>{"msgtype":"text","text":{"content":…}}</c>.</summary>
    Robot,
}

/// <summary>A webhook: notices are POSTed as JSON, signed with HMAC-SHA256 of the body under the receiver's secret.</summary>
internal sealed class WebhookReceiver(
    string name, Uri url, byte[] secret, WebhookStyle style, TimeSpan timeout, IReadOnlyList<string>? organisations, IReadOnlyList<string>? kinds)
    : NoticeReceiver(name, organisations, kinds)
{
    /// <summary>Where to POST (it may carry a robot's access token: never logged or shown).</summary>
    public Uri Url { get; } = url;

    /// <summary>The HMAC key (UTF-8 bytes of the configured secret).</summary>
    public byte[] Secret { get; } = secret;

    public WebhookStyle Style { get; } = style;

    /// <summary>How long one attempt may take, answer included.</summary>
    public TimeSpan Timeout { get; } = timeout;
}
