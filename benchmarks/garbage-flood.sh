#!/usr/bin/env bash
# A garbage flood against a real `qingshui serve` on loopback: connections from ADDRESSES source addresses (127.0.2.x)
# send bytes the server must reject or quarantine (line noise, frames with a bad CRC, frames from a new invented MN
# each time, frames with a wrong password) until SECONDS have passed or MEGABYTES are sent.
#
#   benchmarks/garbage-flood.sh [SECONDS] [MEGABYTES] [ADDRESSES] [-- extra serve options]      (defaults: 30 200 8)
#   e.g. benchmarks/garbage-flood.sh 30 200 8 -- --reject-quota-connection 100000 --reject-quota-address 100000 --reject-quota-total 100000
#        keeps every reject, as the server did before it had quotas.
#
# Prints: bytes sent, the database's growth, what was kept and what was counted as dropped, and the log's size.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-30}
megabytes=${2:-200}
addresses=${3:-8}
shift $(( $# > 3 ? 3 : $# )); [ "${1:-}" = "--" ] && shift
port=${PORT:-28213}

dotnet build -c Release "$root/src/Qingshui.Cli" -nologo -v quiet > /dev/null
dotnet build -c Release "$root/benchmarks/Qingshui.FloodLoad" -nologo -v quiet > /dev/null
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2> /dev/null; wait 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT
db_bytes() { cat "$work"/flood.db* 2> /dev/null | wc -c; }

# Logging at the default level (not --quiet), so the log's growth shows the rate limit at work.
dotnet "$root/artifacts/bin/Qingshui.Cli/release/qingshui.dll" serve --db "$work/flood.db" --hj212-port "$port" --no-http "$@" \
    > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do grep -q "HJ 212 listening" "$work/serve.log" && break; sleep 0.2; done
before=$(db_bytes)
echo "$(date -u +%FT%TZ), $(nproc) cores; serve options: ${*:-(defaults)}; database at start: $before bytes"
dotnet "$root/artifacts/bin/Qingshui.FloodLoad/release/Qingshui.FloodLoad.dll" garbage "$port" "$server" "$seconds" "$megabytes" "$addresses"

# Stop the server the ordinary way, so its last drop counts are written; then fold the WAL into the file.
kill -TERM "$server"; wait "$server" 2> /dev/null || true; server=""
with_wal=$(db_bytes)
sqlite3 "$work/flood.db" "PRAGMA wal_checkpoint(TRUNCATE);" > /dev/null
after=$(db_bytes)
echo "database growth: $(( (with_wal - before) / 1024 )) KiB with its WAL, $(( (after - before) / 1024 )) KiB after a checkpoint"
sqlite3 -separator ' ' "$work/flood.db" \
    "SELECT 'kept: ' || COUNT(*) || ' rejected/quarantined packets, ' || (COALESCE(SUM(length(bytes)), 0) / 1024) || ' KiB of their bytes' FROM rejected_packets;
     SELECT 'dropped (' || scope || '): ' || packets || ' packets, ' || (bytes / 1024) || ' KiB' FROM ingest_drops ORDER BY scope;
     SELECT 'station rows: ' || COUNT(*) || ' (' || group_concat(quote(station)) || ')' FROM station_log;"
echo "log: $(wc -l < "$work/serve.log") lines, $(( $(wc -c < "$work/serve.log") / 1024 )) KiB"
