#!/usr/bin/env bash
# `qingshui alerts replay` over a year (2024) of hourly data of N synthetic stations with the shipped default rules.
# The store is written straight into SQLite (benchmarks/Qingshui.Benchmarks make-replay-store), P parameters a station.
#
#   benchmarks/alerts-replay.sh [STATIONS] [PARAMETERS]      (defaults: 1000 1)
#
# Prints the store's size, the replay's wall time and peak memory, and how many alerts it printed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stations=${1:-1000}
parameters=${2:-1}

dotnet build -c Release "$root/src/Qingshui.Cli" -nologo -v quiet > /dev/null
dotnet build -c Release "$root/benchmarks/Qingshui.Benchmarks" -nologo -v quiet > /dev/null
qingshui=(dotnet "$root/artifacts/bin/Qingshui.Cli/release/qingshui.dll")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"${qingshui[@]}" simulate basin --stations "$stations" --out "$work/replay.basin.json"
start=$(date +%s.%N)
dotnet "$root/artifacts/bin/Qingshui.Benchmarks/release/Qingshui.Benchmarks.dll" make-replay-store "$work/replay.db" "$stations" "$parameters"
echo "store written in $(echo "$(date +%s.%N) - $start" | bc) s: $(du -sh "$work/replay.db" | cut -f1)"
/usr/bin/time -f "replay: %e s wall, %M kB peak RSS" "${qingshui[@]}" alerts replay --db "$work/replay.db" --basin "$work/replay.basin.json" \
    --from 2024-01-01 --to 2024-12-31 > "$work/alerts.tsv"
echo "alerts printed: $(( $(wc -l < "$work/alerts.tsv") - 1 ))"
