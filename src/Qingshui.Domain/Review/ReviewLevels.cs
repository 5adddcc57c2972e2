using Qingshui.Domain.Network;

namespace Qingshui.Domain.Review;

/// <summary>One level of review (审核级别), e.g. the station operator's city, then the province.</summary>
/// <param name="Id">Its id, as the API and the months' steps name it.</param>
/// <param name="Reviewers">
/// The organisation reviewing at this level, by station MN or by jurisdiction id (a station's own entry first); <c>null</c>
/// when the level is the station's jurisdiction: the organisation acting for the jurisdiction that runs the station.
/// </param>
public sealed record ReviewLevel(string Id, IReadOnlyDictionary<string, string>? Reviewers);

/// <summary>
/// The levels a station-month is closed at, lowest first. A month counts as reviewed only when every level has closed it, in
/// order; reopening at a level reopens the levels above it. By default one level, the station's jurisdiction.
/// </summary>
public sealed class ReviewLevels
{
    /// <summary>Creates the levels (trusted: use <see cref="ReviewLevelsFile"/> to read them from outside).</summary>
    public ReviewLevels(IReadOnlyList<ReviewLevel> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentOutOfRangeException.ThrowIfZero(levels.Count);
        Levels = levels;
    }

    /// <summary>One level: the reviewers of the station's own jurisdiction.</summary>
    public static ReviewLevels Default { get; } = new([new ReviewLevel("jurisdiction", null)]);

    /// <summary>The levels, lowest (1) first.</summary>
    public IReadOnlyList<ReviewLevel> Levels { get; }

    /// <summary>The ids of the levels, lowest first.</summary>
    public IReadOnlyList<string> Ids => [.. Levels.Select(l => l.Id)];

    /// <summary>The level (1-based) with that id, or 0.</summary>
    public int NumberOf(string id)
    {
        for (int i = 0; i < Levels.Count; i++)
        {
            if (string.Equals(Levels[i].Id, id, StringComparison.Ordinal))
            {
                return i + 1;
            }
        }

        return 0;
    }

    /// <summary>
    /// Whether an organisation (acting for <paramref name="jurisdiction"/>, when it acts for one) reviews
    /// <paramref name="station"/> at <paramref name="level"/> (1-based).
    /// </summary>
    public bool Reviews(int level, Station station, string organisation, string? jurisdiction)
    {
        ArgumentNullException.ThrowIfNull(station);
        ReviewLevel at = Levels[level - 1];
        return at.Reviewers is null
            ? jurisdiction is not null && string.Equals(jurisdiction, station.Operator, StringComparison.Ordinal)
            : string.Equals(ReviewerOf(at, station), organisation, StringComparison.Ordinal);
    }

    /// <summary>Who reviews <paramref name="station"/> at <paramref name="level"/>, in words for a refusal.</summary>
    public string Describe(int level, Station station)
    {
        ArgumentNullException.ThrowIfNull(station);
        ReviewLevel at = Levels[level - 1];
        return at.Reviewers is null
            ? $"the organisation acting for jurisdiction '{station.Operator}'"
            : ReviewerOf(at, station) is string organisation ? $"organisation '{organisation}'" : "no organisation (none is configured for this station)";
    }

    private static string? ReviewerOf(ReviewLevel level, Station station) =>
        level.Reviewers!.TryGetValue(station.DeviceId, out string? own) ? own : level.Reviewers.GetValueOrDefault(station.Operator);
}
