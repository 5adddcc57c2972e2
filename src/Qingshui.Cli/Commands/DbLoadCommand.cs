using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Qingshui.Domain.Import;
using Qingshui.Domain.Network;
using Qingshui.Domain.Readings;
using Qingshui.Server.Cluster;
using Qingshui.Storage;

namespace Qingshui.Cli.Commands;

/// <summary>
/// <c>qingshui db load --db DB FILE…</c>: back-fills readings from CSV files in the readings export's layout into a
/// store, SQLite or PostgreSQL, through <see cref="IBulkReadingStore.LoadAsync"/>. Every file is checked whole before
/// anything is written, its fields and then each reading against the store's station register and the clock
/// (<see cref="ReadingCsv.Fits"/>); then a batch of readings a transaction, with the ingest path's rules (the same reading again
/// changes nothing, other content becomes a revision, a reviewer's decision stays), so a run may be repeated.
/// </summary>
internal static class DbLoadCommand
{
    public const int DefaultBatch = 100_000, MaxBatch = 1_000_000, MaxErrorsShown = 50;

    public static Command Create()
    {
        Option<string> database = new("--db") { Description = PlatformStores.DatabaseHelp + " The store must exist (a SQLite file the server made, or a PostgreSQL database).", Required = true };
        Option<int> batch = new("--batch") { Description = $"Readings a transaction (1 to {MaxBatch:N0}; default {DefaultBatch:N0}). A reading given twice within one batch is an error.", DefaultValueFactory = _ => DefaultBatch };
        Argument<string[]> files = new("files") { Description = "CSV files: a header naming station, parameter, kind, time, value, unit, valid (flag and section optional), as /api/v1/exports/readings writes them; UTF-8.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("load",
            "Back-fills readings from CSV files into the store: checks every file first (errors name file:line:column), then loads a batch a transaction, printing progress. Loading the same files again changes nothing.")
        {
            database, batch, files,
        };
        command.SetAction((parse, ct) => ExecuteAsync(parse.GetValue(database)!, parse.GetValue(files)!, parse.GetValue(batch),
            parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, TimeProvider.System, ct));
        return command;
    }

