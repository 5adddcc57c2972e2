#!/usr/bin/env bash
# Peak memory of `qingshui serve` while it streams a CSV export of a year of hourly readings for a basin of N synthetic
# stations, against a baseline in the same run: the server idle (after its first answers) and the export of one month.
# The store (every hour of 2024, P parameters a station) is written straight into SQLite by benchmarks/Qingshui.Benchmarks
# make-export-store. Peak RSS is the kernel's VmHWM, reset before each phase (/proc/PID/clear_refs 5), and the peak of
# RssAnon sampled while the export runs.
#
#   benchmarks/export-memory.sh [STATIONS] [PARAMETERS]      (defaults: 1000 1)
#
# Ports: HTTP_PORT (default 18720) and HJ212_PORT (default 18721). EXPORT_DB=PATH keeps the store there and reuses it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stations=${1:-1000}
parameters=${2:-1}
http_port=${HTTP_PORT:-18720}

dotnet build -c Release "$root/src/Qingshui.Cli" -nologo -v quiet > /dev/null
dotnet build -c Release "$root/benchmarks/Qingshui.Benchmarks" -nologo -v quiet > /dev/null
qingshui=(dotnet "$root/artifacts/bin/Qingshui.Cli/release/qingshui.dll")
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2> /dev/null; wait 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT

db=${EXPORT_DB:-$work/export.db}
mkdir -p "$(dirname "$db")"
basin="$db.basin.json"
if [ ! -f "$db" ]; then
  "${qingshui[@]}" simulate basin --stations "$stations" --out "$basin" > /dev/null
  start=$(date +%s.%N)
  dotnet "$root/artifacts/bin/Qingshui.Benchmarks/release/Qingshui.Benchmarks.dll" make-export-store "$db" "$stations" "$parameters"
  echo "store written in $(echo "$(date +%s.%N) - $start" | bc) s: $(du -sh "$db" | cut -f1)"
fi
"${qingshui[@]}" serve --db "$db" --basin "$basin" --http-port "$http_port" --hj212-port "${HJ212_PORT:-18721}" \
  --public-read all --sync normal --quiet > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 240); do curl -sf "http://127.0.0.1:$http_port/api/v1/health" > /dev/null && break; sleep 0.5; done

# VmHWM counts the pages of the store file the server has mapped (SQLite's mmap) as well as its own memory; RssAnon,
# sampled every 0.2 s, is the server's own memory (heap, stacks) alone.
peak() { awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$server/status"; }
anon() { awk '/RssAnon/ { print $2 }' "/proc/$server/status"; }
reset() { echo 5 > "/proc/$server/clear_refs"; }
base="http://127.0.0.1:$http_port/api/v1/exports/readings?interval=hour"
# Exports [FROM, TO) to /dev/null while sampling; prints: bytes, seconds, peak RssAnon in MiB.
export_to() {
  curl -s -o /dev/null -w "%{size_download} %{time_total}\n" "$base&from=$1&to=$2" > "$work/curl.out" &
  local client=$! max=0 a
  while kill -0 "$client" 2> /dev/null; do a=$(anon); [ "$a" -gt "$max" ] && max=$a; sleep 0.2; done
  wait "$client"
  echo "$(cat "$work/curl.out") $((max / 1024))"
}

curl -s -o /dev/null "http://127.0.0.1:$http_port/api/v1/stations?limit=10"
curl -s -o /dev/null "$base&from=2024-01-01&to=2024-01-02"
sleep 2; reset
echo "idle:           peak RSS $(peak) MiB (VmHWM), own memory $(( $(anon) / 1024 )) MiB (RssAnon)"
reset
read -r bytes seconds own < <(export_to 2024-01-01 2024-02-01)
echo "a month (Jan):  peak RSS $(peak) MiB (VmHWM), own memory peak $own MiB (RssAnon); $(echo "$bytes / 1048576" | bc) MiB of CSV in $seconds s"
reset
read -r bytes seconds own < <(export_to 2024-01-01 2025-01-01)
echo "a year (2024):  peak RSS $(peak) MiB (VmHWM), own memory peak $own MiB (RssAnon); $(echo "$bytes / 1048576" | bc) MiB of CSV in $seconds s"
echo "$stations stations x $parameters parameter(s); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
