using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Qingshui.Server;
using Qingshui.Server.Cluster;
using Qingshui.Storage;

namespace Qingshui.Cli.Commands;

/// <summary>
/// Starts the server for <c>serve</c> and <c>demo</c>, turning what goes wrong at start into one line on stderr:
/// a port in use names the port and the option that changes it, a database that cannot open names the file.
/// </summary>
internal static partial class ServerStart
{
    public static async Task<QingshuiServer?> StartAsync(
        ServerOptions options, Action<ILoggingBuilder> configureLogging, TextWriter error, CancellationToken cancellationToken)
    {
        var gate = new StartGate();
        try
        {
            QingshuiServer server = await QingshuiServer.StartAsync(options, logging =>
            {
                configureLogging(logging);

                // The host logs a failed start with its whole stack trace; that failure is reported here in one line instead.
                logging.AddFilter("Microsoft.Extensions.Hosting", level => gate.Started && level >= LogLevel.Warning);
            }, cancellationToken: cancellationToken);
            gate.Started = true;
            return server;
        }
        catch (IOException e) when (InUsePort(e) is int port)
        {
            await error.WriteLineAsync(PortInUse(options, port));
        }
        catch (StoreException e)
        {
            await error.WriteLineAsync($"cannot open the database {PlatformStores.Describe(options.DatabasePath)}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"cannot start: {e.Message}");
        }

        return null;
    }

    internal static string PortInUse(ServerOptions options, int port)
    {
        string which = port == options.Hj212Port ? "HJ 212 port" : "HTTP port";
        string option = port == options.Hj212Port ? "--hj212-port" : "--http-port";
        return string.Create(CultureInfo.InvariantCulture,
            $"cannot start: {which} {port} is already in use on {options.BindAddress}; stop what listens there or choose another with {option} (0 picks a free one)");
    }

    // Kestrel: "Failed to bind to address http://127.0.0.1:9212: address already in use."
    private static int? InUsePort(IOException e) =>
        e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException && BindFailure().Match(e.Message) is { Success: true } match
            ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : null;

    [GeneratedRegex(@":(\d+): address already in use", RegexOptions.IgnoreCase)]
    private static partial Regex BindFailure();

    private sealed class StartGate
    {
        public volatile bool Started;
    }
}
