#!/usr/bin/env bash
# The review queue of a month for N synthetic stations over HTTP: March 2024, hourly, P parameters a station, written
# straight into SQLite (benchmarks/Qingshui.Benchmarks make-review-store), then `qingshui serve` on it and GET
# /api/v1/review/queue?month=2024-03 with a bearer token, timed with curl: the first request and the median of the next.
#
#   benchmarks/review-queue.sh [STATIONS] [PARAMETERS] [REPEATS]      (defaults: 1000 5 10)
#
# Ports: HTTP_PORT (default 18510) and HJ212_PORT (default 18511). REVIEW_DB=PATH keeps the store there and reuses it when
# it exists (the basin file beside it), to time the queue again without writing the store anew.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stations=${1:-1000}
parameters=${2:-5}
repeats=${3:-10}
http_port=${HTTP_PORT:-18510}

dotnet build -c Release "$root/src/Qingshui.Cli" -nologo -v quiet > /dev/null
dotnet build -c Release "$root/benchmarks/Qingshui.Benchmarks" -nologo -v quiet > /dev/null
qingshui=(dotnet "$root/artifacts/bin/Qingshui.Cli/release/qingshui.dll")
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2> /dev/null; wait 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT

db=${REVIEW_DB:-$work/review.db}
mkdir -p "$(dirname "$db")"
basin="$db.basin.json"
if [ ! -f "$db" ]; then
  "${qingshui[@]}" simulate basin --stations "$stations" --out "$basin" > /dev/null
  start=$(date +%s.%N)
  dotnet "$root/artifacts/bin/Qingshui.Benchmarks/release/Qingshui.Benchmarks.dll" make-review-store "$db" "$stations" "$parameters"
  echo "store written in $(echo "$(date +%s.%N) - $start" | bc) s: $(du -sh "$db" | cut -f1)"
  "${qingshui[@]}" orgs seed --db "$db" --basin "$basin" > /dev/null
fi
token=$("${qingshui[@]}" tokens issue --db "$db" --organisation load --role viewer --name review-queue --expires-days 1 2> /dev/null \
  | awk '$1 == "token:" { print $2 }')
"${qingshui[@]}" serve --db "$db" --basin "$basin" --http-port "$http_port" --hj212-port "${HJ212_PORT:-18511}" \
  --sync normal --quiet > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 240); do curl -sf "http://127.0.0.1:$http_port/api/v1/health" > /dev/null && break; sleep 0.5; done

url="http://127.0.0.1:$http_port/api/v1/review/queue?month=2024-03"
ask() { curl -s -o "$work/answer.json" -w "%{time_total}\n" -H "Authorization: Bearer $token" "$1"; }
# CPU seconds the server spends (user + system), so a figure on a shared machine can be read beside the wall times.
cpu() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$server/stat"; }
before=$(cpu)
echo "first request: $(ask "$url") s ($(head -c 120 "$work/answer.json") …)"
echo "server CPU for the first request: $(echo "$(cpu) - $before" | bc) s (user + system)"
before=$(cpu)
for _ in $(seq "$repeats"); do ask "$url"; done | sort -n | awk '{ t[NR] = $1 } END { printf "page of 50, median of %d: %s s, slowest %s s\n", NR, t[int((NR + 1) / 2)], t[NR] }'
echo "server CPU per request: $(echo "scale=2; ($(cpu) - $before) / $repeats" | bc) s (user + system, over $repeats requests)"
for _ in $(seq "$repeats"); do ask "$url&needs=1&pageSize=200"; done | sort -n \
  | awk '{ t[NR] = $1 } END { printf "needs=1, page of 200, median of %d: %s s, slowest %s s\n", NR, t[int((NR + 1) / 2)], t[NR] }'
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "total station-months needing review: $(grep -o '"total":[0-9]*' "$work/answer.json")"
