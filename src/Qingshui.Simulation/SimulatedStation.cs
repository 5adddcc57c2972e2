using Qingshui.Hj212;

namespace Qingshui.Simulation;

/// <summary>A station the simulator plays: its HJ 212 identity and how clean its water is.</summary>
/// <param name="DeviceId">MN.</param>
/// <param name="Password">PW.</param>
/// <param name="Edition">The edition its logger speaks.</param>
/// <param name="Index">Its number in the run, which keys its noise.</param>
/// <param name="Profile">Its water.</param>
public sealed record SimulatedStation(string DeviceId, string Password, Hj212Edition Edition, int Index, StationProfile Profile);
