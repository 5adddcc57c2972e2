#!/usr/bin/env bash
# Password guessing against a running server, measured: one account, guesses from one address as fast as curl sends
# them, then from many addresses (127.0.0.2–127.0.0.N: every 127.x address is this machine's loopback). Prints what
# each guess was answered and what that leaves an attacker: how many guesses per hour are checked at all.
#
#   benchmarks/sign-in-flood.sh [GUESSES] [ADDRESSES]      (defaults: 200 20)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
guesses=${1:-200}
addresses=${2:-20}
http_port=${HTTP_PORT:-18090}
password="correct horse battery staple"

dotnet build -c Release "$root/src/Qingshui.Cli" -nologo -v quiet > /dev/null
qingshui() { dotnet "$root/artifacts/bin/Qingshui.Cli/release/qingshui.dll" "$@"; }
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2> /dev/null; wait 2> /dev/null; rm -rf "$work"; }
trap cleanup EXIT

qingshui orgs seed --db "$work/q.db" --preset pingshui-lushui > /dev/null
echo "$password" | qingshui users add --db "$work/q.db" --name target --organisation hunan --role viewer > /dev/null
qingshui serve --db "$work/q.db" --preset pingshui-lushui --http-port "$http_port" --hj212-port 0 --quiet > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 200); do curl -s -o /dev/null "http://127.0.0.1:$http_port/api/v1/health" && break; sleep 0.25; done

# One sign-in from an address; prints the HTTP status.
attempt() { # ADDRESS PASSWORD
  curl -s -o /dev/null -w '%{http_code}' --interface "$1" -H 'Content-Type: application/json' \
    -d "{\"name\":\"target\",\"password\":\"$2\"}" "http://127.0.0.1:$http_port/api/v1/session"
}
tally() { sort | uniq -c | awk '{ printf "%s× %s  ", $1, $2 } END { print "" }'; }

echo "server: qingshui serve (sign-in limit and lockout at their defaults); account 'target'"
start=$(date +%s.%N)
for i in $(seq "$guesses"); do attempt 127.0.0.1 "wrong-$i"; echo; done > "$work/one.txt"
end=$(date +%s.%N)
printf '%s wrong guesses from one address in %.1f s: ' "$guesses" "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')"
tally < "$work/one.txt"
echo "first refused as too many (429) at guess $(grep -n 429 "$work/one.txt" | head -1 | cut -d: -f1)"
echo "the right password from that address now: $(attempt 127.0.0.1 "$password")"
echo "the right password from a fresh address now: $(attempt 127.0.0.2 "$password") (401: the account is locked)"

for a in $(seq 3 $((addresses + 2))); do for i in 1 2 3; do attempt "127.0.0.$a" "spread-$a-$i"; echo; done; done > "$work/many.txt"
printf '%s wrong guesses spread over %s addresses (3 each): ' "$((addresses * 3))" "$addresses"
tally < "$work/many.txt"
echo "the right password from a fresh address after both: $(attempt 127.0.0.250 "$password")"
