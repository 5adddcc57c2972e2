using Microsoft.Extensions.Logging;

namespace Qingshui.Server;

/// <summary>Sign-in log messages (event ids 51xx). The name tried is logged; the password never is, nor a bearer token's text (only its id).</summary>
internal static partial class Log
{
    [LoggerMessage(5101, LogLevel.Information, "Signed in: {Name} ({Organisation}) from {Remote}")]
    public static partial void SignedIn(ILogger logger, string name, string organisation, string remote);

    [LoggerMessage(5102, LogLevel.Warning, "Sign-in refused for '{Name}' from {Remote}: {Reason}")]
    public static partial void SignInRefused(ILogger logger, string name, string remote, string reason);

    [LoggerMessage(5103, LogLevel.Warning, "Account {Name} locked until {Until} after repeated failed sign-ins (last from {Remote})")]
    public static partial void AccountLocked(ILogger logger, string name, string until, string remote);

    [LoggerMessage(5104, LogLevel.Warning, "Sign-in rate limit reached for {Remote}")]
    public static partial void SignInRateLimited(ILogger logger, string remote);

    [LoggerMessage(5105, LogLevel.Warning, "Bearer token refused (id {Id}) from {Remote}: {Reason}")]
    public static partial void TokenRefused(ILogger logger, string id, string remote, string reason);
}
