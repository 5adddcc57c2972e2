#!/usr/bin/env bash
# The HTTP API under the dashboard's heaviest common request, against `qingshui demo` data: a fresh demo (two years of
# hourly history back-filled over HJ 212, stations streaming live), then benchmarks/Qingshui.ApiLoad with CLIENTS
# concurrent clients each asking for one section-month of hourly values, and the dashboard's first-load size.
# Each phase also gives the server's CPU time and page faults per request (the clients share its cores). The first
# askings are measured twice: just after the start, and in a settled server (after WARMUP_ROUNDS, default 40, rounds of
# other first askings), the twelve months before.
#
#   benchmarks/api-load.sh [CLIENTS] [SECONDS]      (defaults: 50 30)
#
# COMPARE_AUTH=1 also measures what authentication costs: the same requests anonymous, signed in as the demo's
# hunan-viewer (session cookie) and with a bearer token issued for the run, in interleaved rounds (ROUNDS, default 4,
# of ROUND_SECONDS, default 5, per kind).
#
# DEMO_ENV sets the server's environment (e.g. DEMO_ENV="DOTNET_ThreadPool_ForceMinWorkerThreads=0x40").
#
# PUBLIC_READ sets the demo's --public-read (default basin: the section-month questions are public). PUBLIC_READ=none
# makes every read need a member, so (with COMPARE_AUTH=1) the bearer token asks every question and only the cookie and
# the token are compared (no anonymous kind).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
clients=${1:-50}
seconds=${2:-30}
http_port=${HTTP_PORT:-18080}

dotnet build -c Release "$root/src/Qingshui.Cli" -nologo -v quiet > /dev/null
dotnet build -c Release "$root/benchmarks/Qingshui.ApiLoad" -nologo -v quiet > /dev/null
work=$(mktemp -d)
demo=""
cleanup() { [ -n "$demo" ] && kill "$demo" 2> /dev/null; wait 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT

env ${DEMO_ENV:-} dotnet "$root/artifacts/bin/Qingshui.Cli/release/qingshui.dll" demo --data-dir "$work" --http-port "$http_port" --hj212-port "${HJ212_PORT:-19212}" \
  --public-read "${PUBLIC_READ:-basin}" > "$work/demo.log" 2>&1 &
demo=$!
for _ in $(seq 600); do grep -q "streaming live" "$work/demo.log" && break; sleep 0.5; done
grep -E "back-filling|stations:|accounts" "$work/demo.log"
echo "$(nproc) cores; server RSS $(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$demo/status") MB after back-fill"
if [ "${COMPARE_AUTH:-0}" = 1 ]; then
  export QINGSHUI_LOAD_USER=hunan-viewer
  QINGSHUI_LOAD_PASSWORD=$(awk '$1 == "hunan-viewer" { print $2; exit }' "$work/demo.log")
  QINGSHUI_LOAD_TOKEN=$(dotnet "$root/artifacts/bin/Qingshui.Cli/release/qingshui.dll" tokens issue --db "$work/qingshui.db" \
    --organisation hunan --role viewer --name api-load --expires-days 1 2> /dev/null | awk '$1 == "token:" { print $2 }')
  export QINGSHUI_LOAD_PASSWORD QINGSHUI_LOAD_TOKEN
fi
if [ "${PUBLIC_READ:-basin}" = none ]; then
  [ "${COMPARE_AUTH:-0}" = 1 ] || { echo "PUBLIC_READ=none needs COMPARE_AUTH=1 (a member to ask the questions)" >&2; exit 2; }
  export QINGSHUI_LOAD_ANONYMOUS=0
fi
QINGSHUI_LOAD_SERVER_PID=$demo dotnet "$root/artifacts/bin/Qingshui.ApiLoad/release/Qingshui.ApiLoad.dll" "http://127.0.0.1:$http_port" "$clients" "$seconds"
