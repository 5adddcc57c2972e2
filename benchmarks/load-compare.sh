#!/usr/bin/env bash
# benchmarks/load.sh for two builds in interleaved rounds, so a shared machine's load falls on both alike.
#
#   benchmarks/load-compare.sh [BASE_REF] [ROUNDS] [STATIONS] [PACKETS_PER_STATION]   (defaults: bcef52d 3 1000 300)
#   BASE_DLL=/path/to/qingshui.dll benchmarks/load-compare.sh …    (an already built baseline instead of BASE_REF)
#   BASE_ENV=… THIS_ENV=… benchmarks/load-compare.sh …              (server environment of each side, e.g. GC settings)
#   BASIN=/path/to/basin.json benchmarks/load-compare.sh …          (that basin for both sides)
#
# BASE_REF is exported with `git archive` and built in Release (without the dashboard: the runs use no HTTP); this tree
# is built as benchmarks/load.sh builds it. Each round runs the baseline, then this tree, each on a new server and
# database, and the script ends with min / median / max of each side over the rounds. Both sides load the same basin
# (this tree's `simulate basin` unless BASIN is given): the basin a build makes itself changed shape on 2026-12-01 (every
# station on one section before, two to a section since), and joint monitoring compares the stations of a section.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
base_ref=${1:-bcef52d}
rounds=${2:-3}
stations=${3:-1000}
packets=${4:-300}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ -z "${BASE_DLL:-}" ]; then
    mkdir "$work/base"
    git -C "$root" archive "$base_ref" | tar -x -C "$work/base"
    dotnet build -c Release "$work/base/src/Qingshui.Cli" -nologo -v quiet -p:SkipDashboard=true > /dev/null
    BASE_DLL="$work/base/artifacts/bin/Qingshui.Cli/release/qingshui.dll"
fi

dotnet build -c Release "$root/src/Qingshui.Cli" -nologo -v quiet > /dev/null
this_dll="$root/artifacts/bin/Qingshui.Cli/release/qingshui.dll"
if [ -z "${BASIN:-}" ]; then
    BASIN="$work/load.basin.json"
    dotnet "$this_dll" simulate basin --stations "$stations" --out "$BASIN"
fi
export BASIN

changes=""
git -C "$root" diff --quiet HEAD || changes=" with uncommitted changes"
echo "$(date -u '+%F %H:%M') UTC, $(nproc) cores; baseline $base_ref (${BASE_DLL}), this tree $(git -C "$root" rev-parse --short HEAD)$changes"
echo "basin: $(grep -c '"mn"' "$BASIN") stations on $(grep -c '"targetClass"' "$BASIN") sections; load average now $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
    for side in base this; do
        dll=$BASE_DLL; env=${BASE_ENV:-}
        [ "$side" = this ] && { dll=$this_dll; env=${THIS_ENV:-}; }
        QINGSHUI_DLL=$dll SERVE_ENV=$env "$root/benchmarks/load.sh" "$stations" "$packets" 1 > "$work/$side-$round.txt" 2>&1
        echo "round $round, $side: $(awk '/^throughput:/ { print $2 " readings/s" } /^ack latency p50 \// { sub(/^ack latency /, ""); print } /^server CPU under/ { print "server CPU " $(NF - 4) " µs/reading" }' "$work/$side-$round.txt" | paste -sd';')" \
            "; load average before $(awk -F'before: ' '/load average before/ { print $2 }' "$work/$side-$round.txt")"
    done
done

summary() {
    sort -g | awk -v name="$1" '{ v[NR] = $1 } END { printf "%-40s min %10s   median %10s   max %10s\n", name, v[1], v[int((NR + 1) / 2)], v[NR] }'
}
for side in base this; do
    cat "$work"/$side-*.txt | awk '/^throughput:/ { print $2 }' | summary "$side: acknowledged readings/s"
    cat "$work"/$side-*.txt | awk -F'[:/]' '/^ack latency p50/ { gsub(/ms| /, "", $4); print $4 }' | summary "$side: ack latency p99 (ms)"
    cat "$work"/$side-*.txt | awk '/^server CPU under load:/ { print $(NF - 4) }' | summary "$side: server CPU per reading (µs)"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
