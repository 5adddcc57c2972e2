namespace Qingshui.Server.Registration;

/// <summary>
/// A data logger's announcement of its hardware identity (HJ 212-2025 command 1001) as read from the packet: logger id
/// (<c>i23005-Info</c>), CPU id (<c>i23006-Info</c>), MACs (<c>i23007-Info</c>, <c>i23008-Info</c>).
/// </summary>
/// <param name="LoggerId">The data logger's hardware serial: the key of the pending list.</param>
/// <param name="CpuId">Its CPU id, when sent.</param>
/// <param name="Mac1">Its first MAC address, when sent.</param>
/// <param name="Mac2">Its second MAC address, when sent.</param>
/// <param name="AnnouncedMn">The MN its packet carried (often empty or a factory value).</param>
/// <param name="SystemCode">The ST its packet carried, used to address it.</param>
/// <param name="Remote">Where it connected from.</param>
/// <param name="Seen">When it announced itself.</param>
internal sealed record PendingDevice(
    string LoggerId, string? CpuId, string? Mac1, string? Mac2, string AnnouncedMn, string SystemCode, string Remote, DateTimeOffset Seen);
