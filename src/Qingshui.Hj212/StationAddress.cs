namespace Qingshui.Hj212;

/// <summary>What the host needs to address a station: its system code, password, MN and edition.</summary>
/// <param name="SystemCode">ST of the station's system (21 for surface water).</param>
/// <param name="Password">PW, the access password.</param>
/// <param name="DeviceId">MN.</param>
/// <param name="Edition">The edition the station speaks.</param>
public sealed record StationAddress(string SystemCode, string Password, string DeviceId, Hj212Edition Edition);
