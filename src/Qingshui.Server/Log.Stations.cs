using Microsoft.Extensions.Logging;

namespace Qingshui.Server;

/// <summary>Station register log messages (event ids 57xx). Field names are logged; a password's value never is.</summary>
internal static partial class Log
{
    [LoggerMessage(5701, LogLevel.Information, "Station register: {Registered} stations registered in the store ({Seeded} added from the basin file now)")]
    public static partial void StationRegisterLoaded(ILogger logger, int registered, int seeded);

    [LoggerMessage(5702, LogLevel.Warning, "Station {DeviceId} differs between the basin file and the store's register in {Fields}; the store's is used (change stations over /api/v1/stations)")]
    public static partial void StationDiffersFromFile(ILogger logger, string deviceId, string fields);

    [LoggerMessage(5703, LogLevel.Warning, "Station {DeviceId} in the store's register names section '{Section}', which the basin file does not have; its readings count for no section")]
    public static partial void StationSectionUnknown(ILogger logger, string deviceId, string section);

    [LoggerMessage(5704, LogLevel.Information, "Station {DeviceId}: {Action} by {Actor} ({Organisation}); changed: {Fields}")]
    public static partial void StationChanged(ILogger logger, string deviceId, string action, string actor, string organisation, string fields);
}
