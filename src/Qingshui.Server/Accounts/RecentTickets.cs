using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace Qingshui.Server.Accounts;

/// <summary>
/// The session cookie's ticket format with a short memory: a cookie text that was unprotected (decrypted and its MAC
/// checked) within <see cref="ServerOptions.AccountRecheck"/> is not unprotected again. The same text can only ever give
/// the same ticket, so nothing is trusted that was not checked; each use gets its own copy of the ticket's properties,
/// and the cookie handler still checks its expiry on every request. A revoked data-protection key stops its cookies
/// within the interval.
/// </summary>
/// <remarks>
/// Only texts that unprotected successfully are kept, so guessed or tampered cookies cost the full check each time
/// and take no room; at most <see cref="MaxKept"/> are kept (then none are added until the interval frees room).
/// </remarks>
internal sealed class RecentTickets(ISecureDataFormat<AuthenticationTicket> inner, TimeProvider clock, TimeSpan keep) : ISecureDataFormat<AuthenticationTicket>
{
    public const int MaxKept = 10_000;

    private readonly ConcurrentDictionary<string, (AuthenticationTicket Ticket, DateTimeOffset At)> _kept = new(StringComparer.Ordinal);
    private long _nextSweep;

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null || keep <= TimeSpan.Zero)
        {
            return inner.Unprotect(protectedText, purpose);
        }

        DateTimeOffset now = clock.GetUtcNow();
        Sweep(now);
        if (!_kept.TryGetValue(protectedText, out var kept) || now < kept.At || now - kept.At >= keep)
        {
            if (inner.Unprotect(protectedText, purpose) is not AuthenticationTicket ticket)
            {
                _kept.TryRemove(protectedText, out _);
                return null;
            }

            kept = (ticket, now);
            if (_kept.Count < MaxKept)
            {
                _kept[protectedText] = kept;
            }
        }

        return new AuthenticationTicket(kept.Ticket.Principal, kept.Ticket.Properties.Clone(), kept.Ticket.AuthenticationScheme);
    }

    // Drops what is past the interval, at most once per interval, so that cookies not seen again do not stay.
    private void Sweep(DateTimeOffset now)
    {
        long next = Interlocked.Read(ref _nextSweep);
        if (now.UtcTicks < next || Interlocked.CompareExchange(ref _nextSweep, now.UtcTicks + keep.Ticks, next) != next)
        {
            return;
        }

        foreach (var (text, kept) in _kept)
        {
            if (now < kept.At || now - kept.At >= keep)
            {
                _kept.TryRemove(text, out _);
            }
        }
    }
}
