using System.CommandLine;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;

namespace Qingshui.Cli.Commands;

/// <summary>The <c>--basin FILE</c> / <c>--preset ID</c> pair shared by commands that need a monitoring network.</summary>
internal static class BasinSource
{
    public const string DefaultPreset = "pingshui-lushui";

    public static Option<FileInfo?> FileOption() => new("--basin") { Description = "Basin file (qingshui-basin/1 JSON) with the stations that may connect." };

    public static Option<string> PresetOption() => new("--preset")
    {
        Description = $"A shipped basin instead of a file ({string.Join(", ", BasinPresets.Ids)}).",
        DefaultValueFactory = _ => DefaultPreset,
    };

    /// <summary>Loads the basin, or writes precise errors and returns <c>null</c>.</summary>
    public static async Task<Basin?> LoadAsync(FileInfo? file, string preset, TextWriter error, CancellationToken cancellationToken)
    {
        string text;
        string source;
        if (file is not null)
        {
            if (!file.Exists)
            {
                await error.WriteLineAsync($"{file.FullName}: no such file");
                return null;
            }

            if (await TextFiles.ReadAsync(file.FullName, error, cancellationToken) is not string read)
            {
                return null;
            }

            text = read;
            source = file.FullName;
        }
        else if (BasinPresets.Text(preset) is string presetText)
        {
            text = presetText;
            source = $"preset '{preset}'";
        }
        else
        {
            await error.WriteLineAsync($"no basin preset '{preset}'; known: {string.Join(", ", BasinPresets.Ids)}");
            return null;
        }

        BasinFileResult result = BasinFile.Parse(text);
        foreach (JsonFileError problem in result.Errors)
        {
            await error.WriteLineAsync($"{source}: {problem}");
        }

        return result.Basin;
    }
}
