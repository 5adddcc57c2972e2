using Qingshui.Domain.Network;
using Qingshui.Server.Notices;
using Qingshui.Server.Notices.Receivers;

namespace Qingshui.Server.Tests.Notices;

public sealed class NoticeReceiversFileTests
{
    private const string Secret = "0123456789abcdef-webhook";
    private const string MailPassword = "smtp-password-kept-back";

    private static string File(string receivers, string retry = "") => $$"""
        {
          "format": "qingshui-notice-receivers/1",
          {{retry}}
          "receivers": [ {{receivers}} ]
        }
        """;

    private static readonly string Webhook = $$"""
        { "name": "hunan-duty", "type": "webhook", "url": "https://oapi.dingtalk.com/robot/send?access_token=abc", "secret": "{{Secret}}",
          "style": "robot", "timeoutSeconds": 5, "organisations": ["hunan"], "kinds": ["alert.raised", "incident.*"] }
        """;

    private static readonly string Mail = $$"""
        { "name": "duty-mail", "type": "email", "host": "smtp.example.cn", "port": 465, "tls": "tls", "user": "qingshui", "password": "{{MailPassword}}",
          "from": "Qingshui <qingshui@example.cn>", "to": { "hunan": ["duty@hunan.example"], "*": ["office@example.cn"] } }
        """;

    private static IReadOnlyList<JsonFileError> Errors(string json) => NoticeReceiversFile.Parse(json).Errors;

    [Fact]
    public void Parse_WebhookAndMail_ReadsEveryField()
    {
        (NoticeSettings? settings, IReadOnlyList<JsonFileError> errors) = NoticeReceiversFile.Parse(File(Webhook + "," + Mail,
            "\"retry\": { \"firstDelaySeconds\": 2, \"longestDelaySeconds\": 600, \"maxAttempts\": 50, \"maxAgeHours\": 48 },"));

        Assert.Empty(errors);
        WebhookReceiver webhook = Assert.IsType<WebhookReceiver>(settings!.Receivers[0]);
        Assert.Equal(("hunan-duty", WebhookStyle.Robot, TimeSpan.FromSeconds(5), "oapi.dingtalk.com"), (webhook.Name, webhook.Style, webhook.Timeout, webhook.Url.Host));
        Assert.Equal(Secret, System.Text.Encoding.UTF8.GetString(webhook.Secret));
        Assert.Equal(["hunan"], webhook.Organisations!);
        Assert.Equal(["alert.raised", "incident.*"], webhook.Kinds!);
        MailReceiver mail = Assert.IsType<MailReceiver>(settings.Receivers[1]);
        Assert.Equal(("smtp.example.cn", 465, MailSecurity.Tls, "qingshui", MailPassword, "qingshui@example.cn"),
            (mail.Host, mail.Port, mail.Security, mail.User, mail.Password, mail.From.Address));
        Assert.Equal(["duty@hunan.example"], mail.To["hunan"].Select(a => a.Address));
        Assert.Equal((TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(600), 50, TimeSpan.FromHours(48)),
            (settings.Retry.FirstDelay, settings.Retry.LongestDelay, settings.Retry.MaxAttempts, settings.Retry.MaxAge));
    }

    [Fact]
    public void Parse_MinimalFile_TakesTheDefaults()
    {
        (NoticeSettings? settings, _) = NoticeReceiversFile.Parse(File(
            """{ "name": "m", "type": "email", "host": "10.0.0.5", "from": "a@b.cn", "to": { "jiangxi": ["c@d.cn"] } }"""));

        MailReceiver mail = Assert.IsType<MailReceiver>(Assert.Single(settings!.Receivers));
        Assert.Equal((587, MailSecurity.StartTls, (string?)null, TimeSpan.FromSeconds(30)), (mail.Port, mail.Security, mail.User, mail.Timeout));
        Assert.Equal(DeliveryPolicy.Default, settings.Retry);
    }

