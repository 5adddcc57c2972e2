using Qingshui.Domain.Parameters;

namespace Qingshui.Domain.Network;

/// <summary>An automatic monitoring station: its data logger's HJ 212 identity and what it measures for which section.</summary>
/// <param name="DeviceId">MN, the data logger's identifier.</param>
/// <param name="Password">PW, the access password (never logged).</param>
/// <param name="Name">Its name.</param>
/// <param name="Section">The section it monitors.</param>
/// <param name="Operator">The jurisdiction that runs it.</param>
/// <param name="Edition">The protocol edition its logger speaks.</param>
/// <param name="Crc">CRC tolerance.</param>
/// <param name="UtcOffset">The offset of its clock (stations report Beijing time, UTC+8).</param>
/// <param name="Parameters">The parameter codes it is expected to report (HJ 212-2017 codes).</param>
/// <param name="Units">Units that differ from a code's default, by parameter code.</param>
public sealed record Station(
    string DeviceId, string Password, LocalizedText Name, string Section, string Operator, ProtocolEdition Edition, CrcPolicy Crc,
    TimeSpan UtcOffset, IReadOnlyList<string> Parameters, IReadOnlyDictionary<string, Unit> Units)
{
    /// <summary>The unit this station reports a parameter in.</summary>
    public Unit UnitOf(Parameter parameter)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        return Units.TryGetValue(parameter.Code, out Unit unit) ? unit : parameter.DefaultUnit;
    }
}
