using Qingshui.Domain.Parameters;
using Qingshui.Domain.Quality;
using Qingshui.Domain.Readings;

namespace Qingshui.Domain.Review;

/// <summary>
/// The screening rules a server applies to every reading as it commits: HJ 212 flags mapped to verdicts, and per
/// parameter (optionally per station) physical possibility, measuring range, detection limit, spike, stuck value and
/// flat line. Read from a <see cref="ScreeningFile"/>.
/// </summary>
/// <remarks>
/// A reading whose parameter has no entry is checked for its flag and, when the parameter is known, for a negative
/// value (no concentration is below zero). The sequence rules watch only <see cref="SequenceKinds"/>: real-time values
/// every few seconds repeat legitimately.
/// </remarks>
public sealed class ScreeningRules
{
    private static readonly RangeLimit NonNegative = new(0m, null, ScreeningVerdict.Invalid);
    private readonly Dictionary<string, ParameterScreening> _basinWide;
    private readonly Dictionary<(string Station, string Parameter), ParameterScreening> _byStation;
    private readonly Dictionary<string, ScreeningVerdict> _flags;

    /// <summary>Creates a rule set.</summary>
    /// <param name="flags">Verdict per data flag.</param>
    /// <param name="unlistedFlag">Verdict of a flag not in <paramref name="flags"/>.</param>
    /// <param name="noFlag">Verdict of a value sent without a flag (common in HJ/T 212-2005 uploads).</param>
    /// <param name="sequenceKinds">Reading kinds the spike, stuck and flat rules watch.</param>
    /// <param name="parameters">Per parameter code (and station MN, or <c>null</c> for basin-wide), its settings as stated.</param>
    public ScreeningRules(
        IReadOnlyDictionary<string, ScreeningVerdict> flags, ScreeningVerdict unlistedFlag, ScreeningVerdict noFlag,
        IEnumerable<ReadingKind> sequenceKinds, IEnumerable<(string Parameter, string? Station, ParameterScreening Settings)> parameters)
    {
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(parameters);
        _flags = new Dictionary<string, ScreeningVerdict>(flags, StringComparer.Ordinal);
        UnlistedFlag = unlistedFlag;
        NoFlag = noFlag;
        SequenceKinds = new HashSet<ReadingKind>(sequenceKinds);
        _basinWide = new Dictionary<string, ParameterScreening>(StringComparer.Ordinal);
        var stated = parameters.ToList();
        foreach ((string parameter, string? station, ParameterScreening settings) in stated.Where(p => p.Station is null))
        {
            _basinWide[parameter] = settings;
        }

        _byStation = [];
        foreach ((string parameter, string? station, ParameterScreening settings) in stated.Where(p => p.Station is not null))
        {
            _byStation[(station!, parameter)] = settings.Over(_basinWide.GetValueOrDefault(parameter) ?? new ParameterScreening());
        }

        LongestSequence = _basinWide.Values.Concat(_byStation.Values)
            .Select(p => Math.Max(Math.Max(p.Flat?.Window ?? 0, p.Stuck?.Count ?? 0), p.Spike is null ? 0 : 2))
            .DefaultIfEmpty(0).Max();
    }

    /// <summary>The most values of one series any sequence rule looks back over (0 when there are none): what history must hold.</summary>
    public int LongestSequence { get; }

    /// <summary>No rules but the flags and physical possibility: what ingest judged before screening (<c>--screening none</c>).</summary>
    public static ScreeningRules FlagsOnly(DataFlagPolicy policy) => new ScreeningRules(Verdicts(policy), ScreeningVerdict.Invalid,
        NoFlagVerdict(policy), [], [
            (ParameterCatalogue.PH.Code, null, new ParameterScreening { Possible = new RangeLimit(0m, 14m, ScreeningVerdict.Invalid) }),
            (ParameterCatalogue.WaterTemperature.Code, null, new ParameterScreening { Possible = new RangeLimit(-5m, 60m, ScreeningVerdict.Invalid) }),
        ]);

    /// <summary>Verdict per data flag.</summary>
    public IReadOnlyDictionary<string, ScreeningVerdict> Flags => _flags;

    /// <summary>Verdict of a flag not listed.</summary>
    public ScreeningVerdict UnlistedFlag { get; }

    /// <summary>Verdict of a value sent without a flag.</summary>
    public ScreeningVerdict NoFlag { get; }

    /// <summary>Reading kinds the spike, stuck and flat rules watch.</summary>
    public IReadOnlySet<ReadingKind> SequenceKinds { get; }

    /// <summary>The same rules with the flags taken from a basin's data-flag policy (for a rules file that states none).</summary>
    public ScreeningRules WithFlags(DataFlagPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return new ScreeningRules(Verdicts(policy), ScreeningVerdict.Invalid, NoFlagVerdict(policy), SequenceKinds,
            _basinWide.Select(p => (p.Key, (string?)null, p.Value)).Concat(_byStation.Select(p => (p.Key.Parameter, (string?)p.Key.Station, p.Value))));
    }

    /// <summary>What a flag (or its absence) makes of a value.</summary>
    public ScreeningVerdict VerdictOf(string? flag) => flag is null ? NoFlag : _flags.TryGetValue(flag, out ScreeningVerdict v) ? v : UnlistedFlag;

    /// <summary>The settings for a station's parameter: its own entry over the basin-wide one, else the basin-wide one.</summary>
    public ParameterScreening For(string station, string parameter)
    {
        ArgumentNullException.ThrowIfNull(station);
        ArgumentNullException.ThrowIfNull(parameter);
        return _byStation.TryGetValue((station, parameter), out ParameterScreening? own) ? own
            : _basinWide.TryGetValue(parameter, out ParameterScreening? wide) ? wide
            : Empty;
    }

    /// <summary>The physical bounds that apply to a parameter (stated, else non-negative for known parameters, else none).</summary>
    public static RangeLimit? PossibleFor(string parameter, ParameterScreening settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Possible ?? (ParameterCatalogue.Find(parameter) is null ? null : NonNegative);
    }

    private static ParameterScreening Empty { get; } = new();

    private static Dictionary<string, ScreeningVerdict> Verdicts(DataFlagPolicy policy) =>
        policy.ValidFlags.ToDictionary(f => f, _ => ScreeningVerdict.Valid, StringComparer.Ordinal);

    private static ScreeningVerdict NoFlagVerdict(DataFlagPolicy policy) => policy.MissingFlagIsValid ? ScreeningVerdict.Valid : ScreeningVerdict.Invalid;
}
