#!/usr/bin/env bash
# A connection flood against a real `qingshui serve` on loopback: ATTEMPTS connection attempts from ADDRESSES source
# addresses (127.0.1.x), each held open when the server keeps it, while a station connected beforehand keeps uploading.
#
#   benchmarks/connection-flood.sh [ATTEMPTS] [ADDRESSES] [-- extra serve options]      (defaults: 25000 100)
#   e.g. benchmarks/connection-flood.sh 25000 100 -- --max-connections 1000000 --max-connections-per-address 1000000
#        shows what happens without caps.
#
# Prints: the server still up (HTTP answers), the good station's 9014 time while flooded, the server's RSS and files.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
attempts=${1:-25000}
addresses=${2:-100}
shift $(( $# > 2 ? 2 : $# )); [ "${1:-}" = "--" ] && shift
port=${PORT:-28212}
http_port=${HTTP_PORT:-28080}

# The flood holds up to ATTEMPTS sockets on the client side; the server keeps its own limit (its caps stay below it).
ulimit -n 65536 2> /dev/null || ulimit -n "$(ulimit -Hn)"
dotnet build -c Release "$root/src/Qingshui.Cli" -nologo -v quiet > /dev/null
dotnet build -c Release "$root/benchmarks/Qingshui.FloodLoad" -nologo -v quiet > /dev/null
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2> /dev/null; wait 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT

# The server runs with the file-handle limit a service usually gets, so the caps, not the machine, decide.
( ulimit -n 20000; exec dotnet "$root/artifacts/bin/Qingshui.Cli/release/qingshui.dll" serve --db "$work/flood.db" --hj212-port "$port" \
    --http-port "$http_port" --quiet "$@" > "$work/serve.log" 2>&1 ) &
server=$!
for _ in $(seq 100); do grep -q "HJ 212 listening" "$work/serve.log" && break; sleep 0.2; done
echo "$(date -u +%FT%TZ), $(nproc) cores; serve options: ${*:-(defaults)}"
flood=(dotnet "$root/artifacts/bin/Qingshui.FloodLoad/release/Qingshui.FloodLoad.dll")
# One process may hold no more sockets than its own file-handle limit: beyond 12,000 attempts, a second process takes
# half of them (from 127.0.3.x, starting once the good station is online) and holds them while the first floods and
# measures.
first=$attempts
if [ "$attempts" -gt 12000 ]; then
    second=$(( attempts / 2 )); first=$(( attempts - second ))
    "${flood[@]}" hold "$port" "$second" "$addresses" 60 > "$work/hold.txt" 2>&1 &
    holder=$!
fi
"${flood[@]}" connections "$port" "$http_port" "$server" "$first" "$addresses" || true
[ -n "${holder:-}" ] && head -1 "$work/hold.txt"
[ -n "${holder:-}" ] && kill "$holder" 2> /dev/null
sleep 1
if kill -0 "$server" 2> /dev/null; then echo "server still running"; else echo "server exited"; tail -5 "$work/serve.log"; fi
echo "refusal lines logged: $(grep -c 'refused' "$work/serve.log" || true)"
