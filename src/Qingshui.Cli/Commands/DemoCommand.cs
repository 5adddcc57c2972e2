using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Network;
using Qingshui.Domain.Presets;
using Qingshui.Hj212;
using Qingshui.Server;
using Qingshui.Server.Accounts;
using Qingshui.Storage.Compensation;
using Qingshui.Simulation;
using Qingshui.Storage;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui demo</c>: the whole system on one machine: the server with its embedded database, the Pingshui–Lushui
/// basin, and its stations streaming real-time data over real HJ 212 TCP.
/// </summary>
internal static class DemoCommand
{
    internal sealed record Settings(int HttpPort, int Hj212Port, string DataDirectory, bool Reset, double Interval, string PublicRead = "basin", string? Screening = null);

    public static Command Create()
    {
        Option<int> httpPort = new("--http-port") { Description = "HTTP port.", DefaultValueFactory = _ => 8080 };
        Option<int> hj212Port = new("--hj212-port") { Description = "HJ 212 TCP port.", DefaultValueFactory = _ => 9212 };
        Option<string> dataDirectory = new("--data-dir") { Description = "Where the demo database lives; reused on the next run.", DefaultValueFactory = _ => Path.Combine("data", "demo") };
        Option<bool> reset = new("--reset") { Description = "Delete the demo database first and start afresh." };
        Option<double> interval = new("--interval") { Description = "Seconds between each station's real-time uploads.", DefaultValueFactory = _ => 5 };
        Option<string> publicRead = ServeCommand.PublicReadOption();
        Option<string?> screening = ScreeningSource.Option();
        var command = new Command("demo", "Run everything locally: server, embedded database, Pingshui–Lushui basin and simulated stations streaming live.")
        {
            httpPort, hj212Port, dataDirectory, reset, interval, publicRead, screening,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            new Settings(parse.GetValue(httpPort), parse.GetValue(hj212Port), parse.GetValue(dataDirectory)!, parse.GetValue(reset), parse.GetValue(interval),
                parse.GetValue(publicRead)!, parse.GetValue(screening)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    internal static IReadOnlyList<string> Validate(Settings settings)
    {
        var errors = new List<string>();
        if (settings.HttpPort is < 0 or > 65535)
        {
            errors.Add("--http-port: must be 0–65535");
        }

        if (settings.Hj212Port is < 0 or > 65535)
        {
            errors.Add("--hj212-port: must be 0–65535");
        }

        // NaN fails this check too.
        if (!(settings.Interval is >= 0.1 and <= 3600))
        {
            errors.Add("--interval: must be 0.1–3600 seconds");
        }

        if (settings.DataDirectory.Length == 0)
        {
            errors.Add("--data-dir: must not be empty");
        }

        return errors;
    }

    internal static async Task<int> ExecuteAsync(Settings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = Validate(settings);
        foreach (string problem in problems)
        {
            await error.WriteLineAsync(problem);
        }

        if (problems.Count > 0)
        {
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
        DateTimeOffset now = DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset);
        DateTimeOffset historyStart = DemoHistory.DefaultStart(now);
        Agreement agreement = DemoAgreement(historyStart, now);
        // The demo's data folder is its own: made when missing.
        try
        {
            Directory.CreateDirectory(settings.DataDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"--data-dir: cannot make the folder {Path.GetFullPath(settings.DataDirectory)}: {e.Message}");
            return ExitCodes.Usage;
        }

        if (DatabaseFile.Problem(database, "--data-dir") is var (message, exitCode))
        {
            await error.WriteLineAsync(message);
            return exitCode;
        }

        (bool screeningOk, Qingshui.Domain.Review.ScreeningRules? screeningRules) = await ScreeningSource.LoadAsync(settings.Screening, basin, error, cancellationToken);
        if (!screeningOk)
        {
            return ExitCodes.InvalidInput;
        }

        await output.WriteLineAsync($"starting the server (database {Path.GetFullPath(database)}) …");
        await output.FlushAsync(cancellationToken);
        QingshuiServer? started = await ServerStart.StartAsync(new ServerOptions
        {
            Basin = basin, DatabasePath = database, BindAddress = IPAddress.Loopback, Hj212Port = settings.Hj212Port, HttpPort = settings.HttpPort,
            Agreements = [agreement], LedgerInterval = TimeSpan.FromMinutes(10), PublicRead = PublicReadEndpoints.ByText[settings.PublicRead],
            DiscrepancyScanInterval = TimeSpan.FromMinutes(10),
            Screening = screeningRules,
        }, logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            // The simulated stations damage a few packets on purpose: the stations page shows them; the console stays readable.
            .AddFilter("Qingshui.Server.Ingest", LogLevel.Error), error, cancellationToken);
        if (started is not QingshuiServer server)
        {
            return ExitCodes.RuntimeFailure;
        }

        await using (server)
        {
            // The store's station register is the truth once seeded (a password rotated over the web stays rotated): print and simulate it.
            basin = server.Services.GetRequiredService<Qingshui.Server.Ingest.StationRegister>().Basin;
            IReadOnlyList<DemoUsers.Credential> users = await DemoUsers.EnsureAsync(basin, server.Services.GetRequiredService<IAccountStore>(),
                server.Services.GetRequiredService<Passwords>(), cancellationToken);
            await PrintWelcomeAsync(output, server, basin, database);
            await PrintUsersAsync(output, server, users);
            try
            {
                var history = new DemoHistory(basin, server.Hj212EndPoint.Port, seed: 212);
                DateTimeOffset sentUpTo = await BackfillAsync(history, server, agreement, historyStart, output, cancellationToken);
                await output.WriteLineAsync($"streaming live: real-time values every {settings.Interval:0.#} s, hourly values as each hour closes; Ctrl-C stops.");
                await output.FlushAsync(cancellationToken);
                Task hourly = history.HourlyUploadsAsync(sentUpTo, TimeProvider.System, cancellationToken);
                SimulationReport report = await Simulator.RunAsync(
                    history.RealTime(RoundDown(DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset), TimeSpan.FromSeconds(settings.Interval)), TimeSpan.FromSeconds(settings.Interval)),
                    null, cancellationToken);
                await hourly;
                await output.WriteLineAsync();
                await output.WriteLineAsync("stopping; simulated stations (real-time):");
                await output.WriteLineAsync(report.Describe());
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await output.WriteLineAsync("stopping.");
            }

            await server.StopAsync(CancellationToken.None);
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// The round-1 Lushui agreement's rule over a term covering the simulated history, so the ledger has months to show.
    /// </summary>
    internal static Agreement DemoAgreement(DateTimeOffset historyStart, DateTimeOffset now)
    {
        Agreement round1 = AgreementPresets.Load("lushui-2019");
        return round1 with
        {
            Id = "lushui-demo",
            Name = new LocalizedText("渌水流域横向生态保护补偿协议（演示）", "Lushui basin eco-compensation agreement (demo)"),
            TermStart = new DateOnly(historyStart.Year, historyStart.Month, 1),
            TermEnd = new DateOnly(now.Year, 12, 31),
            Notes = ["Demo: the round-1 rule applied to simulated data; not an official account.", .. round1.Notes],
            ChineseNotes = ["演示：第一轮协议的规则用于模拟数据，不是正式账目。", .. round1.ChineseNotes],
        };
    }

    private static async Task<DateTimeOffset> BackfillAsync(
        DemoHistory history, QingshuiServer server, Agreement agreement, DateTimeOffset historyStart, TextWriter output, CancellationToken cancellationToken)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset);
        IReadOnlyDictionary<string, DateTimeOffset> from = await history.ResumePointsAsync(
            server.Services.GetRequiredService<IReadingStore>(), historyStart, now, cancellationToken);
        DateTimeOffset earliest = from.Values.Min();
        if (earliest <= DemoHistory.LastClosedHour(now))
        {
            await output.WriteLineAsync($"back-filling hourly history from {earliest:yyyy-MM-dd HH:mm} (UTC+8) over HJ 212 …");
            await output.FlushAsync(cancellationToken);
        }

        long acknowledged = 0;
        using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<(long Packets, SimulationReport? Report, TimeSpan Elapsed)> backfill =
            history.BackfillAsync(from, now, _ => Interlocked.Increment(ref acknowledged), cancellationToken);
        Task progress = ProgressAsync(output, backfill, () => Interlocked.Read(ref acknowledged), DemoHistory.PacketsDue(from, now), done.Token);
        (long packets, SimulationReport? report, TimeSpan elapsed) = await backfill;
        await done.CancelAsync();
        await progress;
        if (report is not null)
        {
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {packets} hourly packets from {report.Stations} stations: {report.PacketsAcknowledged} acknowledged ({report.ReadingsAcknowledged} readings) in {elapsed.TotalSeconds:0.0} s"));
        }

        await output.WriteLineAsync("booking the agreement's monthly accounts …");
        await output.FlushAsync(cancellationToken);
        var settlements = server.Services.GetRequiredService<SettlementService>();
        for (int year = agreement.TermStart.Year; year <= now.Year; year++)
        {
            Statement statement = await settlements.RecomputeAsync(agreement, year, cancellationToken);
            string net = statement.Net.Count == 0 ? (statement.Provisional ? "none yet" : "no payment") : string.Join("; ", statement.Net.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Payer} pays {t.Payee} {t.Amount:N0} yuan")));
            await output.WriteLineAsync($"  accounts {year}: {statement.Accounts.Count} months, net {net}{(statement.Provisional ? " (provisional: not final)" : "")}");
        }

        return DemoHistory.LastClosedHour(now);
    }

    // A back-fill of two years takes a while on a small machine: say how far it is every few seconds.
    private static async Task ProgressAsync(TextWriter output, Task<(long Packets, SimulationReport? Report, TimeSpan Elapsed)> backfill, Func<long> acknowledged, long due, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(3));
        try
        {
            while (!backfill.IsCompleted && await timer.WaitForNextTickAsync(stop))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  … {acknowledged():N0} of {due:N0} hourly packets acknowledged"));
                await output.FlushAsync(stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    private static async Task PrintWelcomeAsync(TextWriter output, QingshuiServer server, Basin basin, string database)
    {
        await output.WriteLineAsync($"Qingshui demo: {basin.Name.Chinese} ({basin.Name.English})");
        await output.WriteLineAsync($"  dashboard    http://{server.HttpEndPoint}/");
        await output.WriteLineAsync($"  HTTP API     http://{server.HttpEndPoint}/api/v1 (browse: http://{server.HttpEndPoint}/api/docs)");
        await output.WriteLineAsync($"  HJ 212       {server.Hj212EndPoint} (TCP)");
        await output.WriteLineAsync($"  database     {Path.GetFullPath(database)} (kept between runs; --reset starts afresh)");
        await output.WriteLineAsync("  stations (MN / password / edition / section):");
        foreach (Station station in basin.Stations)
        {
            await output.WriteLineAsync($"    {station.DeviceId,-24}  {station.Password}  {StationRules.EditionTitle(station.Edition)}  {station.Section}");
        }

        await output.WriteLineAsync("  a real logger or 'qingshui simulate --port <HJ 212 port>' can join.");
        await output.FlushAsync();
    }

    private static async Task PrintUsersAsync(TextWriter output, QingshuiServer server, IReadOnlyList<DemoUsers.Credential> users)
    {
        int added = users.Count(u => u.Added);
        await output.WriteLineAsync(added == users.Count ? "  users (name / password; one per role per organisation, made now):"
            : $"  users (name / password; {users.Count - added} kept from an earlier run with fresh passwords, {added} made now):");
        foreach (DemoUsers.Credential user in users)
        {
            await output.WriteLineAsync($"    {user.Name,-24}  {user.Password}{(user.Disabled ? "  (disabled)" : "")}");
        }

        await output.WriteLineAsync($"  sign in with POST http://{server.HttpEndPoint}/api/v1/session {{\"name\": …, \"password\": …}}; the passwords change at every run.");
        await output.FlushAsync();
    }

    private static DateTimeOffset RoundDown(DateTimeOffset time, TimeSpan period) => new(time.Ticks - (time.Ticks % period.Ticks), time.Offset);
}
