#!/usr/bin/env bash
# Durable ingest on PostgreSQL from many stations, one server node and then two on one database, over real TCP.
#
# A throwaway cluster of Debian's PostgreSQL (fsync on, synchronous_commit on: a 9014 follows a flushed commit) on
# 127.0.0.1; real `qingshui serve --db "Host=…"` nodes; `qingshui simulate` with STATIONS stations sending hourly uploads
# (9 readings) with window 1, split evenly over the nodes (--ports). As a baseline in the same run, one node on a SQLite
# file (synchronous=FULL). Each configuration runs RUNS times on a fresh database, after a short warm-up (every station
# connects and sends two packets: its series and the JIT are made outside the measurement). `simulate basin` puts
# two stations on each section, as at a boundary section measured by both sides.
#
#   benchmarks/pg-nodes-load.sh [STATIONS] [PACKETS_PER_STATION] [RUNS]      (defaults: 1000 200 3)
#   CONFIGS="pg1 pg2" benchmarks/pg-nodes-load.sh …     (which configurations: sqlite pg1 pg2; default all three)
#   PG_OPTS="-c shared_buffers=512MB" …                  (extra PostgreSQL settings; durability stays on)
#   PORT_BASE=18200                                      (PostgreSQL on PORT_BASE, nodes on PORT_BASE+1, +2)
#   BASELINE=/path/to/qingshui.dll CONFIGS="old-pg1 pg1" …   (old-pg1, old-pg2: the nodes run that build, e.g. of an
#                                                         earlier commit, against this one in the same run)
#   PG_STATEMENTS=1 …                                    (after each PostgreSQL run, the statements that took the most
#                                                         of the server's time, from pg_stat_statements)
#   PERF=1 …                                             (perf samples the nodes during the measured part, JIT code
#                                                         named through perf maps with W^X off, and prints
#                                                         where their CPU went: the functions with the most samples)
#
# Prints per run: acknowledged readings/s, ack latency p50/p99, CPU seconds used by the nodes, PostgreSQL and the
# simulator during the measured part, the load average; then min/median/max over the runs of each configuration.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
stations=${1:-1000}
packets=${2:-200}
runs=${3:-3}
configs=${CONFIGS:-sqlite pg1 pg2}
base=${PORT_BASE:-18200}
pgport=$base
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
ticks=$(getconf CLK_TCK)

dotnet build -c Release "$root/src/Qingshui.Cli" -nologo -v quiet > /dev/null
qingshui=(dotnet "$root/artifacts/bin/Qingshui.Cli/release/qingshui.dll")
work=$(mktemp -d)
chmod 755 "$work"
as_postgres=()
if [ "$(id -u)" = 0 ]; then as_postgres=(runuser -u postgres --); fi
mkdir -p "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$work/pg"
nodes=()
stop_nodes() { for p in "${nodes[@]}"; do kill "$p" 2> /dev/null || true; done; for p in "${nodes[@]}"; do wait "$p" 2> /dev/null || true; done; nodes=(); }
cleanup() { stop_nodes; "${as_postgres[@]}" "$pgbin/pg_ctl" -D "$work/pg/data" -m immediate -w stop > /dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

"${as_postgres[@]}" "$pgbin/initdb" -D "$work/pg/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 > /dev/null
"${as_postgres[@]}" "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $pgport -k $work/pg -c fsync=on -c synchronous_commit=on ${PG_STATEMENTS:+-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all} ${PG_OPTS:-}" start > /dev/null
psql=("${as_postgres[@]}" "$pgbin/psql" -h 127.0.0.1 -p "$pgport" -U postgres -qAt)
postmaster=$(head -1 "$work/pg/data/postmaster.pid")

"${qingshui[@]}" simulate basin --stations "$stations" --out "$work/basin.json"
year=$(date -u +%Y)

# CPU seconds (user + system) of a process and its children that are alive now.
cpu_of() { local total=0 p; for p in "$@"; do [ -r "/proc/$p/stat" ] && total=$(( total + $(awk '{ print $14 + $15 }' "/proc/$p/stat") )); done; echo "$total"; }
tree_of() { local p=$1; echo "$p"; for c in $(pgrep -P "$p" || true); do tree_of "$c"; done; }
seconds() { awk -v t="$1" -v k="$ticks" 'BEGIN { printf "%.1f", t / k }'; }

start_node() { # name port db files
    local serve=("${qingshui[@]}")
    case $config in old-*) serve=(dotnet "$BASELINE") ;; esac
    ${PERF:+env DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0} "${serve[@]}" serve --basin "$work/basin.json" --db "$3" ${4:+--files "$4"} --node-name "$1" --hj212-port "$2" --no-http --quiet \
        --max-connections-per-address $(( stations + 100 )) > "$work/$1.log" 2>&1 &
    nodes+=($!)
    for _ in $(seq 900); do grep -q "HJ 212 listening" "$work/$1.log" && return 0; kill -0 "${nodes[-1]}" 2> /dev/null || break; sleep 0.2; done
    echo "node $1 did not start:" >&2; cat "$work/$1.log" >&2; exit 1
}

