using System.Globalization;
using System.Text.Json;
using Qingshui.Domain.Network;
using Qingshui.Domain.Quality;
using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Review;

/// <summary>What reading a screening file gave: the rules, or every problem found with its JSON path.</summary>
/// <param name="Rules">The rules when there were no errors; otherwise <c>null</c>.</param>
/// <param name="Errors">Every problem, each naming its field.</param>
public sealed record ScreeningFileResult(ScreeningRules? Rules, IReadOnlyList<JsonFileError> Errors)
{
    /// <summary>Whether the file was good.</summary>
    public bool Success => Rules is not null;
}

/// <summary>
/// Screening rules file (<c>qingshui-screening/1</c>): JSON, bounded and validated, every error naming its field. The
/// default ships embedded (<c>default.screening.json</c>) and is what a server without <c>--screening</c> uses.
/// </summary>
/// <remarks>
/// Top level: <c>format</c>; optional <c>flags</c> (flag → valid, suspect or invalid) with <c>unlistedFlag</c> and
/// <c>noFlag</c> (defaults invalid and valid), and without <c>flags</c> the basin's <c>dataFlags</c> policy applies;
/// optional <c>sequenceKinds</c> (hour, fourhour, day, minute, realtime; default hour); <c>parameters</c>, each with
/// <c>parameter</c> (an HJ 212-2017 code), optional <c>station</c> (an MN), and any of <c>possible</c> {min, max},
/// <c>range</c> {min, max, verdict}, <c>detectionLimit</c> {limit, verdict}, <c>spike</c> {jump, verdict},
/// <c>stuck</c> {count, verdict}, <c>flat</c> {window, epsilon, verdict}. A verdict is suspect or invalid
/// (default suspect, except range: invalid).
/// </remarks>
public static class ScreeningFile
{
    /// <summary>The format tag.</summary>
    public const string Format = "qingshui-screening/1";

    /// <summary>Largest file read, in characters.</summary>
    public const int MaxLength = 256 * 1024;

    /// <summary>Most parameter entries in one file.</summary>
    public const int MaxEntries = 2000;

    private static readonly string[] TopLevel = ["format", "flags", "unlistedFlag", "noFlag", "sequenceKinds", "parameters"];

    private static readonly Dictionary<string, ScreeningVerdict> FlagVerdicts = new(StringComparer.Ordinal)
    {
        ["valid"] = ScreeningVerdict.Valid, ["suspect"] = ScreeningVerdict.Suspect, ["invalid"] = ScreeningVerdict.Invalid,
    };

    private static readonly Dictionary<string, ReadingKind> Kinds = new(StringComparer.Ordinal)
    {
        ["hour"] = ReadingKind.Hour, ["fourhour"] = ReadingKind.FourHour, ["day"] = ReadingKind.Day,
        ["minute"] = ReadingKind.Minute, ["realtime"] = ReadingKind.RealTime,
    };

    /// <summary>The text of the shipped default file.</summary>
    public static string DefaultText()
    {
        using Stream stream = typeof(ScreeningFile).Assembly.GetManifestResourceStream("Qingshui.Review.default.screening.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The shipped default rules, with a basin's flag policy.</summary>
    public static ScreeningRules Default(DataFlagPolicy basinFlags)
    {
        ScreeningFileResult result = Parse(DefaultText(), basinFlags);
        return result.Rules ?? throw new InvalidOperationException("the shipped screening file is broken: " + string.Join("; ", result.Errors));
    }

    /// <summary>Reads a screening file; <paramref name="basinFlags"/> maps the flags when the file states none.</summary>
    public static ScreeningFileResult Parse(string json, DataFlagPolicy basinFlags)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(basinFlags);
        if (JsonFileText.Open(json, MaxLength, 16, out string errorPath, out string error) is not JsonDocument document)
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

            ScreeningFileReader.RejectUnknown(reader, root, "$", TopLevel);
            if (reader.RequiredString(root, "$", "format") is string format && format != Format)
            {
                reader.Error("$.format", $"'{format}' is not {Format}");
            }

            bool statesFlags = root.TryGetProperty("flags", out JsonElement flagsElement);
            Dictionary<string, ScreeningVerdict> flags = statesFlags ? ReadFlags(reader, flagsElement) : [];
            if (!statesFlags && (root.TryGetProperty("unlistedFlag", out _) || root.TryGetProperty("noFlag", out _)))
            {
                reader.Error("$.flags", "required when unlistedFlag or noFlag is given");
            }

            ScreeningVerdict unlisted = reader.Enum(root, "$", "unlistedFlag", FlagVerdicts, ScreeningVerdict.Invalid) ?? ScreeningVerdict.Invalid;
            ScreeningVerdict noFlag = reader.Enum(root, "$", "noFlag", FlagVerdicts, ScreeningVerdict.Valid) ?? ScreeningVerdict.Valid;
            var kinds = new HashSet<ReadingKind>();
            bool statesKinds = root.TryGetProperty("sequenceKinds", out _);
            foreach ((JsonElement item, string path) in reader.Array(root, "$", "sequenceKinds", required: false))
            {
                if (item.ValueKind != JsonValueKind.String || !Kinds.TryGetValue(item.GetString()!, out ReadingKind kind))
                {
                    reader.Error(path, $"must be one of {string.Join(", ", Kinds.Keys)}");
                }
                else if (!kinds.Add(kind))
                {
                    reader.Error(path, $"'{item.GetString()}' is listed twice");
                }
            }

            List<(string, string?, ParameterScreening)> entries = ScreeningFileReader.Entries(reader, root);
            if (reader.Errors.Count > 0)
            {
                return new ScreeningFileResult(null, reader.Errors);
            }

            var rules = new ScreeningRules(flags, unlisted, noFlag, statesKinds ? kinds : [ReadingKind.Hour], entries);
            return new ScreeningFileResult(statesFlags ? rules : rules.WithFlags(basinFlags), []);
        }
    }

    private static Dictionary<string, ScreeningVerdict> ReadFlags(JsonReader reader, JsonElement element)
    {
        var flags = new Dictionary<string, ScreeningVerdict>(StringComparer.Ordinal);
        if (element.ValueKind != JsonValueKind.Object)
        {
            reader.Error("$.flags", "must be an object such as {\"N\": \"valid\", \"T\": \"invalid\"}");
            return flags;
        }

        foreach (JsonProperty flag in element.EnumerateObject())
        {
            string path = "$.flags." + flag.Name;
            if (flag.Name.Length is 0 or > 4 || !flag.Name.All(char.IsAsciiLetterOrDigit))
            {
                reader.Error(path, "a flag is 1–4 letters or digits, such as \"N\"");
            }
            else if (flag.Value.ValueKind != JsonValueKind.String || !FlagVerdicts.TryGetValue(flag.Value.GetString()!, out ScreeningVerdict verdict))
            {
                reader.Error(path, $"must be one of {string.Join(", ", FlagVerdicts.Keys)}");
            }
            else
            {
                flags[flag.Name] = verdict;
            }
        }

        return flags;
    }

    private static ScreeningFileResult Failed(string path, string message) => new(null, [new JsonFileError(path, message)]);
}
