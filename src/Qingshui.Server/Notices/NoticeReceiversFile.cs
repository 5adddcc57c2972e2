using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MimeKit;
using Qingshui.Domain.Network;
using Qingshui.Server.Notices.Receivers;

namespace Qingshui.Server.Notices;

/// <summary>
/// The receivers file (<c>qingshui-notice-receivers/1</c>, see docs/notifications.md): JSON, bounded and validated, every
/// error naming its field. Errors never repeat a secret, a password or a URL (which may carry a robot's token).
/// </summary>
internal static partial class NoticeReceiversFile
{
    public const string Format = "qingshui-notice-receivers/1";
    public const int MaxLength = 256 * 1024;
    public const int MaxReceivers = 100;
    public const int MinSecretLength = 16;

    private static readonly string[] TopFields = ["format", "retry", "receivers"];
    private static readonly string[] RetryFields = ["firstDelaySeconds", "longestDelaySeconds", "maxAttempts", "maxAgeHours"];
    private static readonly string[] WebhookFields = ["name", "type", "url", "secret", "style", "timeoutSeconds", "organisations", "kinds"];
    private static readonly string[] MailFields = ["name", "type", "host", "port", "tls", "user", "password", "from", "to", "timeoutSeconds", "kinds"];

    /// <summary>The settings, or every problem found.</summary>
    public static (NoticeSettings? Settings, IReadOnlyList<JsonFileError> Errors) Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (json.Length > MaxLength)
        {
            return (null, [new JsonFileError("$", string.Create(CultureInfo.InvariantCulture, $"the file is longer than {MaxLength} characters"))]);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return (null, [new JsonFileError($"$ (line {e.LineNumber + 1})", "not valid JSON: " + e.Message)]);
        }

