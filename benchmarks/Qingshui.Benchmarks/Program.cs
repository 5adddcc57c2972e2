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

// `decode-stream PATH` frames and parses a raw HJ 212 capture as `hj212 check --stream` does (benchmarks/hj212-check.sh).
if (args is ["decode-stream", string capturePath])
{
    Qingshui.Benchmarks.StreamDecode.Run(capturePath, Console.Out);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
