using System.CommandLine;
using Qingshui.Domain.Joint;
using Qingshui.Domain.Network;

namespace Qingshui.Cli.Commands;

/// <summary>The <c>--joint-monitoring FILE</c> option of <c>serve</c>: the tolerances two stations of a section are compared with, or the platform's defaults.</summary>
internal static class JointMonitoringSource
{
    public static Option<FileInfo?> Option() => new("--joint-monitoring")
    {
        Description = "Joint-monitoring settings (qingshui-joint-monitoring/1 JSON: a tolerance per item for two stations at one section); the platform's defaults when absent.",
    };

    /// <summary>The settings, or <c>null</c> after writing every problem with its field.</summary>
    public static async Task<JointMonitoringSettings?> LoadAsync(FileInfo? file, TextWriter error, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return JointMonitoringSettings.Default;
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

        JointMonitoringFileResult result = JointMonitoringFile.Parse(text);
        foreach (JsonFileError problem in result.Errors)
        {
            await error.WriteLineAsync($"{file.FullName}: {problem}");
        }

        return result.Settings;
    }
}
