using System.Text;

namespace Qingshui.Cli.Commands;

/// <summary>
/// The lines of a text, each cut at <c>maxLength + 1</c> characters: a file with no line breaks is read in bounded memory
/// and its one line still shows as too long. Lines end at <c>\n</c>; a <c>\r</c> before it is left to the reader of the line.
/// </summary>
internal static class BoundedLines
{
    public static IEnumerable<string> Read(TextReader reader, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var line = new StringBuilder();
        char[] buffer = new char[64 * 1024];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            int start = 0;
            while (start < read)
            {
                int end = Array.IndexOf(buffer, '\n', start, read - start);
                int stop = end < 0 ? read : end;
                line.Append(buffer, start, Math.Min(stop - start, Math.Max(0, maxLength + 1 - line.Length)));
                if (end < 0)
                {
                    break;
                }

                yield return line.ToString();
                line.Clear();
                start = end + 1;
            }
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }
}
