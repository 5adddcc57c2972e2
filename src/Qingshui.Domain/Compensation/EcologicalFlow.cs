using System.Globalization;
using Qingshui.Domain.Parameters;

namespace Qingshui.Domain.Compensation;

/// <summary>One flow value at a section (生态流量), in m³/s, from an HJ 212 flow code (<c>w00000</c>, L/s) or imported.</summary>
/// <param name="Time">When it was measured.</param>
/// <param name="CubicMetresPerSecond">The flow, m³/s.</param>
/// <param name="Valid">Whether the value counts (flag N, not a calibration or fault value).</param>
public sealed record FlowReading(DateTimeOffset Time, decimal CubicMetresPerSecond, bool Valid)
{
    /// <summary>The HJ 212 flow code whose readings feed the term (L/s).</summary>
    public const string Code = "w00000";

    /// <summary>A reading in the catalogue's flow unit (L/s) or m³/s as a flow reading; <c>null</c> for another unit.</summary>
    public static FlowReading? From(DateTimeOffset time, decimal value, Unit unit, bool valid) => unit switch
    {
        Unit.LitrePerSecond => new FlowReading(time, value / 1000m, valid),
        _ => null,
    };
}

/// <summary>
/// An ecological-flow term (water quantity): each day whose mean flow at <see cref="Section"/> falls below
/// <see cref="MinimumFlow"/> costs <see cref="PerDay"/> from <see cref="Payer"/> to <see cref="Payee"/>, at most
/// <see cref="Cap"/> a period (a city variant in Jiangxi: up to 20万 a section a year, by failing days).
/// </summary>
/// <param name="Section">The section whose flow is judged.</param>
/// <param name="MinimumFlow">The minimum daily mean flow, m³/s.</param>
/// <param name="PerDay">Yuan per day below it.</param>
/// <param name="Cap">At most this much a period; <c>null</c>: no cap.</param>
/// <param name="Payer">Who pays (normally upstream, who releases the water).</param>
/// <param name="Payee">Who receives.</param>
public sealed record EcologicalFlowTerm(string Section, decimal MinimumFlow, decimal PerDay, decimal? Cap, string Payer, string Payee);

/// <summary>Applies an agreement's ecological-flow term to a period's account from the section's flow readings.</summary>
internal static class EcologicalFlow
{
    /// <summary>
    /// Adds the deduction for the period's days below the minimum flow; days without a valid flow value are named and
    /// not counted; a period without a single one cannot be judged, so its account is undetermined (the reason in its
    /// gaps) until a decision, never silently free of the term.
    /// </summary>
    public static PeriodAccount Apply(Agreement agreement, IReadOnlyDictionary<string, IReadOnlyList<FlowReading>> flows, PeriodAccount account)
    {
        if (agreement.EcologicalFlow is not EcologicalFlowTerm term || account.Status is not (AccountStatus.Determined or AccountStatus.Decided))
        {
            return account;
        }

        Dictionary<DateOnly, decimal> daily = (flows.GetValueOrDefault(term.Section) ?? [])
            .Where(f => f.Valid && f.CubicMetresPerSecond >= 0)
            .GroupBy(f => agreement.LocalDate(f.Time))
            .Where(d => account.Period.Contains(d.Key))
            .ToDictionary(d => d.Key, d => d.Average(f => f.CubicMetresPerSecond));
        int days = account.Period.End.DayNumber - account.Period.Start.DayNumber;
        if (daily.Count == 0)
        {
            string gap = string.Create(CultureInfo.InvariantCulture, $"ecological flow: no valid flow value at {term.Section} in {account.Period}");
            return account.Status == AccountStatus.Decided
                ? account with { Gaps = [.. account.Gaps, gap] }
                : account with { Status = AccountStatus.Undetermined, Transfers = [], Gaps = [.. account.Gaps, gap] };
        }

        DateOnly[] below = daily.Where(d => d.Value < term.MinimumFlow).Select(d => d.Key).Order().ToArray();
        if (below.Length == 0)
        {
            return account;
        }

        decimal amount = Money.RoundToFen(Math.Min(term.Cap ?? decimal.MaxValue, below.Length * term.PerDay));
        string listed = string.Join(", ", below.Take(10).Select(d => d.ToString("MM-dd", CultureInfo.InvariantCulture))) + (below.Length > 10 ? ", …" : "");
        string detail = string.Create(CultureInfo.InvariantCulture, $"{below.Length} of {daily.Count} days with flow data below {term.MinimumFlow:0.###} m³/s at {term.Section} ({listed})")
            + (daily.Count < days ? string.Create(CultureInfo.InvariantCulture, $"; {days - daily.Count} days without flow data not counted") : "")
            + (term.Cap is decimal cap && below.Length * term.PerDay > cap ? string.Create(CultureInfo.InvariantCulture, $"; capped at {cap:0.##}") : "");
        return account with { Transfers = [.. account.Transfers, new Transfer(term.Payer, term.Payee, amount, TransferBasis.EcologicalFlow, detail)] };
    }
}
