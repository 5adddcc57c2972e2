using System.Globalization;
using Qingshui.Domain.Network;

namespace Qingshui.Domain.Incidents;

/// <summary>
/// When water seen at a section reaches the sections below it on the same river: the sum over the reaches on the way of
/// length ÷ mean velocity, both from the basin file. A plug-flow estimate: it ignores dispersion and tributaries, so the
/// front of a pulse may come earlier and its peak later. A reach the file gives no length or velocity for breaks the
/// chain: that section and every one below it get no estimate, with the reason.
/// </summary>
public static class ArrivalEstimate
{
    /// <summary>The sections downstream of <paramref name="section"/>, nearest first, with arrival times counted from <paramref name="seenAt"/>.</summary>
    public static IReadOnlyList<DownstreamWarning> Downstream(Basin basin, Section section, DateTimeOffset seenAt)
    {
        ArgumentNullException.ThrowIfNull(basin);
        ArgumentNullException.ThrowIfNull(section);
        Section[] below = [.. basin.Sections.Where(s => s.River == section.River && s.Order > section.Order).OrderBy(s => s.Order)];
        var warnings = new List<DownstreamWarning>(below.Length);
        double km = 0, seconds = 0;
        string? broken = null;
        Section from = section;
        foreach (Section next in below)
        {
            if (broken is null && (from.ReachKmToNext is not double length || from.VelocityMps is not double velocity))
            {
                broken = string.Create(CultureInfo.InvariantCulture,
                    $"the basin file gives no {(from.ReachKmToNext is null ? "reachKmToNext" : "velocityMps")} for the reach from '{from.Id}' to '{next.Id}'");
            }
            else if (broken is null)
            {
                km += from.ReachKmToNext!.Value;
                seconds += from.ReachKmToNext!.Value * 1000 / from.VelocityMps!.Value;
            }

            if (broken is null)
            {
                // Whole minutes: the velocities are means, and a finer figure would claim more than they know.
                var travel = TimeSpan.FromMinutes(Math.Round(seconds / 60));
                warnings.Add(new DownstreamWarning(next.Id, next.Jurisdiction, Math.Round(km, 1), travel, seenAt + travel, null));
            }
            else
            {
                warnings.Add(new DownstreamWarning(next.Id, next.Jurisdiction, null, null, null, broken));
            }

            from = next;
        }

        return warnings;
    }
}
