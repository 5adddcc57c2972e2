using Qingshui.Domain.Assessment;

namespace Qingshui.Domain.Joint;

/// <summary>
/// 比对差异: the two stations of one section differ beyond the tolerance over a day or a month for one item. Opened once
/// per station pair, item and period; seen by both sides; closed only with a cause.
/// </summary>
/// <param name="Id">Store id (0 before it is stored).</param>
/// <param name="Section">The section.</param>
/// <param name="StationA">Station A's MN.</param>
/// <param name="StationB">Station B's MN.</param>
/// <param name="Jurisdictions">The jurisdictions running the stations.</param>
/// <param name="ItemId">The GB 3838 item.</param>
/// <param name="Period">The day or month.</param>
/// <param name="MeanA">Station A's mean then.</param>
/// <param name="MeanB">Station B's mean then.</param>
/// <param name="Difference">A − B.</param>
/// <param name="Tolerance">The tolerance it exceeded, as text (<c>±0.1 or ±20 %</c>).</param>
/// <param name="OpenedAt">When it was opened.</param>
/// <param name="Closing">How it was closed, or null while open.</param>
public sealed record Discrepancy(
    long Id, string Section, string StationA, string StationB, IReadOnlyList<string> Jurisdictions, string ItemId, Period Period,
    decimal MeanA, decimal MeanB, decimal Difference, string Tolerance, DateTimeOffset OpenedAt, DiscrepancyClosing? Closing)
{
    /// <summary>Whether it awaits its cause.</summary>
    public bool IsOpen => Closing is null;
}

/// <summary>How a discrepancy was closed: the cause from the list, the explanation, who and when.</summary>
/// <param name="Cause">The cause.</param>
/// <param name="Text">What was found.</param>
/// <param name="Actor">Who closed it.</param>
/// <param name="Organisation">Their organisation.</param>
/// <param name="At">When.</param>
public sealed record DiscrepancyClosing(DiscrepancyCause Cause, string Text, string Actor, string Organisation, DateTimeOffset At);
