using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Alerts;

/// <summary>What reading a rules file gave: the rules, or every problem found with its JSON path.</summary>
/// <param name="Rules">The rules when there were no errors; otherwise empty.</param>
/// <param name="Errors">Every problem, each naming its field.</param>
public sealed record AlertRuleFileResult(IReadOnlyList<AlertRule> Rules, IReadOnlyList<JsonFileError> Errors)
{
    /// <summary>Whether the file was good.</summary>
    public bool Success => Errors.Count == 0;
}

/// <summary>
/// Alert rules file (<c>qingshui-alert-rules/1</c>): JSON, bounded and validated, every error naming its field. The
/// default rule set ships embedded and is what the demo and a server without <c>--rules</c> use.
/// </summary>
/// <remarks>
/// Each rule: <c>id</c>, <c>kind</c> (target-exceeded, target-exceeded-for, fast-rise, silence, flat-line, invalid-run,
/// statistical), <c>severity</c> (info, warning, critical; default warning), optional <c>section</c>, <c>station</c>,
/// <c>parameters</c>, <c>readingKind</c> (hour, realtime, minute, day; default hour), <c>clearAfterMinutes</c> (default
/// 180), and per kind <c>hours</c>, <c>silentMinutes</c>, <c>ratePerHour</c>, <c>count</c>, or the CANARY settings
/// (<c>history</c>, <c>order</c>, <c>outlierThreshold</c>, <c>precision</c>, <c>window</c>, <c>outlierProbability</c>,
/// <c>eventThreshold</c>, <c>eventTimeout</c>; defaults from <see cref="CanarySettings.Default"/>).
/// </remarks>
public static class AlertRuleFile
{
    /// <summary>The format tag.</summary>
    public const string Format = "qingshui-alert-rules/1";

    /// <summary>Largest file read, in characters.</summary>
    public const int MaxLength = 256 * 1024;

    /// <summary>Most rules in one file.</summary>
    public const int MaxRules = 500;

    private static readonly Dictionary<string, ReadingKind> ReadingKinds = new(StringComparer.Ordinal)
    {
        ["hour"] = ReadingKind.Hour, ["realtime"] = ReadingKind.RealTime, ["minute"] = ReadingKind.Minute, ["day"] = ReadingKind.Day,
    };

    /// <summary>The shipped default rule set.</summary>
    public static IReadOnlyList<AlertRule> Default { get; } = LoadDefault();

    /// <summary>The text of the shipped default rules file.</summary>
    public static string DefaultText()
    {
        using Stream stream = typeof(AlertRuleFile).Assembly.GetManifestResourceStream("Qingshui.Alerts.default.alerts.json")!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Reads a rules file.</summary>
    public static AlertRuleFileResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
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

            if (reader.RequiredString(root, "$", "format") is string format && format != Format)
            {
                reader.Error("$.format", $"'{format}' is not {Format}");
            }

            var rules = new List<AlertRule>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach ((JsonElement item, string path) in reader.Array(root, "$", "rules"))
            {
                if (rules.Count >= MaxRules)
                {
                    reader.Error(path, string.Create(CultureInfo.InvariantCulture, $"at most {MaxRules} rules"));
                    break;
                }

                if (AlertRuleReader.Read(reader, item, path) is AlertRule rule)
                {
                    if (!ids.Add(rule.Id))
                    {
                        reader.Error(path + ".id", $"'{rule.Id}' is used by an earlier rule");
                    }

                    rules.Add(rule);
                }
            }

            return reader.Errors.Count == 0 ? new AlertRuleFileResult(rules, []) : new AlertRuleFileResult([], reader.Errors);
        }
    }

    /// <summary>Problems of rules against a basin: a section or station the basin does not have (a typo would watch nothing).</summary>
    public static IReadOnlyList<JsonFileError> CheckAgainst(IReadOnlyList<AlertRule> rules, Basin basin)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(basin);
        var errors = new List<JsonFileError>();
        for (int i = 0; i < rules.Count; i++)
        {
            string path = string.Create(CultureInfo.InvariantCulture, $"$.rules[{i}]");
            if (rules[i].Section is string section && basin.FindSection(section) is null)
            {
                errors.Add(new JsonFileError(path + ".section", $"'{section}' is not a section of basin '{basin.Id}'"));
            }

            if (rules[i].Station is string station && basin.FindStation(station) is null)
            {
                errors.Add(new JsonFileError(path + ".station", $"'{station}' is not a station of basin '{basin.Id}'"));
            }
        }

        return errors;
    }

    internal static IReadOnlyDictionary<string, ReadingKind> ReadingKindWords => ReadingKinds;

    private static AlertRuleFileResult Failed(string path, string message) => new([], [new JsonFileError(path, message)]);

    private static IReadOnlyList<AlertRule> LoadDefault()
    {
        AlertRuleFileResult result = Parse(DefaultText());
        return result.Success ? result.Rules : throw new InvalidOperationException("the shipped rules file is broken: " + string.Join("; ", result.Errors));
    }
}
