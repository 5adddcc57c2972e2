using System.CommandLine;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Qingshui.Domain.Compensation;
using Qingshui.Domain.Network;
using Qingshui.Server;
using Qingshui.Server.Accounts;
using Qingshui.Server.Cluster;

namespace Qingshui.Cli.Commands;

/// <summary><c>qingshui serve</c>: the HJ 212 listener and the HTTP API on one host, storing into SQLite.</summary>
internal static class ServeCommand
{
    private static readonly string DefaultDatabase = Path.Combine("data", "qingshui.db");

    internal sealed record Settings(
        FileInfo? BasinFile, string Preset, string Database, string Bind, int Hj212Port, int HttpPort, bool NoHttp,
        int IdleTimeoutSeconds, int MaxDataLength, string Sync, bool Quiet, string[]? Agreements = null,
        int MaxConnections = 10_000, int MaxConnectionsPerAddress = 1_000, RejectLimits? Rejects = null, int DataTimeBehindDays = 1_830,
        int DataTimeAheadMinutes = 60, string PublicRead = "basin", int AccountRecheckSeconds = 5, FileInfo? Rules = null,
        FileInfo? Notices = null, string? Screening = null, FileInfo? JointMonitoring = null, FileInfo? ReviewLevels = null,
        string? NodeName = null, string[]? MetricsFrom = null, string? Files = null);

    /// <summary>How much rejected and quarantined data is kept, and for how long.</summary>
    internal sealed record RejectLimits(double ConnectionMegabytes = 1, double AddressMegabytes = 8, double TotalMegabytes = 256, int RetentionDays = 30);

