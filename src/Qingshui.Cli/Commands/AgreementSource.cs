using Qingshui.Domain.Compensation;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;

namespace Qingshui.Cli.Commands;

/// <summary>An agreement named by preset id or file, as <c>serve --agreement</c> and <c>settle --agreement</c> take it.</summary>
internal static class AgreementSource
{
    /// <summary>Loads the agreement, or writes precise errors and returns <c>null</c>. Files are decoded as UTF-8 or GB18030, else refused.</summary>
    public static async Task<Agreement?> LoadAsync(string idOrFile, TextWriter error, CancellationToken cancellationToken)
    {
        string? text = AgreementPresets.Text(idOrFile);
        string source = $"preset '{idOrFile}'";
        if (text is null)
        {
            if (!File.Exists(idOrFile))
            {
                await error.WriteLineAsync($"'{idOrFile}' is neither an agreement preset ({string.Join(", ", AgreementPresets.Ids)}) nor a file");
                return null;
            }

            text = await TextFiles.ReadAsync(idOrFile, error, cancellationToken);
            if (text is null)
            {
                return null;
            }

            source = idOrFile;
        }

        AgreementFileResult result = AgreementFile.Parse(text);
        foreach (JsonFileError problem in result.Errors)
        {
            await error.WriteLineAsync($"{source}: {problem}");
        }

        return result.Agreement;
    }
}
