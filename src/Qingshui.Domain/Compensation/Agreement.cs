using Qingshui.Domain.Assessment;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Compensation;

/// <summary>
/// A horizontal eco-compensation agreement as data: its parties, sections, how water quality is judged (rule, period,
/// data, completeness), how money follows (<see cref="Amount"/>), when it is due and for which term. Read with
/// <see cref="AgreementFile"/>.
/// </summary>
public sealed record Agreement(
    string Id,
    LocalizedText Name,
    IReadOnlyList<Party> Parties,
    IReadOnlyList<AgreementSection> Sections,
    EvaluationRule Rule,
    PeriodKind Period,
    string DataSource,
    CompletenessRules Completeness,
    AmountRule Amount,
    (int Month, int Day) PaymentDue,
    DateOnly TermStart,
    DateOnly TermEnd,
    IReadOnlyList<string> Notes)
{
    /// <summary>
    /// The notes written for Chinese readers (<c>notesZh</c> in the file), printed in Chinese statements instead of
    /// <see cref="Notes"/>; empty when the file gives none, and Chinese statements then print <see cref="Notes"/>.
    /// </summary>
    public IReadOnlyList<string> ChineseNotes { get; init; } = [];

    /// <summary>The notes in a language ("zh" or "en"): the Chinese ones where given.</summary>
    public IReadOnlyList<string> NotesIn(string language) =>
        ChineseNotes.Count > 0 && !string.Equals(language, "en", StringComparison.OrdinalIgnoreCase) ? ChineseNotes : Notes;

    /// <summary>Beijing time, where an agreement does not state its own.</summary>
    public static readonly TimeSpan DefaultUtcOffset = TimeSpan.FromHours(8);

    /// <summary>The UTC offset the agreement's days and periods are cut in, as its file states it (<c>timeZone</c>); <c>null</c> when not stated.</summary>
    public TimeSpan? StatedUtcOffset { get; init; }

    /// <summary>The UTC offset days and periods are cut in: the stated one, else UTC+8.</summary>
    public TimeSpan UtcOffset => StatedUtcOffset ?? DefaultUtcOffset;

    /// <summary>Completeness of single items where it differs from <see cref="Completeness"/>, by item id.</summary>
    public IReadOnlyDictionary<string, CompletenessRules> ItemCompleteness { get; init; } = new Dictionary<string, CompletenessRules>();

    /// <summary>How values below the detection limit enter means, as stated (<c>belowDetectionLimit</c>); <c>null</c> when not stated.</summary>
    public BelowLimitRule? BelowLimit { get; init; }

    /// <summary>What a pollution incident does to a party's receipts (<c>incidentForfeiture</c>); <c>null</c> when the agreement states none.</summary>
    public IncidentTerm? Incidents { get; init; }

    /// <summary>The ecological-flow term (<c>ecologicalFlow</c>); <c>null</c> when the agreement states none.</summary>
    public EcologicalFlowTerm? EcologicalFlow { get; init; }

    /// <summary>The terms no source gives (<c>paymentDue</c>, <c>amount.change.index</c>…): statements show them as unconfirmed.</summary>
    public IReadOnlyList<string> Unconfirmed { get; init; } = [];

    /// <summary>
    /// Whether the file states any term added after round 1 (time zone, detection limits, per-item completeness,
    /// unconfirmed terms, the change component's form): only then does a statement carry its <c>terms</c>, so books
    /// recorded before read back byte for byte.
    /// </summary>
    public bool StatesTerms => StatedUtcOffset is not null || BelowLimit is not null || ItemCompleteness.Count > 0 || Unconfirmed.Count > 0
        || Amount is ClassStepRule { StatedChange: not null } || Sections.Any(s => s.Source is not null) || Incidents is not null || EcologicalFlow is not null;

    /// <summary>The completeness an item's means need.</summary>
    public CompletenessRules CompletenessOf(StandardItem item) => ItemCompleteness.GetValueOrDefault(item.Id) ?? Completeness;

    /// <summary>Whether a term (<c>paymentDue</c>) or one of its fields is marked unconfirmed.</summary>
    public bool IsUnconfirmed(string term) => Unconfirmed.Any(u => u == term || term.StartsWith(u + ".", StringComparison.Ordinal));

    /// <summary>The agreement with each section's monitored items taken from the basin file (sections the basin lacks keep theirs).</summary>
    public Agreement WithMonitoring(Basin basin)
    {
        ArgumentNullException.ThrowIfNull(basin);
        return this with
        {
            Sections = Sections.Select(s => basin.Sections.FirstOrDefault(b => b.Id == s.Id) is { MonitoredItems: { } items } ? s with { Monitored = items } : s).ToArray(),
        };
    }

    /// <summary>The party with this id.</summary>
    public Party PartyOf(string id) => Parties.First(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    /// <summary>The section with this id.</summary>
    public AgreementSection SectionOf(string id) => Sections.First(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    /// <summary>
    /// The calendar day an instant falls on where the agreement is reckoned (<see cref="UtcOffset"/>), whatever offset
    /// the instant carries: <c>2020-01-31T20:00+00:00</c> is 1 February in Beijing.
    /// </summary>
    public DateOnly LocalDate(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(UtcOffset).DateTime);

    /// <summary>Payment is due on this day of the year after <paramref name="year"/>.</summary>
    public DateOnly DueDate(int year) => new(year + 1, PaymentDue.Month, PaymentDue.Day);

    /// <summary>The reckoning periods of a year that fall within the term (term end inclusive).</summary>
    public IReadOnlyList<Period> PeriodsOf(int year)
    {
        var periods = new List<Period>();
        Period period = Assessment.Period.Containing(Period, new DateOnly(year, 1, 1));
        while (period.Start.Year == year)
        {
            if (period.End > TermStart && period.Start <= TermEnd)
            {
                periods.Add(period);
            }

            period = Assessment.Period.Containing(Period, period.End);
        }

        return periods;
    }
}
