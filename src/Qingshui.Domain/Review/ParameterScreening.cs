namespace Qingshui.Domain.Review;

/// <summary>The screening settings of one parameter, basin-wide or for one station; a setting left out is not checked.</summary>
/// <remarks>
/// A station's entry overrides the basin-wide entry of the same parameter setting by setting (see <see cref="Over"/>):
/// a station with a different instrument states its range, and keeps the basin's spike threshold.
/// </remarks>
public sealed record ParameterScreening
{
    /// <summary>Physically possible values (bounds included); outside is always invalid. <c>null</c>: concentrations are never negative.</summary>
    public RangeLimit? Possible { get; init; }

    /// <summary>The instrument's measuring range.</summary>
    public RangeLimit? Range { get; init; }

    /// <summary>The detection limit.</summary>
    public DetectionLimit? DetectionLimit { get; init; }

    /// <summary>The spike threshold.</summary>
    public SpikeLimit? Spike { get; init; }

    /// <summary>The stuck-value count.</summary>
    public StuckLimit? Stuck { get; init; }

    /// <summary>The flat-line window.</summary>
    public FlatLimit? Flat { get; init; }

    /// <summary>Whether a sequence rule (spike, stuck, flat) is set, so the series' recent values must be kept.</summary>
    public bool WatchesSequence => Spike is not null || Stuck is not null || Flat is not null;

    /// <summary>These settings where stated, the basin-wide ones elsewhere.</summary>
    public ParameterScreening Over(ParameterScreening basinWide)
    {
        ArgumentNullException.ThrowIfNull(basinWide);
        return new ParameterScreening
        {
            Possible = Possible ?? basinWide.Possible,
            Range = Range ?? basinWide.Range,
            DetectionLimit = DetectionLimit ?? basinWide.DetectionLimit,
            Spike = Spike ?? basinWide.Spike,
            Stuck = Stuck ?? basinWide.Stuck,
            Flat = Flat ?? basinWide.Flat,
        };
    }
}
