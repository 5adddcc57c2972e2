#!/usr/bin/env bash
# `qingshui hj212 check --stream` against the library on the same input: the 2016 field capture (21 hourly files,
# decompressed and joined into one raw stream), checked by the CLI (JSON to /dev/null) and decoded by the library
# (FrameScanner + MessageParser, benchmarks' `decode-stream`), in interleaved rounds. Prints CPU seconds (user+sys)
# per run and the ratio, so a busy shared machine moves both sides alike.
#
#   benchmarks/hj212-check.sh [ROUNDS]      (default 3)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-3}
data=${QINGSHUI_SHARED_DATA:-$root/../shared/data}
capture=$(mktemp --suffix=.h212)
trap 'rm -f "$capture"' EXIT
for f in "$data"/hj212/capture-2016-08-24/*.h212.gz; do gzip -dc "$f"; done > "$capture"

dotnet build -c Release "$root/src/Qingshui.Cli" -v q -nologo > /dev/null
dotnet build -c Release "$root/benchmarks/Qingshui.Benchmarks" -v q -nologo > /dev/null
cli="$root/artifacts/bin/Qingshui.Cli/release/qingshui"
bench="$root/artifacts/bin/Qingshui.Benchmarks/release/Qingshui.Benchmarks"

times=$(mktemp)
trap 'rm -f "$capture" "$times"' EXIT
cpu() { # runs a command (its exit code aside: check exits 1 on invalid packets), prints its user+sys CPU seconds
    /usr/bin/time -f "%U %S" -o "$times" "$@" > /dev/null 2>&1 || true
    tail -1 "$times" | awk '{ printf "%.2f", $1 + $2 }'
}

echo "input: $(stat -c %s "$capture") bytes; $("$bench" decode-stream "$capture")"
echo "cli check summary: $("$cli" hj212 check --stream "$capture" 2>&1 > /dev/null || true)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
for i in $(seq "$rounds"); do
    lib=$(cpu "$bench" decode-stream "$capture")
    check=$(cpu "$cli" hj212 check --stream "$capture")
    echo "round $i: library ${lib} s CPU, hj212 check --stream ${check} s CPU, ratio $(awk -v a="$check" -v b="$lib" 'BEGIN { printf "%.2f", a / b }')"
done
