#!/usr/bin/env bash
# The HTTP API under the dashboard's heaviest common request, against `qingshui demo` data: a fresh demo (two years of
# hourly history back-filled over HJ 212, stations streaming live), then benchmarks/Qingshui.ApiLoad with CLIENTS
# concurrent clients each asking for one section-month of hourly values, and the dashboard's first-load size.
#
#   benchmarks/api-load.sh [CLIENTS] [SECONDS]      (defaults: 50 30)
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

dotnet "$root/artifacts/bin/Qingshui.Cli/release/qingshui.dll" demo --data-dir "$work" --http-port "$http_port" --hj212-port "${HJ212_PORT:-19212}" > "$work/demo.log" 2>&1 &
demo=$!
for _ in $(seq 600); do grep -q "streaming live" "$work/demo.log" && break; sleep 0.5; done
grep -E "back-filling|stations:|accounts" "$work/demo.log"
echo "$(nproc) cores; server RSS $(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$demo/status") MB after back-fill"
dotnet "$root/artifacts/bin/Qingshui.ApiLoad/release/Qingshui.ApiLoad.dll" "http://127.0.0.1:$http_port" "$clients" "$seconds"
