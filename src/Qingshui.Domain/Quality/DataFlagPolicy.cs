namespace Qingshui.Domain.Quality;

/// <summary>
/// Which HJ 212 data flags (HJ 212-2017 Table 5: N, F, M, S, D, C, T, B) make a value valid. By default only N
/// (normal) is valid; every other flag is invalid unless configured otherwise. The value is stored either way.
/// Screening applies it (<see cref="Review.ScreeningRules.WithFlags"/>) unless its rules file maps the flags itself.
/// </summary>
public sealed class DataFlagPolicy
{
    private readonly HashSet<string> _valid;

    /// <summary>Creates a policy.</summary>
    /// <param name="validFlags">Flags that make a value valid.</param>
    /// <param name="missingFlagIsValid">Whether a value sent without a flag (common in 2005 uploads) is valid.</param>
    public DataFlagPolicy(IEnumerable<string> validFlags, bool missingFlagIsValid)
    {
        _valid = new HashSet<string>(validFlags, StringComparer.Ordinal);
        MissingFlagIsValid = missingFlagIsValid;
    }

    /// <summary>N valid, everything else invalid; no flag counts as N.</summary>
    public static DataFlagPolicy Default { get; } = new(["N"], missingFlagIsValid: true);

    /// <summary>Flags that make a value valid.</summary>
    public IReadOnlyCollection<string> ValidFlags => _valid;

    /// <summary>Whether a value without a flag is valid.</summary>
    public bool MissingFlagIsValid { get; }

    /// <summary>Whether a value with this flag is valid.</summary>
    public bool IsValid(string? flag) => flag is null ? MissingFlagIsValid : _valid.Contains(flag);
}
