using System.CommandLine;
using Qingshui.Domain.Network;
using Qingshui.Domain.Review;

namespace Qingshui.Cli.Commands;

/// <summary>The <c>--screening FILE|none</c> option shared by <c>serve</c> and <c>demo</c>: a rules file, <c>none</c>, or the shipped default.</summary>
internal static class ScreeningSource
{
    public const string None = "none";

    public static Option<string?> Option() => new("--screening")
    {
        Description = "Screening rules file (qingshui-screening/1 JSON) applied to every reading as it is stored; the shipped default when absent; "
            + "'none': only the basin's flag policy and physical possibility, as before screening (for measuring its cost).",
    };

    /// <summary>The rules, or <c>null</c> after writing every problem with its field.</summary>
    public static async Task<(bool Ok, ScreeningRules? Rules)> LoadAsync(string? source, Basin basin, TextWriter error, CancellationToken cancellationToken)
    {
        if (source is null)
        {
            return (true, ScreeningFile.Default(basin.DataFlags));
        }

        if (source == None)
        {
            return (true, ScreeningRules.FlagsOnly(basin.DataFlags));
        }

        var file = new FileInfo(source);
        if (!file.Exists)
        {
            await error.WriteLineAsync($"--screening: {file.FullName}: no such file (give a rules file, or 'none')");
            return (false, null);
        }

        if (await TextFiles.ReadAsync(file.FullName, error, cancellationToken) is not string text)
        {
            return (false, null);
        }

        ScreeningFileResult result = ScreeningFile.Parse(text, basin.DataFlags);
        foreach (JsonFileError problem in result.Errors)
        {
            await error.WriteLineAsync($"{file.FullName}: {problem}");
        }

        return (result.Success, result.Rules);
    }
}
