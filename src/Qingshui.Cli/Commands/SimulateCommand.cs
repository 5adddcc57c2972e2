using System.CommandLine;
using System.Globalization;
using Qingshui.Domain.Network;
using Qingshui.Hj212;
using Qingshui.Simulation;

namespace Qingshui.Cli.Commands;

/// <summary><c>qingshui simulate</c>: stations speaking real HJ 212 over TCP, with plausible series and optional faults; also the load tool.</summary>
internal static class SimulateCommand
{
    internal sealed record Settings(
        string Host, int Port, FileInfo? BasinFile, string Preset, int? Stations, string Command, double IntervalMinutes, string? Start,
        long? Packets, double Rate, int Window, ulong Seed, double? Duration, FaultOptions Faults, double ClockSkewMinutes = 0, int ConnectAttempts = 10,
        double TimeScale = 1, string? Edition = null, string? Sm4Key = null, bool Register = false, IReadOnlyList<int>? Ports = null);

    // Bounds that keep every size a plain error instead of an overflow deep inside a run.
    private const long MaxPackets = 100_000_000;
    private const int MaxWindow = 1_000;
    private const int MaxBasinStations = 100_000;
    private const double MaxRate = 100_000;
    private const double MaxIntervalMinutes = 366 * 24 * 60;
    private const double MaxDurationSeconds = 366 * 24 * 3600;
    private const int MaxConnectAttempts = 1_000;
    private const double MaxTimeScale = 100_000;
    private const int MaxPorts = 64;

