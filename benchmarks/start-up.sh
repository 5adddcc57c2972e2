#!/usr/bin/env bash
# How long `qingshui serve` takes from its start to its first API answer, with the HTTP API's request delegates
# generated at build time (the Server project's EnableRequestDelegateGenerator, as shipped) and without (made at run
# time from each endpoint's handler, ASP.NET Core's default), in interleaved rounds on the same machine.
#
#   benchmarks/start-up.sh [ROUNDS]      (default 5)
#
# Both sides are this tree's HEAD exported with `git archive` and built in Release without the dashboard, one of them
# with -p:EnableRequestDelegateGenerator=false. Each round starts each build on a new SQLite file and times, from the
# process's start, the first 200 of GET /api/v1/basins/ (polled with curl, so the figures carry a few ms of polling),
# then stops it. Prints each round and min / median / max of each side.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-5}
port=${HTTP_PORT:-18520}
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2> /dev/null; wait 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT

for side in generated runtime; do
    mkdir "$work/$side"
    git -C "$root" archive HEAD | tar -x -C "$work/$side"
    flag=$([ "$side" = runtime ] && echo "-p:EnableRequestDelegateGenerator=false" || echo "")
    dotnet build -c Release "$work/$side/src/Qingshui.Cli" -nologo -v quiet -p:SkipDashboard=true $flag > /dev/null
done

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

declare -A times
for round in $(seq "$rounds"); do
    for side in generated runtime; do
        rm -f "$work/db"*
        start=$(now_ms)
        dotnet "$work/$side/artifacts/bin/Qingshui.Cli/release/qingshui.dll" serve --db "$work/db" --http-port "$port" --hj212-port 0 \
            --quiet > "$work/$side.log" 2>&1 &
        server=$!
        until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/v1/basins/")" = 200 ]; do
            kill -0 "$server" 2> /dev/null || { cat "$work/$side.log"; exit 1; }
            sleep 0.005
        done
        took=$(( $(now_ms) - start ))
        kill "$server"; wait "$server" 2> /dev/null || true; server=""
        times[$side]+="$took "
        echo "round $round, delegates $side: first answer $took ms after start"
    done
done

for side in generated runtime; do
    # shellcheck disable=SC2086
    sorted=$(printf '%s\n' ${times[$side]} | sort -n)
    n=$(echo "$sorted" | wc -l)
    echo "delegates $side: min $(echo "$sorted" | head -1) ms, median $(echo "$sorted" | sed -n "$(( (n + 1) / 2 ))p") ms, max $(echo "$sorted" | tail -1) ms over $n rounds"
done
