using Microsoft.Extensions.Logging;
using Qingshui.Hj212;
using Qingshui.Server.Commands;
using Qingshui.Server.Ingest;
using Qingshui.Storage;
using Qingshui.Storage.Registration;

namespace Qingshui.Server.Registration;

/// <summary>
/// Data loggers that announced themselves (1001) and wait for an operator to assign them an MN. The list is in the
/// store (<see cref="IPendingRegistrationStore"/>), so a restart and every node see it; the connections the loggers
/// announced themselves on are this node's, in memory.
/// </summary>
/// <remarks>
/// Bounded, since anyone who can reach the port can announce: at most <see cref="MaxPending"/> loggers in the store
/// (counted in the writing transaction, so nodes announcing at once do not pass it), fields of at most
/// <see cref="MaxFieldLength"/> characters, and <see cref="MaxAnnouncementsPerMinute"/> announcements per remote address
/// per minute on each node; what goes over is refused with its reason (the packet is still kept raw).
/// <para>
/// Anyone can also announce a known logger id (ids are listed to members and travel in clear). Before an MN is assigned
/// the latest announcement wins, and the operator sees its CPU id and MACs; once assigned, the hardware identity
/// recorded then is fixed: an announcement with another CPU id or MACs is refused (the connection held is kept), and the
/// assignment is sent only over a connection whose announcement carried the recorded identity (<see cref="LinkFor"/>).
/// </para>
/// </remarks>
internal sealed class PendingRegistrations(
    IPendingRegistrationStore store, ServerOptions options, TimeProvider clock, ILogger<PendingRegistrations> logger)
{
    public const int MaxPending = 200;
    public const int MaxFieldLength = 64;
    public const int MaxAnnouncementsPerMinute = 6;
    private const int MaxTrackedAddresses = 4096;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Held> _links = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset WindowStart, int Count)> _rates = new(StringComparer.Ordinal);

    /// <summary>This node's name in the list: the node holding a logger's connection.</summary>
    public string Node => options.NodeName;

    /// <summary>Reads a 1001's fields into a pending device, or says why they cannot be one.</summary>
    public static (PendingDevice? Device, string? Refusal) Read(Hj212Message message, string remote, DateTimeOffset now)
    {
        string? Info(string code) => message.Data.Pollutants.FirstOrDefault(p => p.Code == code)?.OtherFields
            .FirstOrDefault(f => f.Key == "Info").Value;

        string? loggerId = Info("i23005");
        if (string.IsNullOrEmpty(loggerId))
        {
            return (null, "1001 without the data logger's id (i23005-Info)");
        }

        if (!loggerId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.') || loggerId.Length > MaxFieldLength)
        {
            return (null, $"the data logger id (i23005-Info) must be 1–{MaxFieldLength} letters, digits or - _ : .");
        }

        // ST of an unsplit packet may carry NULs (some loggers send ST=\0\0); a pending logger keeps it as text.
        if (!message.SystemCode.All(char.IsAsciiDigit) || message.SystemCode.Length > 4)
        {
            return (null, "the system code (ST) of a 1001 must be up to 4 digits");
        }

        string? cpu = Info("i23006"), mac1 = Info("i23007"), mac2 = Info("i23008");
        if (new[] { cpu, mac1, mac2, message.DeviceId }.Any(f => f is not null && (f.Length > MaxFieldLength || f.Any(char.IsControl))))
        {
            return (null, $"a hardware field (i23006–i23008 Info, MN) is longer than {MaxFieldLength} characters or holds control characters");
        }

        return (new PendingDevice(loggerId, cpu, mac1, mac2, message.DeviceId, message.SystemCode, remote, now), null);
    }

    /// <summary>Counts an announcement from <paramref name="address"/>; the reason when the address is over its rate.</summary>
    public string? Admit(string address)
    {
        DateTimeOffset now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_rates.Count > MaxTrackedAddresses)
            {
                foreach (string stale in _rates.Where(r => now - r.Value.WindowStart >= TimeSpan.FromMinutes(1)).Select(r => r.Key).ToList())
                {
                    _rates.Remove(stale);
                }
            }

            (DateTimeOffset start, int count) = _rates.GetValueOrDefault(address, (now, 0));
            (start, count) = now - start >= TimeSpan.FromMinutes(1) ? (now, 0) : (start, count);
            if (count >= MaxAnnouncementsPerMinute)
            {
                return $"more than {MaxAnnouncementsPerMinute} announcements a minute from {address}";
            }

            _rates[address] = (start, count + 1);
            return null;
        }
    }

    /// <summary>
    /// Holds (or refreshes) an admitted logger in the store and notes the connection it announced itself on (where its
    /// assignment, 1002, goes). When the list is full, or cannot be written, the announcement becomes a rejected packet
    /// with its reason and no answer.
    /// </summary>
    public async Task<PacketOutcome> HoldAsync(PendingDevice device, StationLink link, PacketOutcome announced)
    {
        string? refusal;
        try
        {
            PendingAnnouncement held = await store.AnnouncePendingAsync(new PendingRegistration(
                0, device.LoggerId, device.CpuId, device.Mac1, device.Mac2, device.AnnouncedMn, device.SystemCode, device.Remote, Node, device.Seen,
                device.Seen), MaxPending, CancellationToken.None);
            refusal = held switch
            {
                PendingAnnouncement.Full => $"{MaxPending} loggers are pending already",
                PendingAnnouncement.Conflicting =>
                    $"logger {device.LoggerId} has an MN assigned to other hardware (CPU id or MACs differ from those recorded at its assignment)",
                _ => null,
            };
        }
        catch (StoreException e)
        {
            refusal = $"the pending list could not be written ({e.Message})";
        }

        if (refusal is not null)
        {
            Log.AnnouncementRefused(logger, device.Remote, refusal, 0);
            IngestRecord record = announced.Records[^1];
            RawPacket refused = record.Packet with { Verdict = PacketVerdict.Rejected, Reason = $"hardware identity refused: {refusal}" };
            return new PacketOutcome([.. announced.Records.SkipLast(1), record with { Packet = refused }], []);
        }

        lock (_lock)
        {
            if (_links.Count >= MaxPending)
            {
                foreach (string closed in _links.Where(l => l.Value.Link.IsClosed).Select(l => l.Key).ToList())
                {
                    _links.Remove(closed);
                }
            }

            _links[device.LoggerId] = new Held(link, device);
        }

        Log.LoggerAnnounced(logger, device.Remote, device.LoggerId);
        return announced;
    }

    /// <summary>The open connection a pending logger announced itself on at this node, or <c>null</c>.</summary>
    public StationLink? LinkOf(string loggerId)
    {
        lock (_lock)
        {
            return _links.TryGetValue(loggerId, out Held? held) && !held.Link.IsClosed ? held.Link : null;
        }
    }

    /// <summary>
    /// The open connection at this node over which the logger of <paramref name="recorded"/> announced the hardware
    /// identity recorded for it (CPU id and MACs), or <c>null</c>: where its assignment may be sent.
    /// </summary>
    public StationLink? LinkFor(PendingRegistration recorded)
    {
        lock (_lock)
        {
            return _links.TryGetValue(recorded.LoggerId, out Held? held) && !held.Link.IsClosed
                && recorded.SameHardwareAs(recorded with { CpuId = held.Device.CpuId, Mac1 = held.Device.Mac1, Mac2 = held.Device.Mac2 })
                ? held.Link
                : null;
        }
    }

    /// <summary>The loggers whose announcement connection is open on this node.</summary>
    public IReadOnlyList<string> HeldLoggers()
    {
        lock (_lock)
        {
            return [.. _links.Where(l => !l.Value.Link.IsClosed).Select(l => l.Key)];
        }
    }

    public Task<PendingRegistration?> FindAsync(string loggerId, CancellationToken cancellationToken) =>
        store.PendingRegistrationAsync(loggerId, cancellationToken);

    public Task<IReadOnlyList<PendingRegistration>> ListAsync(long afterId, int limit, CancellationToken cancellationToken) =>
        store.PendingRegistrationsAsync(afterId, limit, cancellationToken);

    /// <summary>Notes the MN a station was registered under for this logger, so a failed send of its 1002 can be repeated (on any node).</summary>
    public Task AssignedAsync(string loggerId, string deviceId) => store.AssignPendingAsync(loggerId, deviceId, CancellationToken.None);

    /// <summary>Takes the logger off the list (assigned and confirmed, or turned away).</summary>
    public async Task<bool> RemoveAsync(string loggerId)
    {
        lock (_lock)
        {
            _links.Remove(loggerId);
        }

        return await store.RemovePendingAsync(loggerId, CancellationToken.None);
    }

    // A connection a logger announced itself on, with what it announced.
    private sealed record Held(StationLink Link, PendingDevice Device);
}
