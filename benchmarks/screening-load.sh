#!/usr/bin/env bash
# What screening costs ingest: benchmarks/load.sh in interleaved rounds, each round once with `--screening none` (the
# flag policy and physical possibility only, as before screening) and once with the shipped default screening, so a
# shared machine's drift falls on both alike. N stations sending P hourly packets (9 readings each) per run.
#
#   benchmarks/screening-load.sh [STATIONS] [PACKETS_PER_STATION] [ROUNDS]      (defaults: 1000 200 2)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stations=${1:-1000}
packets=${2:-200}
rounds=${3:-2}

for round in $(seq "$rounds"); do
    for mode in none default; do
        if [ "$mode" = none ]; then args="--screening none"; else args=""; fi
        line=$(SERVE_ARGS="$args" "$root/benchmarks/load.sh" "$stations" "$packets" 1 | grep -E "^(throughput|ack latency p50 /)" | tr '\n' ' ')
        echo "round $round, screening $mode: $line"
    done
done