    internal static async Task<int> ExecuteAsync(
        string database, IReadOnlyList<string> files, int batch, TextWriter output, TextWriter error, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (batch is < 1 or > MaxBatch)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"--batch: {batch} is not between 1 and {MaxBatch:N0}"));
            return ExitCodes.Usage;
        }

        if (files.Select(Path.GetFullPath).GroupBy(f => f, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            await error.WriteLineAsync($"files: {twice.Key} is given twice");
            return ExitCodes.Usage;
        }

        if (files.FirstOrDefault(f => !File.Exists(f)) is string missing)
        {
            await error.WriteLineAsync($"files: {Path.GetFullPath(missing)}: no such file");
            return ExitCodes.InvalidInput;
        }

        if (!PlatformStores.IsPostgres(database))
        {
            if (DatabaseFile.Problem(database, "--db") is (string message, int exit))
            {
                await error.WriteLineAsync(message);
                return exit;
            }

            if (!File.Exists(database))
            {
                await error.WriteLineAsync($"--db: {Path.GetFullPath(database)}: no such database (a back-fill goes into an existing store)");
                return ExitCodes.InvalidInput;
            }
        }

        IPlatformStore? store = null;
        try
        {
            store = await PlatformStores.OpenAsync(database, TimeProvider.System, fullSync: true, cancellationToken);
            if (store is not IBulkReadingStore bulk)
            {
                await error.WriteLineAsync($"{PlatformStores.Describe(database)}: this store does not take bulk loads");
                return ExitCodes.RuntimeFailure;
            }

            var register = new Register((await store.StationsAsync(cancellationToken)).ToDictionary(s => s.DeviceId, StringComparer.Ordinal), clock.GetUtcNow());
            if (await CheckAsync(files, batch, register, error) is long total)
            {
                return await LoadAsync(bulk, PlatformStores.Describe(database), files, batch, register, total, output, error, cancellationToken);
            }

            return ExitCodes.InvalidInput;
        }
        catch (StoreException e)
        {
            await error.WriteLineAsync($"{PlatformStores.Describe(database)}: {e.Message}");
            return ExitCodes.RuntimeFailure;
        }
        finally
        {
            if (store is not null)
            {
                await store.DisposeAsync();
            }
        }
    }

    /// <summary>Every file whole, before anything is written: the readings to load, or <c>null</c> once the errors are written.</summary>
    private static async Task<long?> CheckAsync(IReadOnlyList<string> files, int batch, Register register, TextWriter error)
    {
        // A mistake on the last line must not leave the first ones loaded.
        long readings = 0;
        var errors = new Problems();
        foreach (string file in files)
        {
            foreach (Batch part in Batches(file, batch, register, errors))
            {
                readings += part.Readings.Count;
            }
        }

        if (errors.Count == 0)
        {
            return readings;
        }

        await WriteErrorsAsync(errors, error);
        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{errors.Count:N0} error(s) in the input: nothing was loaded"));
        return null;
    }

    private static async Task<int> LoadAsync(
        IBulkReadingStore store, string described, IReadOnlyList<string> files, int batch, Register register, long total, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var done = new Counts();
        var watch = Stopwatch.StartNew();
        var errors = new Problems();
        foreach (string file in files)
        {
            foreach (Batch part in Batches(file, batch, register, errors))
            {
                try
                {
                    BulkLoadResult result = await store.LoadAsync(part.Readings, cancellationToken);
                    done.Add(result);
                }
                catch (StoreException e)
                {
                    await error.WriteLineAsync($"{file}: lines {part.FirstLine}–{part.LastLine}: {described}: {e.Message}");
                    await error.WriteLineAsync(Stopped(done, file, part.FirstLine));
                    return ExitCodes.RuntimeFailure;
                }

                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{file}: to line {part.LastLine}: {done.Readings:N0} of {total:N0} readings ({100.0 * done.Readings / Math.Max(1, total):N0} %), {done.Written:N0} written, {done.Unchanged:N0} unchanged, {done.Readings / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0} readings/s"));
            }

            if (errors.Count > 0)
            {
                await WriteErrorsAsync(errors, error);
                await error.WriteLineAsync(Stopped(done, file, errors.Shown[0].Error.Line));
                return ExitCodes.InvalidInput;
            }
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{done.Readings:N0} readings from {files.Count} file(s) into {described} in {watch.Elapsed.TotalSeconds:N1} s ({done.Readings / Math.Max(0.001, watch.Elapsed.TotalSeconds):N0} readings/s): {done.Written:N0} written (new or revised), {done.Unchanged:N0} already stored alike"));
        return ExitCodes.Ok;
    }

    private static string Stopped(Counts done, string file, int line) => string.Create(CultureInfo.InvariantCulture,
        $"stopped at {file}:{line}: {done.Readings:N0} readings before it were loaded ({done.Written:N0} written); running the command again loads the rest and changes nothing already loaded");

    /// <summary>
    /// A file's readings a batch at a time, each batch with no reading twice and each reading fitting the register and the
    /// clock; errors are collected and their lines skipped.
    /// </summary>
    private static IEnumerable<Batch> Batches(string file, int size, Register register, Problems errors)
    {
        using var reader = new StreamReader(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false), detectEncodingFromByteOrderMarks: true);
        using IEnumerator<string> lines = BoundedLines.Read(reader, ReadingCsv.MaxLineLength).GetEnumerator();
        var found = new List<InputError>();
        if (!lines.MoveNext())
        {
            errors.Add(file, new InputError(1, 0, null, "empty file: expected a header line"));
            yield break;
        }

        ReadingCsv? csv = ReadingCsv.FromHeader(lines.Current, found);
        if (csv is null)
        {
            errors.AddRange(file, found);
            yield break;
        }

        var readings = new List<Reading>(Math.Min(size, 100_000));
        var seen = new Dictionary<(string, string, ReadingKind, long), int>(Math.Min(size, 100_000));
        int number = 1, first = 2;
        while (lines.MoveNext())
        {
            number++;
            found.Clear();
            Reading? reading = csv.Read(number, lines.Current, found);
            if (reading is not null && !csv.Fits(number, reading, register.Stations.GetValueOrDefault(reading.StationId), register.Now, found))
            {
                reading = null;
            }

            errors.AddRange(file, found);
            if (reading is null)
            {
                continue;
            }

            if (!seen.TryAdd((reading.StationId, reading.Parameter, reading.Kind, reading.PeriodStart.UtcTicks), number))
            {
                int earlier = seen[(reading.StationId, reading.Parameter, reading.Kind, reading.PeriodStart.UtcTicks)];
                errors.Add(file, new InputError(number, 0, null,
                    $"{reading.StationId} {reading.Parameter} {reading.Kind} at {reading.PeriodStart:yyyy-MM-dd'T'HH:mm:sszzz} is also on line {earlier}; give each reading once"));
                continue;
            }

            readings.Add(reading);
            if (readings.Count == size)
            {
                yield return new Batch(readings, first, number);
                readings = new List<Reading>(Math.Min(size, 100_000));
                seen.Clear();
                first = number + 1;
            }
        }

        if (readings.Count > 0)
        {
            yield return new Batch(readings, first, number);
        }
    }

    private static async Task WriteErrorsAsync(Problems errors, TextWriter error)
    {
        foreach ((string file, InputError e) in errors.Shown)
        {
            await error.WriteLineAsync(e.Describe(file));
        }

        if (errors.Count > errors.Shown.Count)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"… and {errors.Count - errors.Shown.Count:N0} more"));
        }
    }

    /// <summary>Errors found: all counted, the first <see cref="MaxErrorsShown"/> kept (a wrong file of millions of lines stays small).</summary>
    private sealed class Problems
    {
        private readonly List<(string File, InputError Error)> _shown = [];

        public long Count { get; private set; }

        public List<(string File, InputError Error)> Shown => _shown;

        public void Add(string file, InputError error)
        {
            Count++;
            if (_shown.Count < MaxErrorsShown)
            {
                _shown.Add((file, error));
            }
        }

        public void AddRange(string file, IEnumerable<InputError> errors)
        {
            foreach (InputError error in errors)
            {
                Add(file, error);
            }
        }
    }

    private sealed record Batch(List<Reading> Readings, int FirstLine, int LastLine);

    /// <summary>The store's stations by MN, and the time the check took as now (a reading may not begin after it).</summary>
    private sealed record Register(Dictionary<string, Station> Stations, DateTimeOffset Now);

    private sealed class Counts
    {
        public long Readings { get; set; }

        public long Written { get; private set; }

        public long Unchanged { get; private set; }

        public void Add(BulkLoadResult result)
        {
            Readings += result.ReadingsWritten + result.ReadingsUnchanged;
            Written += result.ReadingsWritten;
            Unchanged += result.ReadingsUnchanged;
        }
    }
}
