using Qingshui.Hj212;

namespace Qingshui.Simulation;

/// <summary>A station the simulator plays: its HJ 212 identity and how clean its water is.</summary>
/// <param name="DeviceId">MN; empty for an HJ 212-2025 logger that registers itself (<paramref name="LoggerId"/>).</param>
/// <param name="Password">PW (for a logger that registers itself, its factory password until the platform assigns one).</param>
/// <param name="Edition">The edition its logger speaks.</param>
/// <param name="Index">Its number in the run, which keys its noise.</param>
/// <param name="Profile">Its water.</param>
/// <param name="LoggerId">
/// HJ 212-2025: the data logger's hardware id (<c>i23005-Info</c>). With an empty MN the logger first announces itself
/// (1001) and uploads only once the platform has assigned it an MN and password (1002).
/// </param>
public sealed record SimulatedStation(string DeviceId, string Password, Hj212Edition Edition, int Index, StationProfile Profile, string? LoggerId = null)
{
    /// <summary>True when the logger has no MN yet and registers itself before uploading.</summary>
    public bool Registers => LoggerId is not null && DeviceId.Length == 0;
}
