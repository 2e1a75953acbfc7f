#!/usr/bin/env bash
# Load test of the callback receiver: wrk posts distinct, correctly signed sandbox callbacks for
# DURATION seconds at each concurrency level, against a release build on 127.0.0.1 with a real
# SQLite ledger (synchronous=FULL). Prints callbacks per second and latency percentiles, then checks
# that the ledger holds every acknowledged payment.
# The content is 1,000 synthetic customers (shared/bench/make_dataset.py) with the demo's
# configuration and templates; callbacks go round-robin to their invoice accounts.
# Callbacks are signed when generated, so one level must finish within the 300 s timestamp tolerance.
# Needs ../shared/bench/make_dataset.py beside the repository, as the benchmarks do.
# Usage: scripts/load-test.sh [DURATION_SECONDS] [CONNECTIONS ...]   (default: 30 s at 1 8 32)
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-30}
shift || true
levels=("$@")
[ ${#levels[@]} -gt 0 ] || levels=(1 8 32)

scripts/install-system-packages.sh
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk sqlite3 >/dev/null; }
command -v sqlite3 >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null
swift build -c release --product customer-center >/dev/null
binary="$PWD/.build/release/customer-center"
work=$(mktemp -d /tmp/customer-center-load.XXXXXX)
port=18090
cp -r content Templates demo-secrets.toml "$work/"
rm -rf "$work/content/customers"
python3 ../shared/bench/make_dataset.py 1000 --out "$work/data" --no-split >/dev/null
"$binary" import "$work/data/customers.json" --content "$work/content" >/dev/null
cd "$work"
"$binary" build >/dev/null
if [ -n "${PERF_OUT:-}" ]; then
  perf record -F ${PERF_FREQUENCY:-499} -g -o "$PERF_OUT" "$binary" serve --port "$port" 2>"$work/serve.log" &
else
  "$binary" serve --port "$port" 2>"$work/serve.log" &
fi
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
secret=$(sed -n 's/^provider_sandbox_secrets = \["\([^"]*\)".*/\1/p' demo-secrets.toml)
repo=$(cd "$OLDPWD" && pwd)

# wrk prints latencies as 850.00us, 2.13ms or 1.02s: convert to milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/) n *= 1000; printf "%.2f", n }'; }
printf '%-12s %12s %10s %10s %10s %12s\n' connections callbacks/s p50_ms p99_ms non2xx acknowledged
acknowledged_total=0
for connections in "${levels[@]}"; do
  threads=$(( connections < 2 ? 1 : 2 ))
  # Enough distinct callbacks for the run at well over the expected rate.
  python3 "$repo/scripts/load/make_callbacks.py" $(( 4000 * duration )) "$secret" "$work/callbacks-$connections.jsonl" \
    --prefix "c$connections" --customers "$work/data/customers.json"
  CALLBACKS="$work/callbacks-$connections.jsonl" THREADS=$threads \
    wrk -t "$threads" -c "$connections" -d "${duration}s" --latency -s "$repo/scripts/load/callbacks.lua" \
    "http://127.0.0.1:$port" >"$work/wrk-$connections.txt"
  rate=$(awk '/Requests\/sec/ {print $2}' "$work/wrk-$connections.txt")
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$work/wrk-$connections.txt")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$work/wrk-$connections.txt")")
  requests=$(awk '/requests in/ {print $1}' "$work/wrk-$connections.txt")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$work/wrk-$connections.txt"); non2xx=${non2xx:-0}
  acknowledged=$(( requests - non2xx ))
  acknowledged_total=$(( acknowledged_total + acknowledged ))
  printf '%-12s %12s %10s %10s %10s %12s\n' "$connections" "$rate" "$p50" "$p99" "$non2xx" "$acknowledged"
done
sleep 1
# An orderly stop: the server finishes the pages of what it booked and exits 0.
kill "$server"
if ! wait "$server"; then
  echo "FAILED: the server did not stop cleanly (see its log below)" >&2
  tail -20 "$work/serve.log" >&2
  exit 1
fi
ledger_file=$(ls "$work"/.customer-center/ledger.sqlite)
booked=$(sqlite3 "$ledger_file" "SELECT count(*) FROM payment")
other=$(sqlite3 "$ledger_file" "SELECT count(*) FROM event WHERE outcome != 'booked'")
echo "ledger: $booked payments booked, $other events not booked (duplicates, unmatched); wrk counted $acknowledged_total 2xx answers"
echo "(every 2xx is booked; a request still in flight when wrk stops may be booked without wrk counting its answer)"
if [ "$booked" -lt "$acknowledged_total" ]; then
  echo "FAILED: $acknowledged_total callbacks were acknowledged but only $booked payments are in the ledger" >&2
  exit 1
fi