    [Theory]
    [InlineData("""{ "name": "w", "type": "webhook", "url": "ftp://x.cn/", "secret": "0123456789abcdef" }""", "$.receivers[0].url", "absolute http or https URL")]
    [InlineData("""{ "name": "w", "type": "webhook", "url": "https://x.cn/" }""", "$.receivers[0].secret", "required")]
    [InlineData("""{ "name": "w", "type": "webhook", "url": "https://x.cn/", "secret": "0123456789abcdef", "style": "card" }""", "$.receivers[0].style", "'card' is not one of json, robot")]
    [InlineData("""{ "name": "w", "type": "webhook", "url": "https://x.cn/", "secret": "0123456789abcdef", "timeoutSeconds": 0 }""", "$.receivers[0].timeoutSeconds", "from 1 to 120")]
    [InlineData("""{ "name": "w", "type": "webhook", "url": "https://x.cn/", "secret": "0123456789abcdef", "secert": "x" }""", "$.receivers[0].secert", "unknown field")]
    [InlineData("""{ "name": "w", "type": "webhook", "url": "https://x.cn/", "secret": "0123456789abcdef", "kinds": ["Alert raised"] }""", "$.receivers[0].kinds[0]", "not a notice kind")]
    [InlineData("""{ "name": "Hunan Duty", "type": "webhook", "url": "https://x.cn/", "secret": "0123456789abcdef" }""", "$.receivers[0].name", "a–z, 0–9")]
    [InlineData("""{ "name": "w", "type": "pager" }""", "$.receivers[0].type", "'pager' is not one of webhook, email")]
    [InlineData("""{ "name": "m", "type": "email", "host": "smtp.x.cn", "from": "not an address", "to": { "hunan": ["a@b.cn"] } }""", "$.receivers[0].from", "not an e-mail address")]
    [InlineData("""{ "name": "m", "type": "email", "host": "smtp.x.cn", "from": "a@b.cn", "to": { "hunan": ["a@b.cn", "nobody"] } }""", "$.receivers[0].to.hunan[1]", "not an e-mail address")]
    [InlineData("""{ "name": "m", "type": "email", "host": "smtp.x.cn", "from": "a@b.cn", "to": { "hunan": [] } }""", "$.receivers[0].to.hunan", "at least one address")]
    [InlineData("""{ "name": "m", "type": "email", "host": "smtp.x.cn", "from": "a@b.cn" }""", "$.receivers[0].to", "required")]
    [InlineData("""{ "name": "m", "type": "email", "host": "smtp.x.cn", "user": "u", "from": "a@b.cn", "to": { "hunan": ["a@b.cn"] } }""", "$.receivers[0].password", "give both or neither")]
    [InlineData("""{ "name": "m", "type": "email", "host": "smtp.x.cn", "tls": "ssl", "from": "a@b.cn", "to": { "hunan": ["a@b.cn"] } }""", "$.receivers[0].tls", "'ssl' is not one of starttls, tls, none")]
    [InlineData("""{ "name": "m", "type": "email", "host": "smtp.x.cn", "port": 70000, "from": "a@b.cn", "to": { "hunan": ["a@b.cn"] } }""", "$.receivers[0].port", "from 1 to 65535")]
    public void Parse_BadReceiver_NamesTheFieldAndWhy(string receiver, string path, string message)
    {
        JsonFileError error = Assert.Single(Errors(File(receiver)));

        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ShortSecret_SaysSoWithoutRepeatingIt()
    {
        JsonFileError error = Assert.Single(Errors(File("""{ "name": "w", "type": "webhook", "url": "https://x.cn/?access_token=tok123", "secret": "short-pw" }""")));

        Assert.Equal("$.receivers[0].secret", error.Path);
        Assert.DoesNotContain("short-pw", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadUrlWithAToken_DoesNotRepeatTheUrl()
    {
        JsonFileError error = Assert.Single(Errors(File("""{ "name": "w", "type": "webhook", "url": "gopher://x.cn/?access_token=tok123", "secret": "0123456789abcdef" }""")));

        Assert.DoesNotContain("tok123", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsThemAll()
    {
        IReadOnlyList<JsonFileError> errors = Errors("""
            { "format": "qingshui-notice-receivers/0", "retry": { "firstDelaySeconds": 60, "longestDelaySeconds": 10 },
              "receivers": [ { "name": "a", "type": "webhook", "url": "https://x.cn/", "secret": "0123456789abcdef" },
                             { "name": "a", "type": "webhook", "url": "https://y.cn/", "secret": "0123456789abcdef" } ] }
            """);

        Assert.Equal(["$.format", "$.retry.longestDelaySeconds", "$.receivers[1].name"], errors.Select(e => e.Path));
    }

    [Theory]
    [InlineData("[]", "$", "must be an object")]
    [InlineData("{", "$ (line 1)", "not valid JSON")]
    [InlineData("""{ "format": "qingshui-notice-receivers/1" }""", "$.receivers", "required")]
    public void Parse_BadShape_SaysWhere(string json, string path, string message)
    {
        JsonFileError error = Assert.Single(Errors(json));

        Assert.Equal(path, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Receiver_ToString_IsItsNameOnly()
    {
        (NoticeSettings? settings, _) = NoticeReceiversFile.Parse(File(Webhook + "," + Mail));

        Assert.Equal(["hunan-duty", "duty-mail"], settings!.Receivers.Select(r => r.ToString()));
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(4, 40)]
    [InlineData(7, 300)]
    [InlineData(100, 300)]
    public void Policy_DelayAfterFailures_DoublesUpToTheLongest(int attempts, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), DeliveryPolicy.Default.DelayAfter(attempts));
    }

    [Fact]
    public void Policy_GivesUp_AtTheAttemptBoundOrTheAgeBound()
    {
        DeliveryPolicy policy = DeliveryPolicy.Default with { MaxAttempts = 3, MaxAge = TimeSpan.FromHours(1) };

        Assert.Equal([false, true, true], new[] { policy.GivesUp(2, TimeSpan.FromMinutes(59)), policy.GivesUp(3, TimeSpan.Zero), policy.GivesUp(1, TimeSpan.FromHours(1)) });
    }
}
