using System.CommandLine;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Network;

namespace Qingshui.Cli.Commands;

/// <summary>The <c>--rules FILE</c> option shared by <c>serve</c> and <c>alerts replay</c>: a rules file, or the shipped default rules.</summary>
internal static class AlertRulesSource
{
    public static Option<FileInfo?> Option() => new("--rules") { Description = "Alert rules file (qingshui-alert-rules/1 JSON); the shipped default rules when absent." };

    /// <summary>The rules, or <c>null</c> after writing every problem with its field.</summary>
    public static async Task<IReadOnlyList<AlertRule>?> LoadAsync(FileInfo? file, Basin basin, TextWriter error, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return AlertRuleFile.Default;
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

        AlertRuleFileResult result = AlertRuleFile.Parse(text);
        foreach (JsonFileError problem in result.Errors)
        {
            await error.WriteLineAsync($"{file.FullName}: {problem}");
        }

        if (!result.Success)
        {
            return null;
        }

        IReadOnlyList<JsonFileError> unknown = AlertRuleFile.CheckAgainst(result.Rules, basin);
        foreach (JsonFileError problem in unknown)
        {
            await error.WriteLineAsync($"{file.FullName}: {problem}");
        }

        return unknown.Count == 0 ? result.Rules : null;
    }
}
