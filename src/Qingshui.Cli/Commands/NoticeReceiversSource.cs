using System.CommandLine;
using Qingshui.Domain.Network;
using Qingshui.Server.Notices;

namespace Qingshui.Cli.Commands;

/// <summary><c>serve --notices FILE</c>: where notices are delivered besides the dashboards (webhooks, e-mail), and how delivery is retried.</summary>
internal static class NoticeReceiversSource
{
    public static Option<FileInfo?> Option() => new("--notices")
    {
        Description = "Notice receivers file (qingshui-notice-receivers/1 JSON: webhooks, e-mail, retry bounds); without it notices go to the dashboards only.",
    };

    /// <summary>The settings, or <c>null</c> after writing every problem with its field (never a secret's value).</summary>
    public static async Task<NoticeSettings?> LoadAsync(FileInfo? file, TextWriter error, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return NoticeSettings.None;
        }

        if (!file.Exists)
        {
            await error.WriteLineAsync($"{file.FullName}: no such file");
            return null;
        }

        if (await TextFiles.ReadAsync(file.FullName, error, cancellationToken) is not string text)
        {
            return null;
        }

        (NoticeSettings? settings, IReadOnlyList<JsonFileError> errors) = NoticeReceiversFile.Parse(text);
        foreach (JsonFileError problem in errors)
        {
            await error.WriteLineAsync($"{file.FullName}: {problem}");
        }

        return settings;
    }
}
