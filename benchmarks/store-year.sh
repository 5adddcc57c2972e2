#!/usr/bin/env bash
# A year of four-hourly values of N sections × 9 parameters (the national network is 3,641 sections, ≈ 72 M readings):
# classified in memory (the baseline), then bulk-loaded into SQLite and PostgreSQL (readings/s) and read back from each
# by a scan and classified (seconds, two rounds), the classes checked equal to the in-memory pipeline's. SQLite with
# synchronous=FULL; PostgreSQL a throwaway cluster of Debian's package, durable (fsync, synchronous_commit and
# full_page_writes on), with more shared buffers and WAL between checkpoints than the defaults, on a Unix socket only.
#
#   benchmarks/store-year.sh [SECTIONS] [BACKENDS] [KEEP]   (defaults: 364 sqlite,postgres; the whole network: 3641)
#
# With KEEP (a folder), the stores and the cluster stay there after the run, and a later run with the same KEEP and
# SECTIONS reads them again without loading them (to re-measure the read at full size). rm -rf KEEP when done.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
sections=${1:-364}
backends=${2:-sqlite,postgres}
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

keep=${3:-}

dotnet build -c Release "$root/benchmarks/Qingshui.Benchmarks" -nologo -v quiet > /dev/null
if [ -n "$keep" ]; then mkdir -p "$keep"; work=$(cd "$keep" && pwd); else work=$(mktemp -d); fi
as_postgres=()
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$work"; as_postgres=(runuser -u postgres --); fi
cleanup() {
  "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$work/data" -m fast -w stop > /dev/null 2>&1 || true
  [ -n "$keep" ] || rm -rf "$work"
}
trap cleanup EXIT
mkdir -p "$work/sqlite"
# Run a copy of the build, so that building again while a long run goes on does not change the files under it.
rm -rf "$work/bin" && cp -r "$root/artifacts/bin/Qingshui.Benchmarks/release" "$work/bin"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$work" || true
pg="none"
if [[ $backends == *postgres* ]]; then
  fresh=0
  [ -d "$work/data" ] || { fresh=1; "${as_postgres[@]}" "$pgbin/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > /dev/null; }
  "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$work/data" -l "$work/log" -w -t 600 \
    -o "-c listen_addresses='' -k $work -c shared_buffers=512MB -c max_wal_size=8GB -c checkpoint_timeout=30min" start > /dev/null
  [ "$fresh" = 0 ] || "${as_postgres[@]}" "$pgbin/psql" -h "$work" -U postgres -qc "CREATE DATABASE bench"
  pg="Host=$work;Username=postgres;Database=bench"
  export QINGSHUI_BENCH_POSTMASTER=$(head -1 "$work/data/postmaster.pid")
fi
echo "$(date -u '+%F %H:%M') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$work/bin/Qingshui.Benchmarks.dll" store-year "$work/sqlite/year.db" "$pg" "$sections" "$backends" ${keep:+"$work"}
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg); disk: $(du -sh "$work/sqlite" | cut -f1) SQLite$([ -d "$work/data" ] && echo ", $(du -sh "$work/data" | cut -f1) PostgreSQL")"
