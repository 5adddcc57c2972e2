namespace Qingshui.Domain.Network;

/// <summary>A WGS 84 position.</summary>
/// <param name="Longitude">Degrees east.</param>
/// <param name="Latitude">Degrees north.</param>
public readonly record struct GeoPoint(double Longitude, double Latitude);
