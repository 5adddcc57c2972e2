#!/usr/bin/env bash
# Means and the assessment pipeline against their baselines, in interleaved rounds on one thread (minimum and median
# over rounds), for a machine shared with other work where BenchmarkDotNet's means move with the load.
#   benchmarks/means.sh [MEAN_ROUNDS] [PIPELINE_ROUNDS]      (defaults: 400 7; 0 skips either)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
mean_rounds=${1:-400}
pipeline_rounds=${2:-7}
dotnet build -c Release "$root/benchmarks/Qingshui.Benchmarks" -v q -nologo > /dev/null
run() { dotnet "$root/artifacts/bin/Qingshui.Benchmarks/release/Qingshui.Benchmarks.dll" "$@"; }
date -u '+%Y-%m-%d %H:%M UTC'
if [ "$mean_rounds" -gt 0 ]; then
  echo "== a year of one section (2,190 four-hourly values, 1 % invalid)"
  run means-rounds "$mean_rounds"
fi
if [ "$pipeline_rounds" -gt 0 ]; then
  echo "== 3,641 sections x 9 parameters x a year of four-hourly values, one core, in memory"
  run pipeline-rounds "$pipeline_rounds"
fi
