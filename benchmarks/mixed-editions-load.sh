#!/usr/bin/env bash
# A mixed HJ 212 network under load on one `qingshui serve` (SQLite, fsync on every commit): N synthetic stations, one
# in three each of HJ/T 212-2005 (14-character MNs), HJ 212-2017 and HJ 212-2025. The 2025 stations' SM4 keys are set
# through the API (PUT /api/v1/stations/{mn}/data-key, with a token of the basin's jurisdiction), and `qingshui
# simulate --edition 2025 --sm4-key` encrypts every upload of theirs; two simulate processes (2005 and 2017 in their own
# editions, 2025 encrypted) upload at once, each station waiting for its acknowledgements.
#
#   benchmarks/mixed-editions-load.sh [STATIONS] [PACKETS_PER_STATION]   (defaults: 300 200)
#   QINGSHUI_DLL=/path/to/qingshui.dll benchmarks/mixed-editions-load.sh …   (run that build instead of building this tree)
#
# Prints each simulate's summary, the server's CPU, the store's totals and the packets by verdict and edition;
# exits 1 when a packet failed or the readings stored are not the readings acknowledged.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stations=${1:-300}
packets=${2:-200}
port=${PORT:-19312}
http=${HTTP_PORT:-19380}
key=2B7E151628AED2A6ABF7158809CF4F3C

if [ -z "${QINGSHUI_DLL:-}" ]; then
    dotnet build -c Release "$root/src/Qingshui.Cli" -nologo -v quiet > /dev/null
    QINGSHUI_DLL="$root/artifacts/bin/Qingshui.Cli/release/qingshui.dll"
fi
qingshui=(dotnet "$QINGSHUI_DLL")
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2> /dev/null; wait 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT
load() { cut -d' ' -f1-3 /proc/loadavg; }
cpu_s() { awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f", ($12 + $13) / hz }' "/proc/$1/stat"; }

"${qingshui[@]}" simulate basin --stations "$stations" --out "$work/all.json"
python3 - "$work" << 'EOF'
import json, sys
work = sys.argv[1]
basin = json.load(open(f"{work}/all.json"))
for i, s in enumerate(basin["stations"]):
    if i % 3 == 0:
        s["edition"], s["mn"] = "HJ212-2005", "FF%012d" % i
    elif i % 3 == 2:
        s["edition"] = "HJ212-2025"
json.dump(basin, open(f"{work}/mixed.json", "w"))
for name, keep in (("older", lambda s: s["edition"] != "HJ212-2025"), ("2025", lambda s: s["edition"] == "HJ212-2025")):
    json.dump(dict(basin, stations=[s for s in basin["stations"] if keep(s)]), open(f"{work}/{name}.json", "w"))
open(f"{work}/keyed.txt", "w").write("\n".join(s["mn"] for s in basin["stations"] if s["edition"] == "HJ212-2025") + "\n")
EOF

"${qingshui[@]}" orgs seed --db "$work/load.db" --basin "$work/mixed.json" > /dev/null
token=$("${qingshui[@]}" tokens issue --db "$work/load.db" --organisation load --role operator --name mixed-load 2> /dev/null | awk '/^token: / { print $2 }')
"${qingshui[@]}" serve --basin "$work/mixed.json" --db "$work/load.db" --hj212-port "$port" --http-port "$http" --quiet \
    --max-connections-per-address $(( stations + 100 )) > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 150); do grep -q "HJ 212 listening" "$work/serve.log" && break; sleep 0.2; done
api="http://127.0.0.1:$http/api/v1"
while read -r mn; do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        -d "{\"key\":\"$key\"}" "$api/stations/$mn/data-key")
    [ "$code" = 200 ] || { echo "setting the key of $mn: HTTP $code" >&2; exit 1; }
done < "$work/keyed.txt"
echo "$(nproc) cores, $stations stations (2005/2017/2025 a third each, 2025 encrypted), $packets packets each; load average before: $(load)"

start="$(( $(date -u +%Y) - 2 ))-01-01T00:00"
cpu_before=$(cpu_s "$server")
"${qingshui[@]}" simulate --basin "$work/older.json" --port "$port" --start "$start" --packets "$packets" > "$work/older.txt" &
older=$!
"${qingshui[@]}" simulate --basin "$work/2025.json" --port "$port" --start "$start" --packets "$packets" --edition 2025 --sm4-key "$key" > "$work/2025.txt" &
newer=$!
status=0
wait "$older" || status=1
wait "$newer" || status=1
cpu_after=$(cpu_s "$server")
for part in older 2025; do
    echo "--- simulate ($part)"
    grep -E '^(packets (sent|acknowledged)|readings acknowledged|failed|throughput|ack latency)' "$work/$part.txt" || cat "$work/$part.txt"
done
echo "server CPU: $(awk -v b="$cpu_before" -v a="$cpu_after" 'BEGIN { printf "%.1f", a - b }') s; load average after: $(load)"
health=$(curl -s "$api/health" -H "Authorization: Bearer $token")
echo "store: $health"
acknowledged=$(cat "$work/older.txt" "$work/2025.txt" | awk '/^readings acknowledged:/ { n += $3 } END { print n + 0 }')
stored=$(echo "$health" | python3 -c 'import json, sys; print(json.load(sys.stdin)["readings"])')
kill "$server" 2> /dev/null || true
wait "$server" 2> /dev/null || true
server=""
python3 - "$work/load.db" "$work/keyed.txt" << 'EOF'
import sqlite3, sys
keyed = set(open(sys.argv[2]).read().split())
rows = sqlite3.connect(sys.argv[1]).execute("SELECT station, accepted, rejected, quarantined, other FROM station_log").fetchall()
totals = {}
for station, *counts in rows:
    edition = "2025" if station in keyed else "2005" if len(station) == 14 else "2017" if station else "no station"
    totals[edition] = [a + b for a, b in zip(totals.get(edition, [0, 0, 0, 0]), counts)]
for edition, (accepted, rejected, quarantined, other) in sorted(totals.items()):
    print(f"packets {edition}: accepted {accepted}, rejected {rejected}, quarantined {quarantined}, other {other}")
EOF
echo "readings acknowledged $acknowledged, stored $stored"
[ "$acknowledged" = "$stored" ] && [ "$status" = 0 ] || { echo "MISMATCH or failed simulate" >&2; exit 1; }
