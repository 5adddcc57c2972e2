#!/usr/bin/env bash
# Durable ingest into PostgreSQL beside SQLite, in one run: batches of 100 hourly packets × 9 readings from 1,000
# stations, rounds interleaved between the backends; then, on PostgreSQL, the readings step written as the store writes it
# (multi-row upsert from unnest) and as binary COPY into a staging table plus upsert. PostgreSQL is a throwaway cluster
# of Debian's package with its default durability (fsync on, synchronous_commit on), on a Unix socket only (no TCP port).
#
#   benchmarks/pg-ingest.sh [ROUNDS] [BATCHES_PER_ROUND]      (defaults: 6 50)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-6}
batches=${2:-50}
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

dotnet build -c Release "$root/benchmarks/Qingshui.Benchmarks" -nologo -v quiet > /dev/null
work=$(mktemp -d)
as_postgres=()
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$work"; as_postgres=(runuser -u postgres --); fi
cleanup() { "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$work/data" -m immediate -w stop > /dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
"${as_postgres[@]}" "$pgbin/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > /dev/null
"${as_postgres[@]}" "$pgbin/pg_ctl" -D "$work/data" -l "$work/log" -w -t 60 -o "-c listen_addresses='' -k $work" start > /dev/null
"${as_postgres[@]}" "$pgbin/psql" -h "$work" -U postgres -qc "CREATE DATABASE bench"
mkdir -p "$work/sqlite"
echo "$(date -u '+%F %H:%M') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$root/artifacts/bin/Qingshui.Benchmarks/release/Qingshui.Benchmarks.dll" pg-ingest \
  "$work/sqlite/bench.db" "Host=$work;Username=postgres;Database=bench" "$rounds" "$batches"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
