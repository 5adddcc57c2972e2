using Qingshui.Domain.Import;

namespace Qingshui.Cli.Commands;

/// <summary>Reads the text files commands take (basin, agreement, sample CSV) through the one decoder: UTF-8 or GB18030, else refused.</summary>
internal static class TextFiles
{
    /// <summary>The file's text, or <c>null</c> after one line on <paramref name="error"/> saying why it cannot be read.</summary>
    public static async Task<string?> ReadAsync(string path, TextWriter error, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{path}: cannot read: {e.Message}");
            return null;
        }

        TextDecodeResult decoded = TextFileDecoder.Decode(bytes);
        if (decoded.Text is null)
        {
            await error.WriteLineAsync($"{path}: {decoded.Error}");
        }

        return decoded.Text;
    }

    /// <summary>Lines of a decoded text, without their line ends.</summary>
    public static IEnumerable<string> Lines(string text)
    {
        using var reader = new StringReader(text);
        while (reader.ReadLine() is string line)
        {
            yield return line;
        }
    }
}
