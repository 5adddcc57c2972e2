using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Compensation;

/// <summary>How an agreement turns assessed water quality into money: one of a closed set of kinds.</summary>
public abstract record AmountRule;

/// <summary>Who pays whom how much.</summary>
/// <param name="Payer">Paying party.</param>
/// <param name="Payee">Receiving party.</param>
/// <param name="Amount">Yuan.</param>
public sealed record Payment(string Payer, string Payee, decimal Amount);

/// <summary>
/// Class-based per period (Pingshui–Lushui round 1): the section meets its target class → <see cref="Met"/>;
/// otherwise → <see cref="NotMet"/>. Each direction's amount is its own setting.
/// </summary>
/// <param name="Section">The assessed section.</param>
/// <param name="Met">Payment when the target is met (downstream to upstream).</param>
/// <param name="NotMet">Payment when it is not (upstream to downstream).</param>
public sealed record ClassBasedRule(string Section, Payment Met, Payment NotMet) : AmountRule;

/// <summary>
/// An amount table by class (Pingshui–Lushui round 2 style, 差异化补偿): per period, the class the section reached selects
/// its row, each row naming who pays whom how much, so directions and amounts differ freely (a row may pay nothing).
/// </summary>
/// <param name="Section">The assessed section.</param>
/// <param name="Table">One payment per class, Ⅰ to 劣Ⅴ, every class present (an amount of 0 moves nothing).</param>
public sealed record ClassTableRule(string Section, IReadOnlyDictionary<WaterClass, Payment> Table) : AmountRule;

/// <summary>
/// A compliance-rate target (Jiuzhou round 2: the share of months whose monthly mean meets the target class must reach
/// 75 %, 83 %, 100 % in successive years): per period (a year or a quarter), the months meeting the section's target
/// class over the months classed; at or above the year's target → <see cref="Met"/>, below → <see cref="NotMet"/>.
/// </summary>
/// <param name="Section">The assessed section.</param>
/// <param name="Targets">The share of months required (0 to 1), by calendar year; every year of the term has one.</param>
/// <param name="Met">Payment when the rate reaches the target.</param>
/// <param name="NotMet">Payment when it does not.</param>
public sealed record ComplianceRateRule(string Section, IReadOnlyDictionary<int, decimal> Targets, Payment Met, Payment NotMet) : AmountRule
{
    /// <summary>Whether the period's own mean must also meet the target class (Jiuzhou: the annual mean at Class Ⅲ as well).</summary>
    public bool AlsoPeriodMean { get; init; }
}

/// <summary>
/// Several sections, each with a weight and its own target class: per period the attainment is the weighted share of
/// sections meeting their targets; <see cref="Met"/> is paid scaled by the attainment and <see cref="NotMet"/> by the
/// rest (two sections of weights 0.6 and 0.4, the first meeting: 60 % of one, 40 % of the other).
/// </summary>
/// <param name="Weights">Each assessed section's weight (positive; normalised over their sum).</param>
/// <param name="Met">The payment at full attainment.</param>
/// <param name="NotMet">The payment at no attainment.</param>
public sealed record WeightedSectionsRule(IReadOnlyList<SectionWeight> Weights, Payment Met, Payment NotMet) : AmountRule;

/// <summary>A section's weight in a <see cref="WeightedSectionsRule"/>.</summary>
/// <param name="Section">The section (its own target class applies).</param>
/// <param name="Weight">Its weight.</param>
public sealed record SectionWeight(string Section, decimal Weight);

/// <summary>
/// Class steps from a target plus a change component (Yellow River round 1): each class better than the target →
/// <see cref="PerStep"/> from downstream to upstream, each class worse → the reverse (劣Ⅴ counts as step 6); plus, per
/// percentage point the key-pollutant index fell year on year, <see cref="PerPercentPoint"/> downstream to upstream
/// (rise: the reverse), the change part capped at <see cref="ChangeCap"/> either way.
/// </summary>
/// <param name="Section">The assessed section.</param>
/// <param name="Upstream">Upstream party.</param>
/// <param name="Downstream">Downstream party.</param>
/// <param name="PerStep">Yuan per class step.</param>
/// <param name="KeyItems">The key pollutants whose index changes are paid for.</param>
/// <param name="PerPercentPoint">Yuan per percentage point of index change.</param>
/// <param name="ChangeCap">Largest change payment either way.</param>
public sealed record ClassStepRule(
    string Section, string Upstream, string Downstream, decimal PerStep, IReadOnlyList<StandardItem> KeyItems, decimal PerPercentPoint, decimal ChangeCap) : AmountRule
{
    /// <summary>The change component's form and rounding as the file states them (<c>change.index</c>, <c>change.rounding</c>); <c>null</c> when not stated.</summary>
    public ChangeTerms? StatedChange { get; init; }

    /// <summary>The change component's form and rounding: the stated ones, else round 1's reading (mean of C/C(Ⅲ), whole points toward zero).</summary>
    public ChangeTerms Change => StatedChange ?? new ChangeTerms(KeyIndexForm.MeanOfRatios, ChangeRounding.WholePointsDown);
}

