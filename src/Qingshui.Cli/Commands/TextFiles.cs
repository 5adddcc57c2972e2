using Qingshui.Domain.Import;

namespace Qingshui.Cli.Commands;

/// <summary>Reads the text files commands take (basin, agreement, sample CSV) through the one decoder: UTF-8 or GB18030, else refused.</summary>
internal static class TextFiles
{
    /// <summary>
    /// The largest file read (256 MiB): a year of hourly values for every national section is a few tens of MB, and a
    /// file is read whole, so a mistaken path to a disk image must be refused, not exhaust memory.
    /// </summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>The file's text, or <c>null</c> after one line on <paramref name="error"/> saying why it cannot be read.</summary>
    public static Task<string?> ReadAsync(string path, TextWriter error, CancellationToken cancellationToken) =>
        ReadAsync(path, "auto", error, cancellationToken);

    /// <summary>The file's text read in <paramref name="encoding"/> (see <see cref="TextFileDecoder.Names"/>), or <c>null</c> after one line saying why.</summary>
    public static async Task<string?> ReadAsync(string path, string encoding, TextWriter error, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            long length = new FileInfo(path).Length;
            if (length > MaxBytes)
            {
                await error.WriteLineAsync($"{path}: is {length / (1024 * 1024)} MiB; files over {MaxBytes / (1024 * 1024)} MiB are refused (split it)");
                return null;
            }

            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{path}: cannot read: {e.Message}");
            return null;
        }

        TextDecodeResult decoded = TextFileDecoder.Decode(bytes, encoding);
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
