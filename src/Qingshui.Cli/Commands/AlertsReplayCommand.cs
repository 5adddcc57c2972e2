using System.CommandLine;
using System.Globalization;
using System.Threading.Channels;
using Qingshui.Domain.Alerts;
using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;
using Qingshui.Hj212;
using Qingshui.Server.Cluster;
using Qingshui.Storage;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui alerts replay</c>: runs the alert rules over the stored readings of a date range in time order, and prints
/// the alerts that would have been raised, one tab-separated line each with section and station.
/// The store is only read.
/// </summary>
internal static class AlertsReplayCommand
{
    /// <summary>Longest range one replay covers.</summary>
    private const int MaxDays = 5 * 366;

    internal sealed record Settings(string Database, string From, string To, FileInfo? Rules, FileInfo? Basin, string Preset);

    public static Command Create()
    {
        Option<string> database = new("--db") { Description = "The store to read: " + PlatformStores.DatabaseHelp, Required = true };
        Option<string> from = new("--from") { Description = "First day (YYYY-MM-DD, Beijing time).", Required = true };
        Option<string> to = new("--to") { Description = "Last day, included (YYYY-MM-DD, Beijing time).", Required = true };
        Option<FileInfo?> rules = AlertRulesSource.Option();
        Option<FileInfo?> basin = BasinSource.FileOption();
        Option<string> preset = BasinSource.PresetOption();
        var command = new Command("replay", "Print the alerts the rules would have raised over stored readings.") { database, from, to, rules, basin, preset };
        command.SetAction((parse, ct) => ExecuteAsync(
            new Settings(parse.GetValue(database)!, parse.GetValue(from)!, parse.GetValue(to)!, parse.GetValue(rules), parse.GetValue(basin), parse.GetValue(preset)!),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, ct));
        return command;
    }

    /// <summary>The range [from, to + 1 day) in Beijing time, or the usage errors.</summary>
    internal static (DateTimeOffset From, DateTimeOffset To, IReadOnlyList<string> Usage) Validate(Settings settings)
    {
        var usage = new List<string>();
        DateTimeOffset? start = Day(settings.From, "--from", usage), end = Day(settings.To, "--to", usage);
        if (start is DateTimeOffset s && end is DateTimeOffset e)
        {
            if (e < s)
            {
                usage.Add("--to: must not be before --from");
            }
            else if ((e - s).TotalDays >= MaxDays)
            {
                usage.Add(string.Create(CultureInfo.InvariantCulture, $"--from: at most {MaxDays} days per replay"));
            }
        }

        return (start ?? default, (end ?? default).AddDays(1), usage);
    }

    internal static async Task<int> ExecuteAsync(Settings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        (DateTimeOffset from, DateTimeOffset to, IReadOnlyList<string> usage) = Validate(settings);
        if (usage.Count > 0)
        {
            foreach (string problem in usage)
            {
                await error.WriteLineAsync(problem);
            }

            return ExitCodes.Usage;
        }

        if (await BasinSource.LoadAsync(settings.Basin, settings.Preset, error, cancellationToken) is not Basin basin
            || await AlertRulesSource.LoadAsync(settings.Rules, basin, error, cancellationToken) is not IReadOnlyList<AlertRule> rules)
        {
            return ExitCodes.InvalidInput;
        }

        (IPlatformStore? store, int exitCode) = await AuditCommand.OpenAsync(settings.Database, error, cancellationToken);
        if (store is null)
        {
            return exitCode;
        }

        await using (store)
        {
            await output.WriteLineAsync("raised\tcleared\tseverity\trule\tsection\tstation\tparameter\treason");
            int count = 0;
            await foreach (Alert alert in ReplayAsync(store, basin, rules, from, to, cancellationToken))
            {
                await output.WriteLineAsync(Line(alert));
                count++;
            }

            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{count} alerts from {basin.Stations.Count} stations, {from:yyyy-MM-dd} to {to.AddDays(-1):yyyy-MM-dd}"));
            return ExitCodes.Ok;
        }
    }