        using (document)
        {
            var errors = new List<JsonFileError>();
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, [new JsonFileError("$", "must be an object")]);
            }

            var r = new Fields(errors);
            r.Known(root, "$", TopFields);
            if (r.String(root, "$", "format", required: true) is string format && format != Format)
            {
                errors.Add(new JsonFileError("$.format", $"'{Shorten(format)}' is not {Format}"));
            }

            DeliveryPolicy retry = ReadRetry(r, root);
            var receivers = new List<NoticeReceiver>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach ((JsonElement item, string path) in r.Array(root, "$", "receivers", required: true))
            {
                if (receivers.Count >= MaxReceivers)
                {
                    errors.Add(new JsonFileError(path, string.Create(CultureInfo.InvariantCulture, $"at most {MaxReceivers} receivers")));
                    break;
                }

                if (ReadReceiver(r, item, path) is NoticeReceiver receiver)
                {
                    if (!names.Add(receiver.Name))
                    {
                        errors.Add(new JsonFileError(path + ".name", $"'{receiver.Name}' is used by an earlier receiver"));
                    }

                    receivers.Add(receiver);
                }
            }

            return errors.Count == 0 ? (new NoticeSettings(receivers, retry), errors) : (null, errors);
        }
    }

    private static DeliveryPolicy ReadRetry(Fields r, JsonElement root)
    {
        if (!root.TryGetProperty("retry", out JsonElement retry))
        {
            return DeliveryPolicy.Default;
        }

        if (retry.ValueKind != JsonValueKind.Object)
        {
            r.Error("$.retry", "must be an object");
            return DeliveryPolicy.Default;
        }

        DeliveryPolicy d = DeliveryPolicy.Default;
        r.Known(retry, "$.retry", RetryFields);
        double first = r.Number(retry, "$.retry", "firstDelaySeconds", 1, 3600) ?? d.FirstDelay.TotalSeconds;
        double longest = r.Number(retry, "$.retry", "longestDelaySeconds", 1, 86_400) ?? d.LongestDelay.TotalSeconds;
        if (longest < first)
        {
            r.Error("$.retry.longestDelaySeconds", "must not be shorter than firstDelaySeconds");
        }

        return new DeliveryPolicy
        {
            FirstDelay = TimeSpan.FromSeconds(first),
            LongestDelay = TimeSpan.FromSeconds(longest),
            MaxAttempts = (int)(r.Number(retry, "$.retry", "maxAttempts", 1, 10_000, whole: true) ?? d.MaxAttempts),
            MaxAge = TimeSpan.FromHours(r.Number(retry, "$.retry", "maxAgeHours", 1, 24 * 30) ?? d.MaxAge.TotalHours),
        };
    }

    private static NoticeReceiver? ReadReceiver(Fields r, JsonElement item, string path)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            r.Error(path, "must be an object");
            return null;
        }

        string? name = r.String(item, path, "name", required: true);
        if (name is not null && !NamePattern().IsMatch(name))
        {
            r.Error(path + ".name", $"'{Shorten(name)}' must be 1–40 characters of a–z, 0–9 and '-', starting with a letter or digit");
            name = null;
        }

        return r.String(item, path, "type", required: true) switch
        {
            null => null,
            "webhook" => ReadWebhook(r, item, path, name),
            "email" => ReadMail(r, item, path, name),
            string type => Fail<NoticeReceiver?>(r, path + ".type", $"'{Shorten(type)}' is not one of webhook, email", null),
        };
    }

    private static WebhookReceiver? ReadWebhook(Fields r, JsonElement item, string path, string? name)
    {
        int errors = r.Count;
        r.Known(item, path, WebhookFields);
        Uri? url = null;
        if (r.String(item, path, "url", required: true) is string text
            && (!Uri.TryCreate(text, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https") || text.Length > 2048))
        {
            r.Error(path + ".url", "must be an absolute http or https URL of at most 2048 characters");
        }

        string? secret = r.String(item, path, "secret", required: true);
        if (secret is not null && (secret.Length < MinSecretLength || secret.Length > 256))
        {
            r.Error(path + ".secret", string.Create(CultureInfo.InvariantCulture, $"must be {MinSecretLength}–256 characters (it is not shown here)"));
        }

        WebhookStyle style = r.String(item, path, "style", required: false) switch
        {
            null or "json" => WebhookStyle.Json,
            "robot" => WebhookStyle.Robot,
            string other => Fail(r, path + ".style", $"'{Shorten(other)}' is not one of json, robot", WebhookStyle.Json),
        };
        double timeout = r.Number(item, path, "timeoutSeconds", 1, 120) ?? 10;
        IReadOnlyList<string>? organisations = r.Strings(item, path, "organisations");
        IReadOnlyList<string>? kinds = Kinds(r, item, path);
        return r.Count > errors || name is null ? null
            : new WebhookReceiver(name, url!, Encoding.UTF8.GetBytes(secret!), style, TimeSpan.FromSeconds(timeout), organisations, kinds);
    }

    private static MailReceiver? ReadMail(Fields r, JsonElement item, string path, string? name)
    {
        int errors = r.Count;
        r.Known(item, path, MailFields);
        string? host = r.String(item, path, "host", required: true);
        if (host is not null && (host.Length > 253 || Uri.CheckHostName(host) == UriHostNameType.Unknown))
        {
            r.Error(path + ".host", $"'{Shorten(host)}' is not a host name or address");
        }

        MailSecurity security = r.String(item, path, "tls", required: false) switch
        {
            null or "starttls" => MailSecurity.StartTls,
            "tls" => MailSecurity.Tls,
            "none" => MailSecurity.None,
            string other => Fail(r, path + ".tls", $"'{Shorten(other)}' is not one of starttls, tls, none", MailSecurity.StartTls),
        };
        int port = (int)(r.Number(item, path, "port", 1, 65_535, whole: true) ?? security switch { MailSecurity.Tls => 465, MailSecurity.None => 25, _ => 587 });
        string? user = r.String(item, path, "user", required: false);
        string? password = r.String(item, path, "password", required: false);
        if ((user is null) != (password is null))
        {
            r.Error(path + (user is null ? ".user" : ".password"), "user and password go together: give both or neither");
        }

        MailboxAddress? from = Address(r, r.String(item, path, "from", required: true), path + ".from");
        var to = new Dictionary<string, IReadOnlyList<MailboxAddress>>(StringComparer.Ordinal);
        if (!item.TryGetProperty("to", out JsonElement lists) || lists.ValueKind != JsonValueKind.Object)
        {
            r.Error(path + ".to", "required: an object of organisation id (or \"*\") → array of addresses");
        }
        else
        {
            foreach (JsonProperty list in lists.EnumerateObject())
            {
                string listPath = $"{path}.to.{list.Name}";
                List<string> texts = r.Strings(lists, path + ".to", list.Name) ?? [];
                to[list.Name] = [.. texts.Select((t, i) => Address(r, t, string.Create(CultureInfo.InvariantCulture, $"{listPath}[{i}]"))).OfType<MailboxAddress>()];
                if (texts.Count == 0)
                {
                    r.Error(listPath, "must list at least one address");
                }
            }

            if (to.Count == 0)
            {
                r.Error(path + ".to", "must name at least one organisation (or \"*\") with its addresses");
            }
        }

        double timeout = r.Number(item, path, "timeoutSeconds", 1, 300) ?? 30;
        IReadOnlyList<string>? kinds = Kinds(r, item, path);
        return r.Count > errors || name is null ? null
            : new MailReceiver(name, host!, port, security, user, password, from!, to, TimeSpan.FromSeconds(timeout), kinds);
    }

    private static List<string>? Kinds(Fields r, JsonElement item, string path)
    {
        List<string>? kinds = r.Strings(item, path, "kinds");
        for (int i = 0; i < (kinds?.Count ?? 0); i++)
        {
            if (!KindPattern().IsMatch(kinds![i]))
            {
                r.Error(string.Create(CultureInfo.InvariantCulture, $"{path}.kinds[{i}]"),
                    $"'{Shorten(kinds[i])}' is not a notice kind (alert.raised) or family (incident.*)");
            }
        }

        return kinds;
    }

    private static MailboxAddress? Address(Fields r, string? text, string path)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length <= 320 && MailboxAddress.TryParse(text, out MailboxAddress? address) && address.Address.Contains('@', StringComparison.Ordinal))
        {
            return address;
        }

        r.Error(path, $"'{Shorten(text)}' is not an e-mail address");
        return null;
    }

    private static T Fail<T>(Fields r, string path, string message, T fallback)
    {
        r.Error(path, message);
        return fallback;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*(\.\*)?$")]
    private static partial Regex KindPattern();
}
