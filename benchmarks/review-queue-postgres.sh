#!/usr/bin/env bash
# The review queue's store calls on SQLite and on PostgreSQL, side by side: March 2024 hour by hour for N synthetic
# stations, P parameters each (as benchmarks/review-queue.sh writes it), written into each backend through its own write
# path; then a month's queue (every station's day counts and the months' states), one station's day counts, and one
# decision, timed in the same process. PostgreSQL is a throwaway cluster (Debian's package, fsync on as in production)
# listening on a Unix socket only, so no TCP port is taken; it is stopped and removed afterwards.
#
#   benchmarks/review-queue-postgres.sh [STATIONS] [PARAMETERS] [REPEATS]      (defaults: 1000 5 10)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stations=${1:-1000}
parameters=${2:-5}
repeats=${3:-10}

dotnet build -c Release "$root/benchmarks/Qingshui.Benchmarks" -nologo -v quiet > /dev/null
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres:postgres "$work"
cleanup() { as_postgres "$pgbin/pg_ctl" -D "$work/data" -m fast -w stop > /dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

as_postgres "$pgbin/initdb" -D "$work/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > /dev/null
as_postgres "$pgbin/pg_ctl" -D "$work/data" -l "$work/log" -w -t 60 -o "-c listen_addresses='' -k $work" start > /dev/null
as_postgres "$pgbin/createdb" -h "$work" -U postgres review

mkdir -p "$work/sqlite"
dotnet "$root/artifacts/bin/Qingshui.Benchmarks/release/Qingshui.Benchmarks.dll" review-queue-stores "$stations" "$parameters" "$repeats" \
  "$work/sqlite/review.db" "Host=$work;Username=postgres;Database=review"
echo "sqlite file $(du -sh "$work/sqlite/review.db" | cut -f1), postgresql database" \
  "$(as_postgres "$pgbin/psql" -h "$work" -U postgres -d review -Atc "SELECT pg_size_pretty(pg_database_size('review'))")"
echo "PostgreSQL $("$pgbin/postgres" --version | awk '{ print $3 }'); $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
