using System.Globalization;
using BenchmarkDotNet.Running;

// `make-replay-store PATH STATIONS PARAMETERS` builds the store benchmarks/alerts-replay.sh times the replay on.
if (args is ["make-replay-store", string path, string stations, string parameters])
{
    await Qingshui.Benchmarks.ReplayStore.WriteAsync(path, int.Parse(stations, CultureInfo.InvariantCulture), int.Parse(parameters, CultureInfo.InvariantCulture));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