/// <summary>How the change component is computed: the key-pollutant index's form and how its change is rounded before it is paid.</summary>
/// <param name="Index">The index's form.</param>
/// <param name="Rounding">The rounding of the change in percentage points.</param>
public sealed record ChangeTerms(KeyIndexForm Index, ChangeRounding Rounding);

/// <summary>How the key pollutants combine into the year-on-year change (the agreement's definition is not public).</summary>
public enum KeyIndexForm
{
    /// <summary>The index is the mean of each key item's C/C(Ⅲ); its percentage change is paid for.</summary>
    MeanOfRatios,

    /// <summary>Each key item's own percentage change, averaged.</summary>
    MeanOfChanges,
}

/// <summary>How the change in percentage points is rounded before it is paid.</summary>
public enum ChangeRounding
{
    /// <summary>Whole points, toward zero (3.92 → 3).</summary>
    WholePointsDown,

    /// <summary>Whole points, half away from zero (3.5 → 4).</summary>
    WholePointsNearest,

    /// <summary>Not rounded: paid pro rata (3.92 points → 3.92 × the amount per point).</summary>
    Exact,
}

/// <summary>
/// Index-based (Xin'an River, P = K0 · Σ kᵢ·Cᵢ/Cᵢ₀): P at or below <see cref="Threshold"/> → downstream pays upstream
/// <see cref="Amount"/>; above → upstream pays downstream.
/// </summary>
/// <param name="Section">The assessed section.</param>
/// <param name="Upstream">Upstream party.</param>
/// <param name="Downstream">Downstream party.</param>
/// <param name="K0">Water-quality stability coefficient.</param>
/// <param name="Terms">Each item's weight kᵢ and baseline Cᵢ₀ (mg/L).</param>
/// <param name="Threshold">The P that still counts as met (1).</param>
/// <param name="Amount">Yuan either way.</param>
public sealed record IndexRule(
    string Section, string Upstream, string Downstream, decimal K0, IReadOnlyList<IndexTerm> Terms, decimal Threshold, decimal Amount) : AmountRule;

/// <summary>One term of the P index.</summary>
/// <param name="Item">The item.</param>
/// <param name="Weight">kᵢ.</param>
/// <param name="Baseline">Cᵢ₀, mg/L.</param>
public sealed record IndexTerm(StandardItem Item, decimal Weight, decimal Baseline);

/// <summary>
/// A pooled fund (Chishui River): each party contributes its share of <see cref="Fund"/> and is allocated its share;
/// a section missing its target cuts a party's allocation and the cut goes to others. Net = allocation − contribution.
/// </summary>
/// <param name="Fund">Yuan per year.</param>
/// <param name="Contributions">Contribution shares by party (any positive numbers; normalised).</param>
/// <param name="Allocations">Allocation shares by party.</param>
/// <param name="Deductions">Per-section cuts.</param>
public sealed record PooledFundRule(
    decimal Fund, IReadOnlyDictionary<string, decimal> Contributions, IReadOnlyDictionary<string, decimal> Allocations,
    IReadOnlyList<SectionDeduction> Deductions) : AmountRule;

/// <summary>When a section misses its target: whose allocation is cut, by what fraction of it, and who receives the cut in what shares.</summary>
/// <param name="Section">The section.</param>
/// <param name="Party">The party whose allocation is cut.</param>
/// <param name="Fraction">Fraction of that party's allocation cut (configuration: how partial attainment scales the cut is unconfirmed).</param>
/// <param name="Recipients">Who receives the cut, by share.</param>
public sealed record SectionDeduction(string Section, string Party, decimal Fraction, IReadOnlyDictionary<string, decimal> Recipients);
