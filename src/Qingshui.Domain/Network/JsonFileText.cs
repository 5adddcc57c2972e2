using System.Globalization;
using System.Text.Json;

namespace Qingshui.Domain.Network;

/// <summary>The bounded opening every JSON settings file shares: a length cap, comments and trailing commas allowed, a depth cap.</summary>
internal static class JsonFileText
{
    /// <summary>The document, or <c>null</c> with the path and reason to report (too long; not JSON, with its line).</summary>
    public static JsonDocument? Open(string json, int maxLength, int maxDepth, out string errorPath, out string error)
    {
        errorPath = "$";
        if (json.Length > maxLength)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"the file is longer than {maxLength} characters");
            return null;
        }

        try
        {
            error = "";
            return JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = maxDepth });
        }
        catch (JsonException e)
        {
            errorPath = $"$ (line {e.LineNumber + 1})";
            error = "not valid JSON: " + e.Message;
            return null;
        }
    }
}
