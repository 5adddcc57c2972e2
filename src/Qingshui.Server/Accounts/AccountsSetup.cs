using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Access;
using Qingshui.Storage;

namespace Qingshui.Server.Accounts;

/// <summary>Cookie sessions, antiforgery and the sign-in rate limit: the services and the middleware, in one place.</summary>
internal static class AccountsSetup
{
    public const string SignInRateLimit = "sign-in";
    public const string CookieName = "qingshui.session";

    public static IServiceCollection AddAccounts(this IServiceCollection services, ServerOptions options, TimeProvider clock)
    {
        services.AddSingleton<Passwords>();
        services.AddSingleton<SignInDesk>();
        services.AddSingleton<Parties>();
        services.AddSingleton<BearerFailures>();
        services.AddSingleton<AccountCache>();
        services.AddSingleton<AccountChanges>();
        services.AddSingleton<IAuthorizationHandler, PartyHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessDenials>();
        AuthorizationBuilder authorization = services.AddAuthorizationBuilder().AddRolePolicies();
        if (options.PublicRead != PublicReads.All)
        {
            // Endpoints that name no policy then need a member; those marked anonymous (the basin reads, unless none) stay open.
            authorization.SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        }

        services.AddDataProtection().SetApplicationName("Qingshui");
        services.Configure<KeyManagementOptions>(keys => keys.XmlRepository = new SessionKeyFiles(SessionKeyFiles.DirectoryFor(options)));
        // The cookie is the default scheme and hands a request that presents a bearer token to the token's scheme: never
        // both. (A policy scheme in front of the two would cost every request one more handler and, for a member, one
        // more authentication result.) Signing in and out is always the cookie's own.
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null)
            .AddCookie(cookie =>
        {
            cookie.ForwardDefaultSelector = context => BearerTokenHandler.Presents(context.Request) ? BearerTokenHandler.SchemeName : null;
            cookie.ForwardSignIn = CookieAuthenticationDefaults.AuthenticationScheme;
            cookie.ForwardSignOut = CookieAuthenticationDefaults.AuthenticationScheme;
            cookie.TimeProvider = clock;
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = options.SessionLifetime;
            cookie.SlidingExpiration = true;

            // An API answers with problems, never with redirects to a login page.
            cookie.Events.OnRedirectToLogin = context => AccessProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized,
                "Sign-in required", AccessProblems.SignInRequired);
            cookie.Events.OnRedirectToAccessDenied = context => AccessProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden,
                "Not allowed", $"Signed in as {Accounts.SessionClaims.Name(context.HttpContext.User)} with roles "
                + $"{string.Join(", ", Accounts.SessionClaims.Roles(context.HttpContext.User))}: none of them allows this.");
            cookie.Events.OnValidatePrincipal = RevalidateAsync;

            // The cookie carries the user's name only: roles and organisation come from the account at each request.
            cookie.Events.OnSigningIn = context =>
            {
                context.Principal = SessionClaims.NameOnly(context.Principal!, CookieAuthenticationDefaults.AuthenticationScheme);
                return Task.CompletedTask;
            };
        });
        // After the cookie handler's own post-configuration, which sets the data-protection ticket format this wraps.
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme,
            cookie => cookie.TicketDataFormat = new RecentTickets(cookie.TicketDataFormat, clock, options.AccountRecheck));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = AccessProblems.AntiforgeryHeader;
            antiforgery.Cookie.Name = "qingshui.antiforgery";
            antiforgery.Cookie.HttpOnly = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(SignInRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.SignInPermits, Window = options.SignInWindow, QueueLimit = 0 }));
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                HttpContext context = rejected.HttpContext;
                Log.SignInRateLimited(context.RequestServices.GetRequiredService<ILogger<SignInDesk>>(), context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retryAfter))
                {
                    context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await AccessProblems.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many sign-in attempts",
                    string.Create(CultureInfo.InvariantCulture, $"At most {options.SignInPermits} sign-in attempts per {options.SignInWindow.TotalSeconds:0} s from one address; try again later."));
            };
        });
        return services;
    }

    public static WebApplication UseAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>
    /// For writes made with the session cookie: refuses (403, audited as a refused write: it may be another site's
    /// forgery) unless the request carries a valid antiforgery token. A write made with a bearer token needs none: a
    /// browser never adds that header on its own, so no other site can make one in a member's name.
    /// </summary>
    public static TBuilder RequireAntiforgery<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            if (SessionClaims.IsBearer(context.HttpContext.User))
            {
                return await next(context);
            }

            IAntiforgery antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(context.HttpContext))
            {
                IServiceProvider services = context.HttpContext.RequestServices;
                await AccessDenials.RecordRefusedWriteAsync(context.HttpContext, services.GetRequiredService<Storage.Audit.IAuditStore>(),
                    services.GetRequiredService<TimeProvider>(), AccessProblems.AntiforgeryMissing);
                await AccessProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Antiforgery token missing or invalid", AccessProblems.AntiforgeryMissing);
                return Results.Empty;
            }

            return await next(context);
        });

    // A session outlives no change to its account: a disabled or removed user is signed out, a change of roles or
    // organisation applies (at once when made through this server, else within AccountRecheck: see AccountCache).
    private static async Task RevalidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null)
        {
            return;
        }

        AccountCache cache = context.HttpContext.RequestServices.GetRequiredService<AccountCache>();
        AccountCache.Entry<StoredUser>? found = await cache.UserAsync(SessionClaims.HolderOf(context.Principal), context.HttpContext.RequestAborted);
        if (found is null || found.Stored.Account.Disabled || SessionClaims.StampIn(context.Principal) != SessionClaims.StampIn(found.Principal))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return;
        }

        // The account as it stands, not the cookie, says who the holder is; the cookie itself needs no renewal for it.
        context.ReplacePrincipal(found.Principal);
    }
}
