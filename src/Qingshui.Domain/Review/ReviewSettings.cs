using Qingshui.Domain.Network;

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
    /// The usual reasons of automatic-station data review, with their names: instrument fault, calibration, maintenance,
    /// interference, verified by a manual sample, other.
    /// </summary>
    public static IReadOnlyList<ReviewReason> UsualReasons { get; } =
    [
        new("instrument-fault", new LocalizedText("仪器故障", "instrument fault")),
        new("calibration", new LocalizedText("校准", "calibration")),
        new("maintenance", new LocalizedText("运维检修", "maintenance")),
        new("interference", new LocalizedText("干扰", "interference")),
        new("manual-sample", new LocalizedText("人工采样比对", "manual sample")),
        new("other", new LocalizedText("其他", "other")),
    ];

    /// <summary>The usual reasons (<see cref="UsualReasons"/>).</summary>
    public static ReviewSettings Default { get; } = new([.. UsualReasons.Select(r => r.Code)]);

    /// <summary>The reasons a decision may name, in order, each with its name (the code itself where none is known).</summary>
    public IReadOnlyList<ReviewReason> Described() =>
        [.. Reasons.Select(code => UsualReasons.FirstOrDefault(r => r.Code == code) ?? new ReviewReason(code, new LocalizedText(code, code)))];
}
