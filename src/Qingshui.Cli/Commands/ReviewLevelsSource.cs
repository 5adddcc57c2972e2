using System.CommandLine;
using Qingshui.Domain.Network;
using Qingshui.Domain.Review;

namespace Qingshui.Cli.Commands;

/// <summary>The <c>--review-levels FILE</c> option of <c>serve</c>: the levels station-months are closed at; one level, the station's jurisdiction, when absent.</summary>
internal static class ReviewLevelsSource
{
    public static Option<FileInfo?> Option() => new("--review-levels")
    {
        Description = "Review levels file (qingshui-review-levels/1 JSON): the levels a station-month is closed at, lowest first, each the station's "
            + "jurisdiction or the organisation named per station or jurisdiction; one level, the station's jurisdiction, when absent.",
    };

    /// <summary>The levels, or <c>null</c> after writing every problem with its field.</summary>
    public static async Task<ReviewLevels?> LoadAsync(FileInfo? file, Basin basin, TextWriter error, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return ReviewLevels.Default;
        }

        if (!file.Exists)
        {
            await error.WriteLineAsync($"--review-levels: {file.FullName}: no such file");
            return null;
        }

        if (await TextFiles.ReadAsync(file.FullName, error, cancellationToken) is not string text)
        {
            return null;
        }

        ReviewLevelsFileResult result = ReviewLevelsFile.Parse(text, basin);
        foreach (JsonFileError problem in result.Errors)
        {
            await error.WriteLineAsync($"{file.FullName}: {problem}");
        }

        return result.Levels;
    }
}