    public static Command Create()
    {
        Option<string> host = new("--host") { Description = "Server address.", DefaultValueFactory = _ => "127.0.0.1" };
        Option<int> port = new("--port") { Description = "Server HJ 212 port.", DefaultValueFactory = _ => 9212 };
        Option<int[]> ports = new("--ports")
        {
            Description = "Several server nodes' HJ 212 ports on --host instead of --port, e.g. --ports 9212 9213: station i always connects to the i-th mod their count.",
            AllowMultipleArgumentsPerToken = true,
        };
        Option<FileInfo?> basin = BasinSource.FileOption();
        Option<string> preset = BasinSource.PresetOption();
        Option<int?> stations = new("--stations") { Description = "Play only the first N stations of the basin." };
        Option<string> cn = new("--command")
        {
            Description = "Upload command: 2011 real-time, 2051 minute, 2061 hourly, 2031 daily; with --edition 2025 also 2013 raw monitoring data, "
                + "which the server keeps as station files (with --split, each sent in several packets).",
            DefaultValueFactory = _ => "2061",
        };
        Option<double> interval = new("--interval") { Description = "Minutes between DataTimes (default: the command's period)." };
        Option<string?> start = new("--start") { Description = "First DataTime, ISO 8601 (UTC+8 when no offset); default: now, rounded down to the period." };
        Option<long?> packets = new("--packets") { Description = "Packets per station (default: until stopped)." };
        Option<double> rate = new("--rate") { Description = "Packets per second per station; 0 = as fast as acknowledgements allow.", DefaultValueFactory = _ => 0 };
        Option<int> window = new("--window") { Description = "Unacknowledged packets a station may have in flight.", DefaultValueFactory = _ => 1 };
        Option<ulong> seed = new("--seed") { Description = "Seed of the series and of fault choices.", DefaultValueFactory = _ => 212UL };
        Option<double?> duration = new("--duration") { Description = "Stop after this many seconds." };
        Option<double> badCrc = new("--bad-crc") { Description = "Fraction of packets preceded by a copy with a wrong CRC." };
        Option<double> garbage = new("--garbage") { Description = "Fraction of packets preceded by modem chatter." };
        Option<double> split = new("--split") { Description = "Fraction of packets split into parts sent out of order." };
        Option<double> disconnect = new("--disconnect") { Description = "Fraction of packets cut off mid-frame by a dropped connection." };
        Option<double> duplicate = new("--duplicate") { Description = "Fraction of packets sent twice." };
        Option<double> skew = new("--clock-skew") { Description = "Station clock error in minutes (corrected by time calibration)." };
        Option<int> connectAttempts = new("--connect-attempts")
        {
            Description = "Connection attempts (about half a second apart at first, then a second) before a station gives up; exit 3 when none could connect.",
            DefaultValueFactory = _ => 10,
        };
        Option<double> timeScale = new("--time-scale")
        {
            Description = "Station seconds per real second for a real-time interval the server sets (HJ 212 1062) in a paced 2011 run: "
                + "at 60 a 30 s interval uploads every half second.",
            DefaultValueFactory = _ => 1,
        };
        Option<string?> edition = new("--edition") { Description = "Play every station in this HJ 212 edition (2025, 2017 or 2005) instead of the basin's." };
        Option<string?> sm4Key = new("--sm4-key")
        {
            Description = "With --edition 2025: SM4 key (32 hex digits) the stations encrypt their data areas with; a key exchange (1014) from the server replaces it.",
        };
        Option<bool> register = new("--register")
        {
            Description = "With --edition 2025: the stations start without an MN: each announces its hardware identity (1001, logger id QS<seed>-<n>) "
                + "and uploads once an operator has assigned it an MN and password through the pending stations API (1002).",
        };
        var command = new Command("simulate", "Simulate monitoring stations sending HJ 212 to a server; prints what was acknowledged (the load tool).")
        {
            host, port, basin, preset, stations, cn, interval, start, packets, rate, window, seed, duration, badCrc, garbage, split, disconnect, duplicate, skew,
            connectAttempts, timeScale, edition, sm4Key, register, ports, BasinFileCommand(),
        };
        command.SetAction((parse, cancellationToken) => ExecuteAsync(
            new Settings(parse.GetValue(host)!, parse.GetValue(port), parse.GetValue(basin), parse.GetValue(preset)!, parse.GetValue(stations),
                parse.GetValue(cn)!, parse.GetValue(interval), parse.GetValue(start), parse.GetValue(packets), parse.GetValue(rate), parse.GetValue(window),
                parse.GetValue(seed), parse.GetValue(duration), new FaultOptions
                {
                    BadCrc = parse.GetValue(badCrc), Garbage = parse.GetValue(garbage), SplitOutOfOrder = parse.GetValue(split),
                    DisconnectMidFrame = parse.GetValue(disconnect), Duplicate = parse.GetValue(duplicate),
                }, parse.GetValue(skew), parse.GetValue(connectAttempts), parse.GetValue(timeScale), parse.GetValue(edition), parse.GetValue(sm4Key),
                parse.GetValue(register), parse.GetValue(ports)),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static Command BasinFileCommand()
    {
        Option<int> count = new("--stations") { Description = "Number of stations.", Required = true };
        Option<FileInfo?> output = new("--out") { Description = "Write here instead of standard output." };
        var command = new Command("basin", "Write a basin file with N synthetic stations, for load runs of serve and simulate.") { count, output };
        command.SetAction(async (parse, cancellationToken) =>
        {
            int n = parse.GetValue(count);
            TextWriter error = parse.InvocationConfiguration.Error;
            if (n is <= 0 or > MaxBasinStations)
            {
                await error.WriteLineAsync($"--stations: must be 1–{MaxBasinStations}");
                return ExitCodes.Usage;
            }

            FileInfo? file = parse.GetValue(output);
            if (file?.Directory is { Exists: false } folder)
            {
                await error.WriteLineAsync($"--out: the folder {folder.FullName} does not exist");
                return ExitCodes.Usage;
            }

            string text = SyntheticBasin.BasinFileText(n);
            if (file is not null)
            {
                try
                {
                    await File.WriteAllTextAsync(file.FullName, text, cancellationToken);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync($"--out: cannot write {file.FullName}: {e.Message}");
                    return ExitCodes.RuntimeFailure;
                }
            }
            else
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync(text);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    internal static IReadOnlyList<string> Validate(Settings settings)
    {
        var errors = new List<string>();
        if (settings.Command is not (CommandCode.RealTimeData or CommandCode.MinuteData or CommandCode.HourlyData or CommandCode.DailyData or CommandCode.RawData))
        {
            errors.Add("--command: must be 2011, 2051, 2061, 2031 or (with --edition 2025) 2013");
        }

        Check(errors, settings.Command != CommandCode.RawData || settings.Edition == "2025", "--command: 2013 (raw monitoring data) only with --edition 2025");

        if (settings.Start is not null && !TryParseStart(settings.Start, out _))
        {
            errors.Add($"--start: '{settings.Start}' is not an ISO 8601 time");
        }

        foreach ((string name, double value) in new[]
        {
            ("--bad-crc", settings.Faults.BadCrc), ("--garbage", settings.Faults.Garbage), ("--split", settings.Faults.SplitOutOfOrder),
            ("--disconnect", settings.Faults.DisconnectMidFrame), ("--duplicate", settings.Faults.Duplicate),
        })
        {
            if (value is < 0 or > 1)
            {
                errors.Add($"{name}: must be a fraction between 0 and 1");
            }
        }

        Check(errors, settings.Port is >= 1 and <= 65535, "--port: must be 1–65535");
        Check(errors, settings.Ports is null || (settings.Ports.Count <= MaxPorts && settings.Ports.All(p => p is >= 1 and <= 65535)),
            $"--ports: at most {MaxPorts} ports, each 1–65535");
        Check(errors, settings.Window is >= 1 and <= MaxWindow, $"--window: must be 1–{MaxWindow}");
        Check(errors, settings.Rate is >= 0 and <= MaxRate, $"--rate: must be 0–{MaxRate} packets per second");
        Check(errors, settings.IntervalMinutes is >= 0 and <= MaxIntervalMinutes, $"--interval: must be 0–{MaxIntervalMinutes} minutes");
        Check(errors, settings.Stations is null or >= 1, "--stations: must be positive");
        Check(errors, settings.Packets is null or (>= 1 and <= MaxPackets), $"--packets: must be 1–{MaxPackets}");
        Check(errors, settings.Duration is null or (> 0 and <= MaxDurationSeconds), $"--duration: must be more than 0 and at most {MaxDurationSeconds} seconds");
        Check(errors, Math.Abs(settings.ClockSkewMinutes) <= MaxIntervalMinutes, $"--clock-skew: must be within ±{MaxIntervalMinutes} minutes");
        Check(errors, settings.ConnectAttempts is >= 1 and <= MaxConnectAttempts, $"--connect-attempts: must be 1–{MaxConnectAttempts}");
        Check(errors, settings.TimeScale is > 0 and <= MaxTimeScale, $"--time-scale: must be more than 0 and at most {MaxTimeScale}");
        Check(errors, settings.Edition is null or "2025" or "2017" or "2005", "--edition: must be 2025, 2017 or 2005");
        Check(errors, settings.Sm4Key is null || Server.Api.StationKeysApi.ParseKey(settings.Sm4Key) is not null, "--sm4-key: must be 32 hexadecimal digits (a 128-bit SM4 key)");
        Check(errors, settings.Sm4Key is null || settings.Edition == "2025", "--sm4-key: only with --edition 2025 (earlier editions do not encrypt)");
        Check(errors, !settings.Register || settings.Edition == "2025", "--register: only with --edition 2025 (earlier editions have no device registration)");
        if (errors.Count == 0 && settings.Packets is long packets && settings.Start is not null && TryParseStart(settings.Start, out DateTimeOffset first)
            && (DateTimeOffset.MaxValue - first).TotalMinutes / Math.Max(settings.IntervalMinutes, 1) < packets)
        {
            errors.Add("--packets: the last DataTime would fall after the year 9999");
        }

        return errors;
    }

    // NaN fails every range check, so it is refused with the rest.
    private static void Check(List<string> errors, bool valid, string message)
    {
        if (!valid)
        {
            errors.Add(message);
        }
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

        Basin? basin = await BasinSource.LoadAsync(settings.BasinFile, settings.Preset, error, cancellationToken);
        if (basin is null)
        {
            return ExitCodes.InvalidInput;
        }

        TimeSpan interval = settings.IntervalMinutes > 0 ? TimeSpan.FromMinutes(settings.IntervalMinutes) : PeriodOf(settings.Command);
        DateTimeOffset start = settings.Start is not null && TryParseStart(settings.Start, out DateTimeOffset given) ? given : RoundDown(DateTimeOffset.UtcNow.ToOffset(Hj212Time.ChinaStandardOffset), interval);
        IReadOnlyList<SimulatedStation> stations = SyntheticBasin.StationsOf(basin);
        if (settings.Edition is string played)
        {
            Hj212Edition edition = played switch { "2025" => Hj212Edition.Edition2025, "2005" => Hj212Edition.Edition2005, _ => Hj212Edition.Edition2017 };
            stations = [.. stations.Select(s => s with { Edition = edition })];
        }

        if (settings.Register)
        {
            // The basin's MNs and passwords are forgotten: the operator assigns them; 123456 is the factory password.
            stations = [.. stations.Select(s => s with
            {
                DeviceId = "", Password = "123456", LoggerId = string.Create(CultureInfo.InvariantCulture, $"QS{settings.Seed}-{s.Index + 1:D5}"),
            })];
        }

        var options = new SimulationOptions
        {
            Host = settings.Host, Port = settings.Port, Ports = settings.Ports ?? [], Stations = settings.Stations is int n ? stations.Take(n).ToArray() : stations,
            Command = settings.Command, Interval = interval, Start = start, PacketsPerStation = settings.Packets, Rate = settings.Rate,
            Window = settings.Window, Seed = settings.Seed, Faults = settings.Faults with { ClockSkew = TimeSpan.FromMinutes(settings.ClockSkewMinutes) },
            ConnectAttempts = settings.ConnectAttempts, TimeScale = settings.TimeScale,
            DataKey = settings.Sm4Key is null ? null : Server.Api.StationKeysApi.ParseKey(settings.Sm4Key),
            CipherOf = settings.Edition == "2025" ? key => new Server.Keys.Sm4DataAreaCipher(key) : null,
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (settings.Duration is double seconds)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        string target = options.Ports.Count > 0 ? $"{settings.Host}:{string.Join(",", options.Ports)}" : $"{settings.Host}:{settings.Port}";
        await output.WriteLineAsync($"simulating {options.Stations.Count} stations → {target}, CN {settings.Command} from {start:O}");
        if (settings.Register)
        {
            await output.WriteLineAsync($"loggers waiting for an MN (assign them under /api/v1/stations/pending): {string.Join(", ", options.Stations.Select(s => s.LoggerId))}");
        }

        SimulationReport report = await Simulator.RunAsync(options, null, stop.Token);
        await output.WriteLineAsync(report.Describe());
        if (report.Unreachable > 0)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"cannot connect to {target}: {report.Unreachable} of {report.Stations} stations gave up after {settings.ConnectAttempts} attempts (is a server listening there? see --port)"));
            return ExitCodes.RuntimeFailure;
        }

        if (report.Unregistered > 0)
        {
            await error.WriteLineAsync($"{report.Unregistered} of {report.Stations} loggers were assigned no MN before the run ended");
            return ExitCodes.RuntimeFailure;
        }

        return report.Failed > 0 || report.Rejected > 0 ? ExitCodes.InvalidInput : ExitCodes.Ok;
    }

    private static TimeSpan PeriodOf(string command) => command switch
    {
        CommandCode.RealTimeData => TimeSpan.FromSeconds(30),
        CommandCode.MinuteData => TimeSpan.FromMinutes(10),
        CommandCode.DailyData => TimeSpan.FromDays(1),
        _ => TimeSpan.FromHours(1),
    };

    private static DateTimeOffset RoundDown(DateTimeOffset time, TimeSpan period) =>
        new(time.Ticks - (time.Ticks % Math.Min(period.Ticks, TimeSpan.TicksPerDay)), time.Offset);

    private static bool TryParseStart(string text, out DateTimeOffset start)
    {
        bool hasOffset = text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 9;
        if (hasOffset)
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out start);
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTime local))
        {
            start = new DateTimeOffset(local, Hj212Time.ChinaStandardOffset);
            return true;
        }

        start = default;
        return false;
    }
}
