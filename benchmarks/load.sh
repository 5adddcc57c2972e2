#!/usr/bin/env bash
# End-to-end durable ingest over loopback: a real `qingshui serve` (SQLite, fsync on every commit) and
# `qingshui simulate` with N stations, each sending hourly uploads (9 readings) and waiting for the 9014
# acknowledgement, which the server sends only after the commit. The hours start two and three years back, inside the
# server's DataTime window (five years behind its clock).
#
#   benchmarks/load.sh [STATIONS] [PACKETS_PER_STATION]      (defaults: 1000 600)
#   SERVE_ARGS="--rules FILE" benchmarks/load.sh …               (extra options for the server, e.g. other alert rules)
#
# Prints: server memory with every station connected and trickling data, then the load run's figures
# (acknowledged readings per second, acknowledgement latency) and the server's peak memory.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stations=${1:-1000}
packets=${2:-600}
port=${PORT:-19212}

dotnet build -c Release "$root/src/Qingshui.Cli" -nologo -v quiet > /dev/null
qingshui=(dotnet "$root/artifacts/bin/Qingshui.Cli/release/qingshui.dll")
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2> /dev/null; wait 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }

"${qingshui[@]}" simulate basin --stations "$stations" --out "$work/load.basin.json"
"${qingshui[@]}" serve --basin "$work/load.basin.json" --db "$work/load.db" --hj212-port "$port" --no-http --quiet \
    --max-connections-per-address $(( stations + 100 )) ${SERVE_ARGS:-} > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "HJ 212 listening" "$work/serve.log" && break; sleep 0.2; done
echo "server pid $server, $(nproc) cores, $stations stations"
echo "RSS at start: $(rss_mb "$server") MB"

# Phase 1: every station connected, one packet every 4 s (like real loggers, only faster).
"${qingshui[@]}" simulate --basin "$work/load.basin.json" --port "$port" --start "$(( $(date -u +%Y) - 3 ))-01-01T00:00" --packets 5 --rate 0.25 > "$work/connected.txt" &
trickle=$!
sleep 12
echo "RSS with $stations stations connected: $(rss_mb "$server") MB"
wait "$trickle"

# Phase 2: sustained upload as fast as acknowledgements allow (each station waits for its ack: window 1).
peak_file="$work/peak"
echo 0 > "$peak_file"
( while kill -0 "$server" 2> /dev/null; do r=$(rss_mb "$server"); [ "$r" -gt "$(cat "$peak_file")" ] && echo "$r" > "$peak_file"; sleep 0.5; done ) &
sampler=$!
"${qingshui[@]}" simulate --basin "$work/load.basin.json" --port "$port" --start "$(( $(date -u +%Y) - 2 ))-01-01T00:00" --packets "$packets"
kill "$sampler" 2> /dev/null || true
echo "peak RSS under load: $(cat "$peak_file") MB"
echo "database: $(du -sh "$work" | cut -f1) in $work"
