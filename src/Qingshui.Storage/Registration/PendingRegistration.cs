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
    DateTimeOffset FirstSeen, DateTimeOffset LastSeen, string? AssignedMn = null)
{
    /// <summary>Whether <paramref name="other"/> names the same hardware: equal CPU id and MACs (ordinal; absent equals absent).</summary>
    public bool SameHardwareAs(PendingRegistration other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return string.Equals(CpuId, other.CpuId, StringComparison.Ordinal) && string.Equals(Mac1, other.Mac1, StringComparison.Ordinal)
            && string.Equals(Mac2, other.Mac2, StringComparison.Ordinal);
    }
}

/// <summary>What became of an announcement.</summary>
public enum PendingAnnouncement
{
    /// <summary>The logger is new to the list and was added.</summary>
    Added,

    /// <summary>
    /// The logger was pending already: its fields, node and last-seen time were refreshed (first-seen and assignment kept;
    /// once assigned, its hardware identity is the same by then, see <see cref="Conflicting"/>).
    /// </summary>
    Refreshed,

    /// <summary>The list holds the most loggers allowed already; nothing was written.</summary>
    Full,

    /// <summary>
    /// The logger has an MN assigned and the announcement's CPU id or MACs differ from those recorded: nothing was
    /// written, since once assigned a logger's recorded hardware identity is the one its assignment is sent to.
    /// </summary>
    Conflicting,
}