declare -A results
echo "$(date -u '+%F %H:%M') UTC, $(nproc) cores, $stations stations, $packets packets each ($(( stations * packets * 9 )) readings a run), $runs runs"
echo "PostgreSQL $("${psql[@]}" -c 'SHOW server_version'), fsync=$("${psql[@]}" -c 'SHOW fsync'), synchronous_commit=$("${psql[@]}" -c 'SHOW synchronous_commit')"
for run in $(seq "$runs"); do
    for config in $configs; do
        ports=()
        case $config in
            sqlite) mkdir -p "$work/sqlite-$run"; start_node node-a $(( base + 1 )) "$work/sqlite-$run/load.db"; ports=($(( base + 1 ))) ;;
            pg1|pg2|old-pg1|old-pg2)
                "${psql[@]}" -c "CREATE DATABASE run_${config//-/_}_$run"
                db="Host=127.0.0.1;Port=$pgport;Username=postgres;Database=run_${config//-/_}_$run"
                mkdir -p "$work/files-$config-$run"
                start_node node-a $(( base + 1 )) "$db" "$work/files-$config-$run"; ports=($(( base + 1 )))
                if [ "${config#old-}" = pg2 ]; then start_node node-b $(( base + 2 )) "$db" "$work/files-$config-$run"; ports+=($(( base + 2 ))); fi ;;
            *) echo "unknown configuration $config (sqlite, pg1, pg2, old-pg1, old-pg2)" >&2; exit 2 ;;
        esac

        "${qingshui[@]}" simulate --basin "$work/basin.json" --ports "${ports[@]}" --start "$(( year - 3 ))-01-01T00:00" --packets 2 > /dev/null || true
        if [ -n "${PG_STATEMENTS:-}" ] && [ "$config" != sqlite ]; then
            "${psql[@]}" -d "run_${config//-/_}_$run" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" > /dev/null
        fi
        node_cpu=$(cpu_of "${nodes[@]}")
        pg_cpu=$(cpu_of $(tree_of "$postmaster"))
        load_before=$(cut -d' ' -f1 /proc/loadavg)
        if [ -n "${PERF:-}" ]; then
            perf record -F 999 -p "$(IFS=,; echo "${nodes[*]}")" -o "$work/perf.data" > /dev/null 2>&1 &
            perf_pid=$!
        fi
        /usr/bin/time -f "%U %S" -o "$work/sim.time" "${qingshui[@]}" simulate --basin "$work/basin.json" --ports "${ports[@]}" \
            --start "$(( year - 2 ))-01-01T00:00" --packets "$packets" > "$work/sim.out" || true
        node_cpu=$(( $(cpu_of "${nodes[@]}") - node_cpu ))
        pg_cpu=$(( $(cpu_of $(tree_of "$postmaster")) - pg_cpu ))
        sim_cpu=$(awk '{ printf "%.1f", $1 + $2 }' "$work/sim.time")
        rate=$(awk '/^throughput:/ { print $2 }' "$work/sim.out")
        p50=$(awk '/^ack latency/ { print $6 }' "$work/sim.out")
        p99=$(awk '/^ack latency/ { print $8 }' "$work/sim.out")
        failed=$(awk '/^failed/ { print $NF }' "$work/sim.out")
        retrans=$(awk '/^retransmissions/ { print $NF }' "$work/sim.out")
        elapsed=$(awk '/^elapsed/ { print $2 }' "$work/sim.out")
        printf '%-6s run %d: %7s readings/s in %6s s, ack p50 %6s ms, p99 %7s ms, retransmitted %s, failed %s; CPU s: nodes %s, PostgreSQL %s, simulator %s; load %s → %s\n' \
            "$config" "$run" "$rate" "$elapsed" "$p50" "$p99" "$retrans" "$failed" "$(seconds "$node_cpu")" "$(seconds "$pg_cpu")" "$sim_cpu" \
            "$load_before" "$(cut -d' ' -f1 /proc/loadavg)"
        results[$config]="${results[$config]:-} $rate:$p50:$p99"
        if [ -n "${PERF:-}" ]; then
            kill -INT "$perf_pid"; wait "$perf_pid" 2> /dev/null || true
            perf report -i "$work/perf.data" --stdio --sort dso 2> /dev/null | grep -E '^ +[0-9.]+%' | head -8 | sed 's/^/    perf by library: /'
            perf report -i "$work/perf.data" --stdio --sort symbol 2> /dev/null | grep -E '^ +[0-9.]+%' | head -40 | cut -c1-190 | sed 's/^/    perf: /'
            rm -f "$work/perf.data"; for p in "${nodes[@]}"; do rm -f "/tmp/perf-$p.map"; done
        fi
        if [ -n "${PG_STATEMENTS:-}" ] && [ "$config" != sqlite ]; then
            "${psql[@]}" -d "run_${config//-/_}_$run" -F ' | ' -c "SELECT round(total_exec_time)::bigint AS ms, calls, rows,
                round((total_exec_time / greatest(calls, 1))::numeric, 2) AS ms_per_call, left(regexp_replace(query, '\s+', ' ', 'g'), 110)
                FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                ORDER BY total_exec_time DESC LIMIT 12" | sed 's/^/    /'
            "${psql[@]}" -d "run_${config//-/_}_$run" -F ' | ' -c "SELECT relname, n_tup_ins AS inserted, n_tup_upd AS updated, n_tup_hot_upd AS hot_updated,
                pg_size_pretty(pg_total_relation_size(relid)) FROM pg_stat_user_tables
                WHERE relname IN ('reading_day_counts', 'raw_packets', 'station_log') OR relname LIKE 'readings_2%' AND n_tup_ins > 0 ORDER BY relname" | sed 's/^/    table: /'
        fi
        stop_nodes
        case $config in sqlite) rm -rf "$work/sqlite-$run" ;; *) "${psql[@]}" -c "DROP DATABASE run_${config//-/_}_$run" ;; esac
    done
done

# min / median / max of one field (1 readings/s, 2 p50, 3 p99) over a configuration's runs.
spread() { tr ' ' '\n' <<< "$1" | awk -F: -v f="$2" 'NF { print $f }' | sort -g | awk '{ v[NR] = $1 } END { printf "%s / %s / %s", v[1], v[int((NR + 1) / 2)], v[NR] }'; }
echo "min / median / max over $runs runs:"
for config in $configs; do
    case $config in
        sqlite) what="one node, SQLite (baseline)" ;; pg1) what="one node, PostgreSQL" ;; pg2) what="two nodes, PostgreSQL" ;;
        old-pg1) what="one node, PostgreSQL, $BASELINE" ;; old-pg2) what="two nodes, PostgreSQL, $BASELINE" ;;
    esac
    echo "  $what: $(spread "${results[$config]}" 1) readings/s; ack p50 $(spread "${results[$config]}" 2) ms; p99 $(spread "${results[$config]}" 3) ms"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
