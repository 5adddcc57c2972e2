using Microsoft.Extensions.Logging;

namespace Qingshui.Server;

/// <summary>Log messages of refused bearer tokens beyond what the audit log keeps (event ids 52xx); never a token's text.</summary>
internal static partial class Log
{
    [LoggerMessage(5201, LogLevel.Warning, "{Count} further refused bearer tokens from {Remote} in one window (those over the limit unchecked), not audited: the window's first is")]
    public static partial void BearerRefusalsNotAudited(ILogger logger, int count, string remote);
}
