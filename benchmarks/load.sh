#!/usr/bin/env bash
# End-to-end durable ingest over loopback: a real `qingshui serve` (SQLite, fsync on every commit) and
# `qingshui simulate` with N stations, each sending hourly uploads (9 readings) and waiting for the 9014
# acknowledgement, which the server sends only after the commit. The hours start two and three years back, inside the
# server's DataTime window (five years behind its clock).
#
#   benchmarks/load.sh [STATIONS] [PACKETS_PER_STATION] [RUNS]   (defaults: 1000 600 3)
#   SERVE_ARGS="--rules FILE" benchmarks/load.sh …               (extra options for the server, e.g. other alert rules)
#   SERVE_ENV="DOTNET_gcServer=0" benchmarks/load.sh …           (environment of the server only, e.g. GC settings)
#   QINGSHUI_DLL=/path/to/qingshui.dll benchmarks/load.sh …      (run that build instead of building this tree)
#   PERF=1 benchmarks/load.sh …                                  (perf samples the server during each sustained upload and
#                                                                  prints where its CPU went, JIT code named through perf
#                                                                  maps: the figures of a sampled run are not comparable)
#   BASIN=/path/to/basin.json benchmarks/load.sh …               (that basin instead of the one `simulate basin` of the
#                                                                  build makes; builds before 2026-12-01 put every station
#                                                                  on one section, later ones two to a section)
#
# Prints: server memory with every station connected and trickling data (first run), then each run's figures
# (acknowledged readings per second, acknowledgement latency) and the server's peak memory, then min / median / max
# over the runs. Each run has a new server and a new database.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stations=${1:-1000}
packets=${2:-600}
runs=${3:-3}
port=${PORT:-19212}

if [ -z "${QINGSHUI_DLL:-}" ]; then
    dotnet build -c Release "$root/src/Qingshui.Cli" -nologo -v quiet > /dev/null
    QINGSHUI_DLL="$root/artifacts/bin/Qingshui.Cli/release/qingshui.dll"
fi
qingshui=(dotnet "$QINGSHUI_DLL")
work=$(mktemp -d)
server=""
sampler=""
cleanup() { [ -n "$sampler" ] && kill "$sampler" 2> /dev/null; [ -n "$server" ] && kill "$server" 2> /dev/null; wait 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# CPU seconds the process has used (user + system): a figure a loaded machine disturbs less than the rates.
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat"; }

if [ -n "${BASIN:-}" ]; then
    cp "$BASIN" "$work/load.basin.json"
else
    "${qingshui[@]}" simulate basin --stations "$stations" --out "$work/load.basin.json"
fi
sections=$(grep -c '"targetClass"' "$work/load.basin.json" || true)
echo "$(nproc) cores, $stations stations on $sections sections, $packets packets each, $runs runs; build $QINGSHUI_DLL; server env: ${SERVE_ENV:-(none)}"

start_server() {
    rm -f "$work"/load.db*
    env ${SERVE_ENV:-} ${PERF:+DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0} "${qingshui[@]}" serve --basin "$work/load.basin.json" --db "$work/load.db" --hj212-port "$port" --no-http --quiet \
        --max-connections-per-address $(( stations + 100 )) ${SERVE_ARGS:-} > "$work/serve.log" 2>&1 &
    server=$!
    for _ in $(seq 100); do grep -q "HJ 212 listening" "$work/serve.log" && break; sleep 0.2; done
}

stop_server() { kill "$server" 2> /dev/null || true; wait "$server" 2> /dev/null || true; server=""; }

for run in $(seq "$runs"); do
    start_server
    echo "--- run $run of $runs: server pid $server, load average before: $(load)"
    if [ "$run" = 1 ]; then
        # Phase 1: every station connected, one packet every 4 s (like real loggers, only faster).
        echo "RSS at start: $(rss_mb "$server") MB"
        "${qingshui[@]}" simulate --basin "$work/load.basin.json" --port "$port" --start "$(( $(date -u +%Y) - 3 ))-01-01T00:00" --packets 5 --rate 0.25 > "$work/connected.txt" &
        trickle=$!
        sleep 12
        echo "RSS with $stations stations connected: $(rss_mb "$server") MB"
        wait "$trickle"
    fi

    # Phase 2: sustained upload as fast as acknowledgements allow (each station waits for its ack: window 1).
    peak_file="$work/peak"
    echo 0 > "$peak_file"
    ( while kill -0 "$server" 2> /dev/null; do r=$(rss_mb "$server"); [ "$r" -gt "$(cat "$peak_file")" ] && echo "$r" > "$peak_file"; sleep 0.5; done ) &
    sampler=$!
    cpu_before=$(cpu_s "$server")
    if [ -n "${PERF:-}" ]; then
        perf record -F 999 -p "$server" -o "$work/perf.data" > /dev/null 2>&1 &
        perf_pid=$!
    fi
    "${qingshui[@]}" simulate --basin "$work/load.basin.json" --port "$port" --start "$(( $(date -u +%Y) - 2 ))-01-01T00:00" --packets "$packets" \
        | tee "$work/run$run.txt"
    cpu_after=$(cpu_s "$server")
    if [ -n "${PERF:-}" ]; then
        kill -INT "$perf_pid"; wait "$perf_pid" 2> /dev/null || true
        perf report -i "$work/perf.data" --stdio --sort dso 2> /dev/null | grep -E '^ +[0-9.]+%' | head -8 | sed 's/^/    perf by library: /' || true
        perf report -i "$work/perf.data" --stdio --sort symbol 2> /dev/null | grep -E '^ +[0-9.]+%' | head -50 | cut -c1-190 | sed 's/^/    perf: /' || true
        rm -f "$work/perf.data" "/tmp/perf-$server.map"
    fi
    kill "$sampler" 2> /dev/null || true
    wait "$sampler" 2> /dev/null || true
    sampler=""
    awk -v b="$cpu_before" -v a="$cpu_after" '/^readings acknowledged:/ { n = $3 } END { if (n > 0) printf "server CPU under load: %.1f s, %.1f µs per acknowledged reading\n", a - b, (a - b) * 1e6 / n }' "$work/run$run.txt" \
        | tee -a "$work/run$run.txt"
    echo "peak RSS under load: $(cat "$peak_file") MB; load average after: $(load)"
    stop_server
done

# min / median / max over the runs (median: the middle run by that figure).
summary() {
    sort -g | awk -v name="$1" '{ v[NR] = $1 } END { printf "%-34s min %10s   median %10s   max %10s\n", name, v[1], v[int((NR + 1) / 2)], v[NR] }'
}
echo "=== $runs runs, $stations stations, $packets packets each"
cat "$work"/run*.txt | awk '/^throughput:/ { print $2 }' | summary "acknowledged readings/s"
cat "$work"/run*.txt | awk -F'[:/]' '/^ack latency p50/ { gsub(/ms| /, "", $4); print $4 }' | summary "ack latency p99 (ms)"
cat "$work"/run*.txt | awk -F'[:/]' '/^ack latency p50/ { gsub(/ms| /, "", $3); print $3 }' | summary "ack latency p50 (ms)"
cat "$work"/run*.txt | awk '/^server CPU under load:/ { print $(NF - 4) }' | summary "server CPU per reading (µs)"
echo "load average at the end: $(load)"
