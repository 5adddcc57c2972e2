using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Review;

/// <summary>What reading a review levels file gave: the levels, or every problem with its JSON path.</summary>
/// <param name="Levels">The levels, when the file is valid.</param>
/// <param name="Errors">Every problem found.</param>
public sealed record ReviewLevelsFileResult(ReviewLevels? Levels, IReadOnlyList<JsonFileError> Errors);

/// <summary>
/// The review levels file (<c>qingshui-review-levels/1</c>): the levels lowest first, each either the station's jurisdiction
/// (no <c>reviewers</c>) or the organisation reviewing by station MN or jurisdiction id.
/// </summary>
public static class ReviewLevelsFile
{
    /// <summary>The format line.</summary>
    public const string Format = "qingshui-review-levels/1";

    /// <summary>At most this many levels.</summary>
    public const int MaxLevels = 5;

    /// <summary>At most this many characters.</summary>
    public const int MaxLength = 256 * 1024;

    private const int MaxIdLength = 64;

    /// <summary>Reads a file against the basin: reviewers' keys must be its stations or jurisdictions, and cover every station.</summary>
    public static ReviewLevelsFileResult Parse(string json, Basin basin)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(basin);
        if (JsonFileText.Open(json, MaxLength, 8, out string errorPath, out string error) is not JsonDocument document)
        {
            return Failed(errorPath, error);
        }

        using (document)
        {
            var reader = new JsonReader();
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Failed("$", "must be an object");
            }

            ScreeningFileReader.RejectUnknown(reader, root, "$", ["format", "levels"]);
            if (reader.RequiredString(root, "$", "format") is string format && format != Format)
            {
                reader.Error("$.format", $"'{format}' is not {Format}");
            }

            var levels = new List<ReviewLevel>();
            foreach ((JsonElement item, string path) in reader.Array(root, "$", "levels"))
            {
                if (levels.Count == MaxLevels)
                {
                    reader.Error(path, string.Create(CultureInfo.InvariantCulture, $"at most {MaxLevels} levels"));
                    break;
                }

                if (Level(reader, item, path, basin, levels) is ReviewLevel level)
                {
                    levels.Add(level);
                }
            }

            if (levels.Count == 0 && !reader.Errors.Any(e => e.Path.StartsWith("$.levels", StringComparison.Ordinal)))
            {
                reader.Error("$.levels", "at least one level");
            }

            return reader.Errors.Count > 0 ? new ReviewLevelsFileResult(null, reader.Errors) : new ReviewLevelsFileResult(new ReviewLevels(levels), []);
        }
    }

    private static ReviewLevel? Level(JsonReader reader, JsonElement item, string path, Basin basin, List<ReviewLevel> before)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            reader.Error(path, "must be an object");
            return null;
        }

        ScreeningFileReader.RejectUnknown(reader, item, path, ["id", "reviewers"]);
        string? id = reader.RequiredString(item, path, "id");
        if (id is not null && !IsId(id))
        {
            reader.Error(path + ".id", string.Create(CultureInfo.InvariantCulture, $"'{Bounded(id)}' is not 1–{MaxIdLength} lowercase letters, digits or '-'"));
            id = null;
        }
        else if (id is not null && before.Any(l => l.Id == id))
        {
            reader.Error(path + ".id", $"'{id}' names an earlier level already");
            id = null;
        }

        if (!item.TryGetProperty("reviewers", out JsonElement reviewers) || reviewers.ValueKind == JsonValueKind.Null)
        {
            return id is null ? null : new ReviewLevel(id, null);
        }

        if (reviewers.ValueKind != JsonValueKind.Object)
        {
            reader.Error(path + ".reviewers", "must be an object: station MN or jurisdiction id → organisation id");
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty entry in reviewers.EnumerateObject())
        {
            string at = $"{path}.reviewers.{entry.Name}";
            if (basin.Jurisdictions.All(j => j.Id != entry.Name) && basin.Stations.All(s => s.DeviceId != entry.Name))
            {
                reader.Error(at, $"'{Bounded(entry.Name)}' is neither a station MN nor a jurisdiction id of basin '{basin.Id}'");
            }
            else if (entry.Value.ValueKind != JsonValueKind.String)
            {
                reader.Error(at, "must be an organisation id (a string)");
            }
            else if (Access.AccessNames.CheckId(at, entry.Value.GetString()) is Access.AccessError bad)
            {
                reader.Error(at, "an organisation id " + bad.Message);
            }
            else
            {
                map[entry.Name] = entry.Value.GetString()!;
            }
        }

        string[] uncovered = [.. basin.Stations.Where(s => !map.ContainsKey(s.DeviceId) && !map.ContainsKey(s.Operator)).Select(s => s.DeviceId)];
        if (uncovered.Length > 0 && reader.Errors.Count == 0)
        {
            reader.Error(path + ".reviewers", string.Create(CultureInfo.InvariantCulture,
                $"no organisation reviews station{(uncovered.Length > 1 ? "s" : "")} {string.Join(", ", uncovered.Take(3))}"
                + $"{(uncovered.Length > 3 ? $" and {uncovered.Length - 3} more" : "")}: name each station or its jurisdiction"));
        }

        return id is null ? null : new ReviewLevel(id, map);
    }

    private static bool IsId(string text) =>
        text.Length is > 0 and <= MaxIdLength && text.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static string Bounded(string text) => text.Length > 40 ? text[..40] + "…" : text;

    private static ReviewLevelsFileResult Failed(string path, string message) => new(null, [new JsonFileError(path, message)]);
}
