using System.Globalization;

namespace Qingshui.Domain.Compensation;

/// <summary>
/// A pollution incident as the agreement's books register it (突发环境事件): where, when, how grave, and which authority
/// confirmed it. Recorded by a person (or fed from elsewhere later); an agreement's forfeiture term reads it.
/// </summary>
/// <param name="Section">The agreement section it concerns.</param>
/// <param name="Level">Its grade, Ⅰ the gravest (特别重大) to Ⅳ (一般).</param>
/// <param name="OccurredAt">When it occurred (placed in the agreement's calendar).</param>
/// <param name="ConfirmedBy">The authority or person who confirmed it.</param>
/// <param name="Description">What happened, briefly.</param>
public sealed record PollutionIncidentRecord(string Section, IncidentLevel Level, DateTimeOffset OccurredAt, string ConfirmedBy, string Description)
{
    /// <summary>Longest confirming authority kept.</summary>
    public const int MaxConfirmedByLength = 120;

    /// <summary>Longest description kept.</summary>
    public const int MaxDescriptionLength = 500;

    /// <summary>A short line for transfer details: <c>level Ⅲ incident at jinyushi on 2020-05-03 (confirmed by …)</c>.</summary>
    public string Summary(Agreement agreement)
    {
        ArgumentNullException.ThrowIfNull(agreement);
        return string.Create(CultureInfo.InvariantCulture,
            $"level {IncidentLevels.Roman(Level)} incident at {Section} on {agreement.LocalDate(OccurredAt):yyyy-MM-dd} (confirmed by {ConfirmedBy})");
    }
}

/// <summary>The grade of an environmental incident (突发环境事件分级).</summary>
public enum IncidentLevel
{
    /// <summary>Ⅰ级, 特别重大.</summary>
    I = 1,

    /// <summary>Ⅱ级, 重大.</summary>
    II = 2,

    /// <summary>Ⅲ级, 较大.</summary>
    III = 3,

    /// <summary>Ⅳ级, 一般.</summary>
    IV = 4,
}

/// <summary>The words for incident levels in files, commands and statements.</summary>
public static class IncidentLevels
{
    /// <summary>The file's words: I, II, III, IV.</summary>
    public static IReadOnlyDictionary<string, IncidentLevel> ByText { get; } = new Dictionary<string, IncidentLevel>(StringComparer.Ordinal)
    {
        ["I"] = IncidentLevel.I, ["II"] = IncidentLevel.II, ["III"] = IncidentLevel.III, ["IV"] = IncidentLevel.IV,
    };

    /// <summary>I, II, III or IV.</summary>
    public static string Text(IncidentLevel level) => ByText.First(l => l.Value == level).Key;

    /// <summary>Ⅰ, Ⅱ, Ⅲ or Ⅳ.</summary>
    public static string Roman(IncidentLevel level) => level switch
    {
        IncidentLevel.I => "Ⅰ",
        IncidentLevel.II => "Ⅱ",
        IncidentLevel.III => "Ⅲ",
        _ => "Ⅳ",
    };
}

/// <summary>What an incident of <see cref="Level"/> or graver in a period does to <see cref="Party"/>'s receipts of that period.</summary>
/// <param name="Level">The least grave level that counts (Ⅲ: levels Ⅰ, Ⅱ and Ⅲ count).</param>
/// <param name="Party">The party whose receipts are forfeited or cut (normally upstream).</param>
/// <param name="Deduction">Yuan deducted from those receipts (at most what it receives); <c>null</c>: all of them are forfeited.</param>
public sealed record IncidentTerm(IncidentLevel Level, string Party, decimal? Deduction);
