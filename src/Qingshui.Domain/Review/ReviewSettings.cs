namespace Qingshui.Domain.Review;

/// <summary>What a basin's reviewers work with: the reasons they may give, as configuration.</summary>
/// <param name="Reasons">The reason codes a decision may name (<c>instrument-fault</c>, <c>calibration</c>, …).</param>
public sealed record ReviewSettings(IReadOnlyList<string> Reasons)
{
    /// <summary>Most characters of a decision's free text.</summary>
    public const int MaxNoteLength = 500;

    /// <summary>Longest range one decision may cover: a month and a day, so a decision never spans more than two station-months.</summary>
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(32);

    /// <summary>
    /// The usual reasons of automatic-station data review: instrument fault, calibration, maintenance, interference,
    /// verified by a manual sample, other.
    /// </summary>
    public static ReviewSettings Default { get; } =
        new(["instrument-fault", "calibration", "maintenance", "interference", "manual-sample", "other"]);
}
