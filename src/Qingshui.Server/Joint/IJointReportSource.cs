using Qingshui.Reporting.Joint;

namespace Qingshui.Server.Joint;

/// <summary>
/// A kind of joint record that contributes its section to the yearly joint work report. Each kind registers its own
/// source; the report asks every registered source, so a new kind of record needs no change to the report.
/// </summary>
public interface IJointReportSource
{
    /// <summary>The section for one basin and calendar year (records dated in that year, with their state at the time asked).</summary>
    Task<JointReportSection> SectionAsync(string basinId, int year, CancellationToken cancellationToken);
}
