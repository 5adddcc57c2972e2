using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Review;

/// <summary>One station's month behind an account: its review state and each parameter's completeness on the data as reviewed.</summary>
/// <param name="StationId">MN.</param>
/// <param name="State">Unreviewed, closed or reopened.</param>
/// <param name="HasData">Whether the station has any hourly reading that month (a month without data has nothing to review).</param>
/// <param name="Completeness">Each parameter's completeness.</param>
public sealed record StationMonthReview(string StationId, MonthReviewState State, bool HasData, IReadOnlyList<ParameterCompleteness> Completeness)
{
    /// <summary>Whether this month's data still wait for review: it has data and is not closed.</summary>
    public bool Pending => HasData && State != MonthReviewState.Closed;
}

/// <summary>The review behind a period's account: each of its stations' months.</summary>
/// <param name="Period">The period (a month).</param>
/// <param name="Stations">The stations' months, in the agreement's order.</param>
public sealed record PeriodReview(Period Period, IReadOnlyList<StationMonthReview> Stations)
{
    /// <summary>Whether every station-month with data is closed by review.</summary>
    public bool Reviewed => Stations.All(s => !s.Pending);
}

/// <summary>A party's recorded consent to settle a year although some of its months are not closed by review.</summary>
/// <param name="AgreementId">The agreement.</param>
/// <param name="Year">The year.</param>
/// <param name="Party">The consenting party.</param>
/// <param name="By">Who, for that party.</param>
/// <param name="At">When.</param>
/// <param name="Reason">Why (the joint meeting's minutes, say).</param>
public sealed record UnreviewedConsent(string AgreementId, int Year, string Party, string By, DateTimeOffset At, string Reason);
