namespace Qingshui.Storage.Registration;

/// <summary>
/// A data logger that announced its hardware identity (HJ 212-2025 command 1001) and waits for the platform to assign
/// it an MN, as kept in the store so that every node and every restart sees it.
/// </summary>
/// <param name="Id">Its place in the order of first announcement (assigned by the store; 0 before it is stored).</param>
/// <param name="LoggerId">The data logger's hardware serial (<c>i23005-Info</c>): the key of the list.</param>
/// <param name="CpuId">Its CPU id (<c>i23006-Info</c>), when sent.</param>
/// <param name="Mac1">Its first MAC address (<c>i23007-Info</c>), when sent.</param>
/// <param name="Mac2">Its second MAC address (<c>i23008-Info</c>), when sent.</param>
/// <param name="AnnouncedMn">The MN its packet carried (often empty or a factory value).</param>
/// <param name="SystemCode">The ST its packet carried, used to address it.</param>
/// <param name="Remote">Where it last connected from.</param>
/// <param name="Node">The node it last announced itself on: the one holding its connection.</param>
/// <param name="FirstSeen">When it first announced itself.</param>
/// <param name="LastSeen">When it last did.</param>
/// <param name="AssignedMn">The MN registered for it whose assignment (1002) the logger has not yet confirmed.</param>
public sealed record PendingRegistration(
    long Id, string LoggerId, string? CpuId, string? Mac1, string? Mac2, string AnnouncedMn, string SystemCode, string Remote, string Node,
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string? AssignedMn = null);

/// <summary>What became of an announcement.</summary>
public enum PendingAnnouncement
{
    /// <summary>The logger is new to the list and was added.</summary>
    Added,

    /// <summary>The logger was pending already: its fields, node and last-seen time were refreshed (first-seen and assignment kept).</summary>
    Refreshed,

    /// <summary>The list holds the most loggers allowed already; nothing was written.</summary>
    Full,
}
