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
    /// <summary>The party with this id.</summary>
    public Party PartyOf(string id) => Parties.First(p => string.Equals(p.Id, id, StringComparison.Ordinal));

    /// <summary>The section with this id.</summary>
    public AgreementSection SectionOf(string id) => Sections.First(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    /// <summary>The calendar day an instant falls on where the agreement is reckoned (Beijing time, UTC+8, as stations report).</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(TimeSpan.FromHours(8)).DateTime);

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
