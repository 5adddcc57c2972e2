#!/usr/bin/env bash
# What alert evaluation costs ingest: benchmarks/load.sh twice in one run, first with no alert rules (an empty rules
# file), then with the shipped default rules, each with N stations sending P hourly packets (9 readings each).
#
#   benchmarks/alerts-load.sh [STATIONS] [PACKETS_PER_STATION]      (defaults: 1000 300)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stations=${1:-1000}
packets=${2:-300}
empty=$(mktemp --suffix=.json)
trap 'rm -f "$empty"' EXIT
echo '{ "format": "qingshui-alert-rules/1", "rules": [] }' > "$empty"

echo "== without alert rules"
SERVE_ARGS="--rules $empty" "$root/benchmarks/load.sh" "$stations" "$packets" 1 | grep -E "^(throughput|ack latency p50 /|elapsed|peak)"
echo "== with the default alert rules"
"$root/benchmarks/load.sh" "$stations" "$packets" 1 | grep -E "^(throughput|ack latency p50 /|elapsed|peak)"
