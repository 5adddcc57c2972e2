using Qingshui.Hj212;
using Qingshui.Server.Commands;

namespace Qingshui.Server.Registration;

/// <summary>
/// Data loggers that announced themselves (1001) and wait for an operator to assign them an MN, in memory: a logger
/// announces itself again when it reconnects, so a restart loses nothing a logger does not resend.
/// </summary>
/// <remarks>
/// Bounded, since anyone who can reach the port can announce: at most <see cref="MaxPending"/> loggers, fields of at
/// most <see cref="MaxFieldLength"/> characters, and <see cref="MaxAnnouncementsPerMinute"/> announcements per remote
/// address per minute; what goes over is refused with its reason (the packet is still kept raw).
/// </remarks>
internal sealed class PendingRegistrations(TimeProvider clock)
{
    public const int MaxPending = 200;
    public const int MaxFieldLength = 64;
    public const int MaxAnnouncementsPerMinute = 6;
    private const int MaxTrackedAddresses = 4096;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset WindowStart, int Count)> _rates = new(StringComparer.Ordinal);

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

        string? cpu = Info("i23006"), mac1 = Info("i23007"), mac2 = Info("i23008");
        if (new[] { cpu, mac1, mac2, message.DeviceId }.Any(f => f is not null && (f.Length > MaxFieldLength || f.Any(char.IsControl))))
        {
            return (null, $"a hardware field (i23006–i23008 Info, MN) is longer than {MaxFieldLength} characters or holds control characters");
        }

        return (new PendingDevice(loggerId, cpu, mac1, mac2, message.DeviceId, message.SystemCode, remote, now, now), null);
    }

    /// <summary>Holds (or refreshes) a logger; the reason when the list or the address's rate is full.</summary>
    public string? Announce(PendingDevice device, string address)
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
            if (_pending.TryGetValue(device.LoggerId, out Entry? known))
            {
                known.Device = device with { FirstSeen = known.Device.FirstSeen, AssignedMn = known.Device.AssignedMn };
                return null;
            }

            if (_pending.Count >= MaxPending)
            {
                return $"{MaxPending} loggers are pending already";
            }

            _pending[device.LoggerId] = new Entry(device);
            return null;
        }
    }

    /// <summary>The connection a pending logger announced itself on: where its assignment (1002) goes.</summary>
    public void Attach(string loggerId, StationLink link)
    {
        lock (_lock)
        {
            if (_pending.TryGetValue(loggerId, out Entry? entry))
            {
                entry.Link = link;
            }
        }
    }

    public IReadOnlyList<PendingDevice> List()
    {
        lock (_lock)
        {
            return [.. _pending.Values.Select(e => e.Device).OrderBy(d => d.FirstSeen)];
        }
    }

    /// <summary>A pending logger and its open connection (<c>null</c> when closed).</summary>
    public (PendingDevice Device, StationLink? Link)? Find(string loggerId)
    {
        lock (_lock)
        {
            return _pending.TryGetValue(loggerId, out Entry? entry) ? (entry.Device, entry.Link is { IsClosed: false } link ? link : null) : null;
        }
    }

    /// <summary>Notes the MN a station was registered under for this logger, so a failed send of its 1002 can be repeated.</summary>
    public void Assigned(string loggerId, string deviceId)
    {
        lock (_lock)
        {
            if (_pending.TryGetValue(loggerId, out Entry? entry))
            {
                entry.Device = entry.Device with { AssignedMn = deviceId };
            }
        }
    }

    public bool Remove(string loggerId)
    {
        lock (_lock)
        {
            return _pending.Remove(loggerId);
        }
    }

    private sealed class Entry(PendingDevice device)
    {
        public PendingDevice Device { get; set; } = device;

        public StationLink? Link { get; set; }
    }
}
