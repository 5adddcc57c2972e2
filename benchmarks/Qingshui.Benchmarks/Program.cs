using System.Globalization;
using BenchmarkDotNet.Running;

// `make-replay-store PATH STATIONS PARAMETERS` builds the store benchmarks/alerts-replay.sh times the replay on.
if (args is ["make-replay-store", string path, string stations, string parameters])
{
    await Qingshui.Benchmarks.ReplayStore.WriteAsync(path, int.Parse(stations, CultureInfo.InvariantCulture), int.Parse(parameters, CultureInfo.InvariantCulture));
    return;
}

// `make-export-store PATH STATIONS PARAMETERS` builds the store benchmarks/export-memory.sh exports from.
if (args is ["make-export-store", string exportPath, string exportStations, string exportParameters])
{
    await Qingshui.Benchmarks.ExportStore.WriteAsync(
        exportPath, int.Parse(exportStations, CultureInfo.InvariantCulture), int.Parse(exportParameters, CultureInfo.InvariantCulture));
    return;
}

// `make-review-store PATH STATIONS PARAMETERS` builds the store benchmarks/review-queue.sh times the review queue on.
if (args is ["make-review-store", string reviewPath, string reviewStations, string reviewParameters])
{
    await Qingshui.Benchmarks.ReviewStore.WriteAsync(
        reviewPath, int.Parse(reviewStations, CultureInfo.InvariantCulture), int.Parse(reviewParameters, CultureInfo.InvariantCulture));
    return;
}

// `pg-ingest SQLITE_PATH POSTGRES ROUNDS BATCHES` times durable ingest on both backends (benchmarks/pg-ingest.sh).
if (args is ["pg-ingest", string sqlitePath, string postgres, string rounds, string batches])
{
    await Qingshui.Benchmarks.PostgresIngest.RunAsync(
        sqlitePath, postgres, int.Parse(rounds, CultureInfo.InvariantCulture), int.Parse(batches, CultureInfo.InvariantCulture));
    return;
}

// `review-queue-stores STATIONS PARAMETERS REPEATS SQLITE_PATH POSTGRES_CONNECTION` times the review queue's store calls on
// both backends (benchmarks/review-queue-postgres.sh starts the PostgreSQL cluster).
if (args is ["review-queue-stores", string queueStations, string queueParameters, string queueRepeats, string queueSqlite, string queuePostgres])
{
    await Qingshui.Benchmarks.ReviewQueueStores.RunAsync(int.Parse(queueStations, CultureInfo.InvariantCulture),
        int.Parse(queueParameters, CultureInfo.InvariantCulture), int.Parse(queueRepeats, CultureInfo.InvariantCulture), queueSqlite, queuePostgres);
    return;
}

// `decode-stream PATH` frames and parses a raw HJ 212 capture as `hj212 check --stream` does (benchmarks/hj212-check.sh).
if (args is ["decode-stream", string capturePath])
{
    Qingshui.Benchmarks.StreamDecode.Run(capturePath, Console.Out);
    return;
}

// `store-year SQLITE_PATH POSTGRES SECTIONS BACKENDS [KEEP]` loads a year of N sections into the stores and classifies it back
// (benchmarks/store-year.sh); with KEEP, a store loaded there by an earlier run is only read.
if (args is ["store-year", string yearSqlite, string yearPostgres, string yearSections, string yearBackends, ..] && args.Length <= 6)
{
    await Qingshui.Benchmarks.StoreYear.RunAsync(yearSqlite, yearPostgres, int.Parse(yearSections, CultureInfo.InvariantCulture), yearBackends,
        args.Length == 6 ? args[5] : null);
    return;
}

// `means-rounds ROUNDS` and `pipeline-rounds ROUNDS` time the means and the assessment pipeline in interleaved rounds
// against their baselines (benchmarks/means.sh).
if (args is ["means-rounds", string meanRounds])
{
    Qingshui.Benchmarks.InterleavedRounds.Means(int.Parse(meanRounds, CultureInfo.InvariantCulture), Console.Out);
    return;
}

if (args is ["pipeline-rounds", string pipelineRounds])
{
    Qingshui.Benchmarks.InterleavedRounds.Pipeline(int.Parse(pipelineRounds, CultureInfo.InvariantCulture), Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