    /// <summary>The alerts raised over the range, by raise time within each pass, each with its clearing time when it cleared within the range.</summary>
    internal static async IAsyncEnumerable<Alert> ReplayAsync(
        IPlatformStore store, Basin basin, IReadOnlyList<AlertRule> rules, DateTimeOffset from, DateTimeOffset to,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var evaluator = new AlertEvaluator(basin, rules);
        var signals = new List<AlertSignal>();

        // One pass in the store's order (hour by hour, each series in time order), so the store is read sequentially.
        // Reading the store and evaluating take about the same time: one task reads chunks while this one evaluates.
        Channel<(string Station, ReadingValue Value)[]> chunks = Channel.CreateBounded<(string, ReadingValue)[]>(
            new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        Task reading = Task.Run(() => ReadChunksAsync(store, from, to, chunks.Writer, cancellationToken), cancellationToken);
        await foreach ((string Station, ReadingValue Value)[] chunk in chunks.Reader.ReadAllAsync(cancellationToken))
        {
            foreach ((string station, ReadingValue v) in chunk)
            {
                evaluator.CheckSilence(station, v.PeriodStart, signals);
                evaluator.Observe(v.Of(station), v.PeriodStart, signals);
            }
        }

        await reading;

        evaluator.CheckSilence(to, signals);
        foreach (Alert alert in Pair(signals).OrderBy(a => a.RaisedAt).ThenBy(a => a.Station, StringComparer.Ordinal))
        {
            yield return alert;
        }
    }

    private static async Task ReadChunksAsync(
        IPlatformStore store, DateTimeOffset from, DateTimeOffset to, ChannelWriter<(string, ReadingValue)[]> writer, CancellationToken cancellationToken)
    {
        const int ChunkSize = 4096;
        try
        {
            var chunk = new List<(string, ReadingValue)>(ChunkSize);
            await foreach ((string, ReadingValue) item in store.ReplayValuesAsync(from, to, cancellationToken))
            {
                chunk.Add(item);
                if (chunk.Count == ChunkSize)
                {
                    await writer.WriteAsync([.. chunk], cancellationToken);
                    chunk.Clear();
                }
            }

            if (chunk.Count > 0)
            {
                await writer.WriteAsync([.. chunk], cancellationToken);
            }

            writer.Complete();
        }
        catch (Exception e)
        {
            // The evaluating side sees the failure when it reads on.
            writer.Complete(e);
        }
    }

    // Each raised alert with the time its own clearing signal gives, if any.
    private static List<Alert> Pair(List<AlertSignal> signals)
    {
        var open = new Dictionary<AlertKey, int>();
        var alerts = new List<Alert>();
        foreach (AlertSignal signal in signals)
        {
            if (signal.Raised)
            {
                open[signal.Alert.Key] = alerts.Count;
                alerts.Add(signal.Alert);
            }
            else if (open.Remove(signal.Alert.Key, out int index))
            {
                alerts[index] = alerts[index] with { ClearedAt = signal.Alert.ClearedAt };
            }
        }

        return alerts;
    }

    private static DateTimeOffset? Day(string text, string option, List<string> usage)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day) && day.Year is >= 1970 and <= 2099)
        {
            return new DateTimeOffset(day, TimeOnly.MinValue, Hj212Time.ChinaStandardOffset);
        }

        usage.Add($"{option}: '{text}' is not a day like 2024-03-01 (years 1970–2099)");
        return null;
    }

    private static string Line(Alert alert) => string.Join('\t',
        alert.RaisedAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        alert.ClearedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "open",
        AlertKinds.Word(alert.Severity), alert.RuleId, alert.Section ?? "", alert.Station, alert.Parameter ?? "",
        alert.Reason.Replace('\t', ' ').Replace('\n', ' '));
}