    public static Command Create()
    {
        Option<FileInfo?> basin = BasinSource.FileOption();
        Option<string> preset = BasinSource.PresetOption();
        Option<string> database = new("--db") { Description = "The store: a SQLite file (created if missing; its folder must exist, except the default data/), or a PostgreSQL connection string such as \"Host=db1;Database=qingshui;Username=qingshui\".", DefaultValueFactory = _ => DefaultDatabase };
        Option<string> bind = new("--bind") { Description = "Address to listen on (0.0.0.0 for all interfaces).", DefaultValueFactory = _ => "127.0.0.1" };
        Option<int> hj212Port = new("--hj212-port") { Description = "HJ 212 TCP port (0 picks a free one).", DefaultValueFactory = _ => 9212 };
        Option<int> httpPort = new("--http-port") { Description = "HTTP port (0 picks a free one).", DefaultValueFactory = _ => 8080 };
        Option<bool> noHttp = new("--no-http") { Description = "Ingest only: no HTTP API." };
        Option<int> idle = new("--idle-timeout") { Description = "Seconds without bytes before a station connection is closed.", DefaultValueFactory = _ => 900 };
        Option<int> maxData = new("--max-data-length") { Description = "Largest data segment accepted (HJ 212-2017: 1024).", DefaultValueFactory = _ => 1024 };
        Option<int> maxConnections = new("--max-connections")
        {
            Description = "Most HJ 212 connections open at once; more are closed at once (keep it under the file-handle limit, ulimit -n).",
            DefaultValueFactory = _ => 10_000,
        };
        Option<int> maxPerAddress = new("--max-connections-per-address")
        {
            Description = "Most HJ 212 connections open at once from one address (raise it when stations share a gateway).",
            DefaultValueFactory = _ => 1_000,
        };
        Option<double> rejectConnection = new("--reject-quota-connection")
        {
            Description = "Megabytes of rejected or quarantined packets kept per connection per day; beyond it they are counted, not kept.",
            DefaultValueFactory = _ => 1,
        };
        Option<double> rejectAddress = new("--reject-quota-address") { Description = "The same, per remote address per day.", DefaultValueFactory = _ => 8 };
        Option<double> rejectTotal = new("--reject-quota-total") { Description = "Megabytes of rejected or quarantined packets kept in all.", DefaultValueFactory = _ => 256 };
        Option<int> rejectRetention = new("--reject-retention-days")
        {
            Description = "Days rejected or quarantined packets are kept (accepted packets are kept for ever).",
            DefaultValueFactory = _ => 30,
        };
        Option<int> behind = new("--datatime-behind-days")
        {
            Description = "Oldest DataTime stored as readings, in days behind the clock (history answers and back-fills are old); older packets are rejected.",
            DefaultValueFactory = _ => 1_830,
        };
        Option<int> ahead = new("--datatime-ahead-minutes")
        {
            Description = "Latest DataTime stored as readings, in minutes ahead of the clock (logger clock drift); later packets are rejected.",
            DefaultValueFactory = _ => 60,
        };
        Option<string> publicRead = PublicReadOption();
        Option<int> recheck = new("--account-recheck")
        {
            Description = "Seconds a signed-in request may use the account or token an earlier one read; a change by another process "
                + "(users disable, tokens revoke) applies within it, one through this server at once. 0: read on every request.",
            DefaultValueFactory = _ => 5,
        };
        Option<string> sync = new("--sync") { Description = "full: fsync each commit (survives power loss); normal: survives a killed process.", DefaultValueFactory = _ => "full" };
        Option<bool> quiet = new("--quiet") { Description = "Log warnings and errors only." };
        Option<string[]> agreements = new("--agreement")
        {
            Description = "Agreement to keep the books of (preset id or file; repeat for several): accounts recomputed every 10 minutes, served at /api/v1/agreements.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        Option<FileInfo?> rules = AlertRulesSource.Option();
        Option<FileInfo?> notices = NoticeReceiversSource.Option();
        Option<string?> screening = ScreeningSource.Option();
        Option<FileInfo?> jointMonitoring = JointMonitoringSource.Option();
        Option<FileInfo?> reviewLevels = ReviewLevelsSource.Option();
        Option<string> nodeName = new("--node-name")
        {
            Description = "This node's name among nodes sharing one PostgreSQL database, unique per node; labels its /metrics. Default: the host name.",
            DefaultValueFactory = _ => Environment.MachineName,
        };
        Option<string[]> metricsFrom = new("--metrics-from")
        {
            Description = "Networks that may read /metrics, as CIDR (e.g. 10.20.0.0/16; repeat for several). Default: this machine only (127.0.0.0/8, ::1).",
            AllowMultipleArgumentsPerToken = true,
        };
        Option<string?> files = new("--files")
        {
            Description = "The folder for session keys and attachments (default: the SQLite file's folder). Required with a PostgreSQL store: the same shared folder on every node.",
        };
        var command = new Command("serve", "Run the server: HJ 212 over TCP and the HTTP API, storing into the embedded database or a shared PostgreSQL one.")
        {
            basin, preset, database, bind, hj212Port, httpPort, noHttp, idle, maxData, sync, quiet, agreements, maxConnections, maxPerAddress,
            rejectConnection, rejectAddress, rejectTotal, rejectRetention, behind, ahead, publicRead, recheck, rules, notices, screening,
            jointMonitoring,
            reviewLevels,
            nodeName,
            metricsFrom,
            files,
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            new Settings(parse.GetValue(basin), parse.GetValue(preset)!, parse.GetValue(database)!, parse.GetValue(bind)!, parse.GetValue(hj212Port),
                parse.GetValue(httpPort), parse.GetValue(noHttp), parse.GetValue(idle), parse.GetValue(maxData), parse.GetValue(sync)!, parse.GetValue(quiet),
                parse.GetValue(agreements), parse.GetValue(maxConnections), parse.GetValue(maxPerAddress),
                new RejectLimits(parse.GetValue(rejectConnection), parse.GetValue(rejectAddress), parse.GetValue(rejectTotal), parse.GetValue(rejectRetention)),
                parse.GetValue(behind), parse.GetValue(ahead), parse.GetValue(publicRead)!, parse.GetValue(recheck), parse.GetValue(rules),
                parse.GetValue(notices), parse.GetValue(screening), parse.GetValue(jointMonitoring), parse.GetValue(reviewLevels),
                parse.GetValue(nodeName), parse.GetValue(metricsFrom), parse.GetValue(files)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    internal static IReadOnlyList<string> Validate(Settings settings)
    {
        var errors = new List<string>();
        if (!IPAddress.TryParse(settings.Bind, out _))
        {
            errors.Add($"--bind: '{settings.Bind}' is not an IP address");
        }

        if (settings.Hj212Port is < 0 or > 65535)
        {
            errors.Add("--hj212-port: must be 0–65535");
        }

        if (settings.HttpPort is < 0 or > 65535)
        {
            errors.Add("--http-port: must be 0–65535");
        }

        if (settings.IdleTimeoutSeconds <= 0)
        {
            errors.Add("--idle-timeout: must be positive");
        }

        if (settings.MaxDataLength is < 1 or > 9999)
        {
            errors.Add("--max-data-length: must be 1–9999");
        }

        if (settings.MaxConnections < 1)
        {
            errors.Add("--max-connections: must be positive");
        }

        if (settings.MaxConnectionsPerAddress < 1)
        {
            errors.Add("--max-connections-per-address: must be positive");
        }

        RejectLimits rejects = settings.Rejects ?? new RejectLimits();
        if (rejects.ConnectionMegabytes < 0 || rejects.AddressMegabytes < 0 || rejects.TotalMegabytes < 0)
        {
            errors.Add("--reject-quota-connection, --reject-quota-address, --reject-quota-total: must not be negative");
        }

        if (rejects.RetentionDays < 1)
        {
            errors.Add("--reject-retention-days: must be at least 1");
        }

        if (settings.DataTimeBehindDays is < 1 or > 36_500)
        {
            errors.Add("--datatime-behind-days: must be 1–36500");
        }

        if (settings.DataTimeAheadMinutes is < 0 or > 10_080)
        {
            errors.Add("--datatime-ahead-minutes: must be 0–10080");
        }

        if (settings.AccountRecheckSeconds is < 0 or > 300)
        {
            errors.Add("--account-recheck: must be 0–300 seconds");
        }

        if (settings.Sync is not ("full" or "normal"))
        {
            errors.Add("--sync: must be 'full' or 'normal'");
        }

        if (settings.NodeName is string node && (node.Length is 0 or > 63 || node.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))))
        {
            errors.Add($"--node-name: '{node}' must be 1 to 63 letters, digits, '-', '_' or '.'");
        }

        foreach (string network in settings.MetricsFrom ?? [])
        {
            if (!IPNetwork.TryParse(network, out _))
            {
                errors.Add($"--metrics-from: '{network}' is not a network in CIDR form (e.g. 10.20.0.0/16 or 192.0.2.7/32)");
            }
        }

        if (settings.Files is null && PlatformStores.IsPostgres(settings.Database))
        {
            errors.Add("--files: required with a PostgreSQL store: the folder for session keys and attachments, the same shared folder for every node");
        }

        return errors;
    }

    internal static async Task<int> ExecuteAsync(Settings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> problems = Validate(settings);
        if (problems.Count > 0)
        {
            foreach (string problem in problems)
            {
                await error.WriteLineAsync(problem);
            }

            return ExitCodes.Usage;
        }

        if (await CheckDatabaseAsync(settings.Database, error) is int refused)
        {
            return refused;
        }

        Basin? basin = await BasinSource.LoadAsync(settings.BasinFile, settings.Preset, error, cancellationToken);
        if (basin is null)
        {
            return ExitCodes.InvalidInput;
        }

        var kept = new List<Agreement>();
        foreach (string id in settings.Agreements ?? [])
        {
            if (await AgreementSource.LoadAsync(id, error, cancellationToken) is not Agreement agreement)
            {
                return ExitCodes.InvalidInput;
            }

            kept.Add(agreement);
        }

        if (await AlertRulesSource.LoadAsync(settings.Rules, basin, error, cancellationToken) is not IReadOnlyList<Qingshui.Domain.Alerts.AlertRule> alertRules)
        {
            return ExitCodes.InvalidInput;
        }

        if (await NoticeReceiversSource.LoadAsync(settings.Notices, error, cancellationToken) is not Qingshui.Server.Notices.NoticeSettings noticeSettings)
        {
            return ExitCodes.InvalidInput;
        }

        (bool screeningOk, Qingshui.Domain.Review.ScreeningRules? screeningRules) = await ScreeningSource.LoadAsync(settings.Screening, basin, error, cancellationToken);
        if (!screeningOk)
        {
            return ExitCodes.InvalidInput;
        }

        if (await JointMonitoringSource.LoadAsync(settings.JointMonitoring, error, cancellationToken) is not Qingshui.Domain.Joint.JointMonitoringSettings joint)
        {
            return ExitCodes.InvalidInput;
        }

        if (await ReviewLevelsSource.LoadAsync(settings.ReviewLevels, basin, error, cancellationToken) is not Qingshui.Domain.Review.ReviewLevels levels)
        {
            return ExitCodes.InvalidInput;
        }

        RejectLimits rejects = settings.Rejects ?? new RejectLimits();
        var options = new ServerOptions
        {
            Basin = basin,
            Agreements = kept,
            LedgerInterval = kept.Count > 0 ? TimeSpan.FromMinutes(10) : null,
            DatabasePath = settings.Database,
            BindAddress = IPAddress.Parse(settings.Bind),
            Hj212Port = settings.Hj212Port,
            HttpPort = settings.NoHttp ? null : settings.HttpPort,
            IdleTimeout = TimeSpan.FromSeconds(settings.IdleTimeoutSeconds),
            MaxDataLength = settings.MaxDataLength,
            MaxConnections = settings.MaxConnections,
            MaxConnectionsPerAddress = settings.MaxConnectionsPerAddress,
            MaxRejectedBytesPerConnectionPerDay = Megabytes(rejects.ConnectionMegabytes),
            MaxRejectedBytesPerAddressPerDay = Megabytes(rejects.AddressMegabytes),
            MaxRejectedBytesKept = Megabytes(rejects.TotalMegabytes),
            RejectedRetention = TimeSpan.FromDays(rejects.RetentionDays),
            DataTimeBehind = TimeSpan.FromDays(settings.DataTimeBehindDays),
            DataTimeAhead = TimeSpan.FromMinutes(settings.DataTimeAheadMinutes),
            FullSync = settings.Sync == "full",
            PublicRead = PublicReadEndpoints.ByText[settings.PublicRead],
            AccountRecheck = TimeSpan.FromSeconds(settings.AccountRecheckSeconds),
            AlertRules = alertRules,
            Notices = noticeSettings,
            Screening = screeningRules,
            JointMonitoring = joint,
            DiscrepancyScanInterval = TimeSpan.FromHours(1),
            ReviewLevels = levels,
            NodeName = settings.NodeName ?? Environment.MachineName,
            FilesDirectory = settings.Files,
            MetricsReaders = settings.MetricsFrom is { Length: > 0 } from
                ? new Qingshui.Server.Metrics.MetricsReaders([.. from.Select(n => IPNetwork.Parse(n))])
                : Qingshui.Server.Metrics.MetricsReaders.LoopbackOnly,
        };
        QingshuiServer? started = await StartAsync(options, settings.Quiet, error, cancellationToken);
        if (started is null)
        {
            return ExitCodes.RuntimeFailure;
        }

        await using QingshuiServer server = started;
        await output.WriteLineAsync($"HJ 212 listening on {server.Hj212EndPoint}");
        await output.WriteLineAsync(server.HttpEndPoint is null ? "HTTP off" : $"HTTP listening on http://{server.HttpEndPoint}");
        await output.WriteLineAsync($"database {PlatformStores.Describe(options.DatabasePath)}; {server.Services.GetRequiredService<Qingshui.Server.Ingest.StationRegister>().Basin.Stations.Count} stations registered in basin '{basin.Id}'");
        await output.FlushAsync(cancellationToken);
        try
        {
            await server.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }

        await server.StopAsync(CancellationToken.None);
        return ExitCodes.Ok;
    }

    /// <summary><c>--public-read none|basin|all</c>, shared with <c>demo</c>.</summary>
    internal static Option<string> PublicReadOption()
    {
        var option = new Option<string>("--public-read")
        {
            Description = "What is answered without sign-in. basin: basins and sections with their classes and series, like the "
                + "national public release (stations, packets, agreements, alerts and the live stream need a member); "
                + "all: every read; none: nothing but /api/v1/health, the session and the dashboard's files.",
            DefaultValueFactory = _ => "basin",
            Arity = ArgumentArity.ExactlyOne,
        };
        option.AcceptOnlyFromAmong([.. PublicReadEndpoints.ByText.Keys]);
        return option;
    }

    private static long Megabytes(double megabytes) => (long)Math.Min(long.MaxValue / 2.0, megabytes * 1024 * 1024);

    private static async Task<int?> CheckDatabaseAsync(string database, TextWriter error)
    {
        if (PlatformStores.IsPostgres(database))
        {
            return null;
        }

        // serve's own default folder (data/) is made for it; a folder given with --db must exist.
        if (database == DefaultDatabase && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(database))))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(database))!);
        }

        if (DatabaseFile.Problem(database, "--db") is not var (message, exitCode))
        {
            return null;
        }

        await error.WriteLineAsync(message);
        return exitCode;
    }

    private static Task<QingshuiServer?> StartAsync(ServerOptions options, bool quiet, TextWriter error, CancellationToken cancellationToken) =>
        ServerStart.StartAsync(options, logging =>
        {
            logging.AddSimpleConsole(console =>
            {
                console.SingleLine = true;
                console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffzzz ";
            });
            logging.SetMinimumLevel(quiet ? LogLevel.Warning : LogLevel.Information);
            logging.AddFilter("Microsoft", LogLevel.Warning);
        }, error, cancellationToken);
}
