using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Qingshui.Server.Accounts;

namespace Qingshui.Server.Tests.Accounts;

public sealed class RecentTicketsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Keep = TimeSpan.FromSeconds(5);

    [Fact]
    public void Unprotect_SameCookieWithinTheInterval_ChecksItOnce_AgainAfterIt()
    {
        var clock = new ManualClock(Start);
        var inner = new CountingFormat();
        var tickets = new RecentTickets(inner, clock, Keep);

        for (int i = 0; i < 50; i++)
        {
            Assert.Equal("hn-viewer", tickets.Unprotect("good:hn-viewer")!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        }

        int within = inner.Checks;
        clock.Advance(Keep);
        tickets.Unprotect("good:hn-viewer");

        Assert.Equal((1, 2), (within, inner.Checks));
    }

    [Fact]
    public void Unprotect_TamperedCookie_IsCheckedEveryTime_AndNeverKept()
    {
        var inner = new CountingFormat();
        var tickets = new RecentTickets(inner, new ManualClock(Start), Keep);

        Assert.Null(tickets.Unprotect("forged"));
        Assert.Null(tickets.Unprotect("forged"));

        Assert.Equal(2, inner.Checks);
    }

    [Fact]
    public void Unprotect_EachUse_GetsItsOwnProperties()
    {
        var tickets = new RecentTickets(new CountingFormat(), new ManualClock(Start), Keep);

        AuthenticationTicket first = tickets.Unprotect("good:hn-viewer")!;
        first.Properties.ExpiresUtc = Start.AddYears(10);
        AuthenticationTicket second = tickets.Unprotect("good:hn-viewer")!;

        Assert.Equal(Start.AddHours(8), second.Properties.ExpiresUtc);
    }

    [Fact]
    public void Unprotect_WithRecheckZero_ChecksEveryTime()
    {
        var inner = new CountingFormat();
        var tickets = new RecentTickets(inner, new ManualClock(Start), TimeSpan.Zero);

        tickets.Unprotect("good:a");
        tickets.Unprotect("good:a");

        Assert.Equal(2, inner.Checks);
    }

    // "good:<name>" unprotects to a ticket for name (expiring 8 h after Start); anything else fails the check.
    private sealed class CountingFormat : ISecureDataFormat<AuthenticationTicket>
    {
        private int _checks;

        public int Checks => _checks;

        public string Protect(AuthenticationTicket data) => throw new NotSupportedException();

        public string Protect(AuthenticationTicket data, string? purpose) => throw new NotSupportedException();

        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Interlocked.Increment(ref _checks);
            if (protectedText?.StartsWith("good:", StringComparison.Ordinal) != true)
            {
                return null;
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, protectedText[5..])], "Cookies");
            return new AuthenticationTicket(new ClaimsPrincipal(identity), new AuthenticationProperties { ExpiresUtc = Start.AddHours(8) }, "Cookies");
        }
    }
}
