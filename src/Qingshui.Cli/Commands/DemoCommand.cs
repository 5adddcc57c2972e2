using System.CommandLine;
using System.Net;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;
using Qingshui.Hj212;
using Qingshui.Server;
using Qingshui.Simulation;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui demo</c>: the whole system on one machine: the server with its embedded database, the Pingshui–Lushui
/// basin, and its stations streaming real-time data over real HJ 212 TCP.
/// </summary>
internal static class DemoCommand
{
    internal sealed record Settings(int HttpPort, int Hj212Port, string DataDirectory, bool Reset, double Interval);

    public static Command Create()
    {
        Option<int> httpPort = new("--http-port") { Description = "HTTP port.", DefaultValueFactory = _ => 8080 };
        Option<int> hj212Port = new("--hj212-port") { Description = "HJ 212 TCP port.", DefaultValueFactory = _ => 9212 };
        Option<string> dataDirectory = new("--data-dir") { Description = "Where the demo database lives; reused on the next run.", DefaultValueFactory = _ => Path.Combine("data", "demo") };
        Option<bool> reset = new("--reset") { Description = "Delete the demo database first and start afresh." };
        Option<double> interval = new("--interval") { Description = "Seconds between each station's real-time uploads.", DefaultValueFactory = _ => 5 };
        var command = new Command("demo", "Run everything locally: server, embedded database, Pingshui–Lushui basin and simulated stations streaming live.")
        {
            httpPort, hj212Port, dataDirectory, reset, interval,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            new Settings(parse.GetValue(httpPort), parse.GetValue(hj212Port), parse.GetValue(dataDirectory)!, parse.GetValue(reset), parse.GetValue(interval)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    internal static async Task<int> ExecuteAsync(Settings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (settings.Interval <= 0 || settings.HttpPort is < 0 or > 65535 || settings.Hj212Port is < 0 or > 65535)
        {
            await error.WriteLineAsync("--interval must be positive and ports 0–65535");
            return ExitCodes.Usage;
        }

        string database = Path.Combine(settings.DataDirectory, "qingshui.db");
        if (settings.Reset)
        {
            foreach (string file in new[] { database, database + "-wal", database + "-shm" }.Where(File.Exists))
            {
                File.Delete(file);
            }
        }

        Basin basin = BasinPresets.Load(BasinSource.DefaultPreset);
        QingshuiServer server;
        try
        {
            server = await QingshuiServer.StartAsync(new ServerOptions
            {
                Basin = basin, DatabasePath = database, BindAddress = IPAddress.Loopback, Hj212Port = settings.Hj212Port, HttpPort = settings.HttpPort,
            }, logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning), cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            await error.WriteLineAsync($"cannot start: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }

        await using (server)
        {
            await PrintWelcomeAsync(output, server, basin, database);
            var simulation = new SimulationOptions
            {
                Host = "127.0.0.1", Port = server.Hj212EndPoint.Port, Stations = SyntheticBasin.StationsOf(basin), Command = CommandCode.RealTimeData,
                Interval = TimeSpan.FromSeconds(settings.Interval), Rate = 1 / settings.Interval,
                Start = RoundDown(DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset), TimeSpan.FromSeconds(settings.Interval)),
            };
            SimulationReport report = await Simulator.RunAsync(simulation, null, cancellationToken);
            await output.WriteLineAsync();
            await output.WriteLineAsync("stopping; simulated stations:");
            await output.WriteLineAsync(report.Describe());
            await server.StopAsync(CancellationToken.None);
        }

        return ExitCodes.Ok;
    }

    private static async Task PrintWelcomeAsync(TextWriter output, QingshuiServer server, Basin basin, string database)
    {
        await output.WriteLineAsync($"Qingshui demo: {basin.Name.Chinese} ({basin.Name.English})");
        await output.WriteLineAsync($"  HTTP API     http://{server.HttpEndPoint}/api/v1/health");
        await output.WriteLineAsync($"  HJ 212       {server.Hj212EndPoint} (TCP)");
        await output.WriteLineAsync($"  database     {Path.GetFullPath(database)} (kept between runs; --reset starts afresh)");
        await output.WriteLineAsync("  stations (MN / password / edition / section):");
        foreach (Station station in basin.Stations)
        {
            await output.WriteLineAsync($"    {station.DeviceId,-24}  {station.Password}  {(station.Edition == ProtocolEdition.Hj212V2005 ? "HJ/T 212-2005" : "HJ 212-2017")}  {station.Section}");
        }

        await output.WriteLineAsync("  a real logger or 'qingshui simulate --port <HJ 212 port>' can join; Ctrl-C stops.");
        await output.FlushAsync();
    }

    private static DateTimeOffset RoundDown(DateTimeOffset time, TimeSpan period) => new(time.Ticks - (time.Ticks % period.Ticks), time.Offset);
}
