using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Audit;
using Qingshui.Storage.Audit;

namespace Qingshui.Server.Accounts;

/// <summary>
/// Refused bearer tokens (unknown, wrong, expired, revoked, not a token), per remote address in fixed windows of
/// <see cref="ServerOptions.BearerFailureWindow"/>: the first refusal of a window is audited, the rest only counted and
/// logged in one line when the window ends, so a flood cannot fill the audit log. After
/// <see cref="ServerOptions.BearerFailurePermits"/> refusals an address is answered 429 with Retry-After until the window
/// ends, without its tokens being looked up: guessing costs the guesser time, not the store.
/// </summary>
internal sealed class BearerFailures(ServerOptions options, IAuditStore audit, TimeProvider clock, ILogger<BearerFailures> logger)
{
    public const string AuditAction = "auth.bearer-refused";

    // Bounds the memory a spray of addresses can take; past it, windows that ended are dropped first.
    internal const int MaxAddresses = 10_000;

    private static readonly object RetryAfterKey = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    // Set once any address reaches its limit: until then no request is blocked, and the check takes no lock.
    private volatile bool _anyLimited;

    /// <summary>
    /// How long the address must wait when it is over its limit (the attempt is counted with the refusals, for the
    /// window's log line); <c>null</c> while it may try.
    /// </summary>
    public TimeSpan? Blocked(string remote)
    {
        if (!_anyLimited)
        {
            return null;
        }

        DateTimeOffset now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_windows.TryGetValue(remote, out Window? window) && now < window.Ends && window.Failures >= options.BearerFailurePermits)
            {
                window.Failures++;
                return window.Ends - now;
            }

            return null;
        }
    }

    /// <summary>Marks the request as refused for the limit, for the challenge to answer 429.</summary>
    public static void MarkLimited(HttpContext context, TimeSpan retryAfter) => context.Items[RetryAfterKey] = retryAfter;

    /// <summary>The wait marked on the request by <see cref="MarkLimited"/>, if any.</summary>
    public static TimeSpan? LimitedFor(HttpContext context) => context.Items.TryGetValue(RetryAfterKey, out object? wait) ? (TimeSpan?)wait : null;

    /// <summary>Counts a refusal from <paramref name="remote"/>; audits it when it is the first of the address's window.</summary>
    public async Task RecordAsync(HttpContext context, string remote, string tokenId, string reason)
    {
        DateTimeOffset now = clock.GetUtcNow();
        bool first;
        int unaudited = 0;
        lock (_lock)
        {
            if (!_windows.TryGetValue(remote, out Window? window) || now >= window.Ends)
            {
                unaudited = window is null ? 0 : window.Failures - 1;
                if (window is null && _windows.Count >= MaxAddresses)
                {
                    Prune(now);
                }

                window = new Window(now + options.BearerFailureWindow);
                _windows[remote] = window;
            }

            window.Failures++;
            first = window.Failures == 1;
            if (window.Failures >= options.BearerFailurePermits)
            {
                _anyLimited = true;
            }
        }

        if (unaudited > 0)
        {
            Log.BearerRefusalsNotAudited(logger, unaudited, remote);
        }

        if (first)
        {
            await audit.AppendAsync(AuditRecord.Create(now, new AuditActor("token:" + tokenId, "", remote), AuditAction,
                context.Request.Path.Value ?? "", AuditOutcome.Refused, reason, null, null), context.RequestAborted);
        }
    }

    // Drops ended windows (logging what they did not audit); if every address is still within its window, the oldest go.
    private void Prune(DateTimeOffset now)
    {
        foreach ((string remote, Window window) in _windows.Where(w => now >= w.Value.Ends).ToList())
        {
            if (window.Failures > 1)
            {
                Log.BearerRefusalsNotAudited(logger, window.Failures - 1, remote);
            }

            _windows.Remove(remote);
        }

        foreach (string remote in _windows.OrderBy(w => w.Value.Ends).Take(Math.Max(0, _windows.Count - (MaxAddresses - 1))).Select(w => w.Key).ToList())
        {
            _windows.Remove(remote);
        }
    }

    /// <summary>The answer to a limited request's text: how many refusals, in what window.</summary>
    public string LimitDetail() => string.Create(CultureInfo.InvariantCulture,
        $"{options.BearerFailurePermits} refused bearer tokens from this address within {options.BearerFailureWindow.TotalSeconds:0} s; try again later.");

    private sealed class Window(DateTimeOffset ends)
    {
        public DateTimeOffset Ends { get; } = ends;

        public int Failures { get; set; }
    }
}
