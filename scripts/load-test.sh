#!/usr/bin/env bash
# Load test of the callback receiver: wrk posts distinct, correctly signed sandbox callbacks for
# DURATION seconds at each concurrency level, against a release build on 127.0.0.1, every commit
# durable (SQLite synchronous=FULL; PostgreSQL synchronous_commit=on). Prints callbacks per second
# and latency percentiles, then checks that the ledger holds every acknowledged payment.
# The content is 1,000 synthetic customers (shared/bench/make_dataset.py) with the demo's
# configuration and templates; callbacks go round-robin to their invoice accounts.
# Callbacks are signed when generated, so one level must finish within the 300 s timestamp tolerance.
# Needs ../shared/bench/make_dataset.py beside the repository, as the benchmarks do.
#
#   --ledger postgresql   the ledger in a throwaway PostgreSQL cluster (scripts/test-postgres.sh: its
#                         own data folder and port, on this machine's cores, stopped at exit)
#   --receivers N         N `serve` processes on one ledger and one output folder; each level's
#                         connections are split evenly, one wrk per receiver on distinct callbacks.
#                         callbacks/s is their sum; p50 and p99 are the slower receiver's.
# Usage: scripts/load-test.sh [--ledger sqlite|postgresql] [--receivers N] [DURATION_SECONDS] [CONNECTIONS ...]
#        (default: SQLite, one receiver, 30 s at 1 8 32)
set -euo pipefail
cd "$(dirname "$0")/.."
engine=sqlite
receivers=1
while [ $# -gt 0 ]; do
  case "$1" in
    --ledger) engine=$2; shift 2 ;;
    --receivers) receivers=$2; shift 2 ;;
    *) break ;;
  esac
done
case "$engine" in sqlite|postgresql) ;; *) echo "--ledger: sqlite or postgresql, not $engine" >&2; exit 64 ;; esac
duration=${1:-30}
shift || true
levels=("$@")
[ ${#levels[@]} -gt 0 ] || levels=(1 8 32)

scripts/install-system-packages.sh
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk sqlite3 >/dev/null; }
command -v sqlite3 >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null
command -v curl >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq curl >/dev/null
swift build -c release --product customer-center >/dev/null
binary="$PWD/.build/release/customer-center"
work=$(mktemp -d /tmp/customer-center-load.XXXXXX)
cp -r content Templates demo-secrets.toml "$work/"
rm -rf "$work/content/customers"
python3 ../shared/bench/make_dataset.py 1000 --out "$work/data" --no-split >/dev/null
"$binary" import "$work/data/customers.json" --content "$work/content" >/dev/null
servers=()
pgdir=""
repo=$PWD
cleanup() {
  for server in "${servers[@]}"; do kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; done
  if [ -n "$pgdir" ]; then "$repo/scripts/test-postgres.sh" stop "$pgdir" || true; rm -rf "$pgdir"; fi
  rm -rf "$work"
}
trap cleanup EXIT
if [ "$engine" = postgresql ]; then
  # Its own folder: the server runs as the postgres user, which cannot enter $work.
  pgdir=$(mktemp -d /tmp/customer-center-load-postgres.XXXXXX)
  export CUSTOMER_CENTER_LEDGER_URL=$(scripts/test-postgres.sh start "$pgdir")
  psql_bin="$(cat "$pgdir/bin")/psql"
fi
cd "$work"
"$binary" build >/dev/null
for index in $(seq 0 $(( receivers - 1 ))); do
  port=$(( 18090 + index ))
  if [ -n "${PERF_OUT:-}" ] && [ "$index" = 0 ]; then
    perf record -F ${PERF_FREQUENCY:-499} -g -o "$PERF_OUT" "$binary" serve --port "$port" 2>"$work/serve-$index.log" &
  else
    "$binary" serve --port "$port" 2>"$work/serve-$index.log" &
  fi
  servers+=($!)
done
for index in $(seq 0 $(( receivers - 1 ))); do
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$(( 18090 + index ))/healthz" >/dev/null && break; sleep 0.2; done
done
secret=$(sed -n 's/^provider_sandbox_secrets = \["\([^"]*\)".*/\1/p' demo-secrets.toml)

# wrk prints latencies as 850.00us, 2.13ms or 1.02s: convert to milliseconds.
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[0-9]s$/) n *= 1000; printf "%.2f", n }'; }
printf '%-12s %12s %10s %10s %10s %12s\n' connections callbacks/s p50_ms p99_ms non2xx acknowledged
acknowledged_total=0
for connections in "${levels[@]}"; do
  share=$(( connections / receivers < 1 ? 1 : connections / receivers ))
  threads=$(( share < 2 ? 1 : 2 ))
  pids=()
  for index in $(seq 0 $(( receivers - 1 ))); do
    # Enough distinct callbacks for the run at well over the expected rate.
    python3 "$repo/scripts/load/make_callbacks.py" $(( 4000 * duration )) "$secret" "$work/callbacks-$connections-$index.jsonl" \
      --prefix "c$connections-r$index" --customers "$work/data/customers.json"
  done
  for index in $(seq 0 $(( receivers - 1 ))); do
    CALLBACKS="$work/callbacks-$connections-$index.jsonl" THREADS=$threads \
      wrk -t "$threads" -c "$share" -d "${duration}s" --latency -s "$repo/scripts/load/callbacks.lua" \
      "http://127.0.0.1:$(( 18090 + index ))" >"$work/wrk-$connections-$index.txt" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid"; done
  rate=0; p50=0; p99=0; requests=0; non2xx=0
  for index in $(seq 0 $(( receivers - 1 ))); do
    out="$work/wrk-$connections-$index.txt"
    rate=$(awk -v a="$rate" -v b="$(awk '/Requests\/sec/ {print $2}' "$out")" 'BEGIN { printf "%.2f", a + b }')
    p50=$(awk -v a="$p50" -v b="$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")" 'BEGIN { printf "%.2f", (b > a ? b : a) }')
    p99=$(awk -v a="$p99" -v b="$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")" 'BEGIN { printf "%.2f", (b > a ? b : a) }')
    requests=$(( requests + $(awk '/requests in/ {print $1}' "$out") ))
    n=$(awk '/Non-2xx/ {print $5}' "$out"); non2xx=$(( non2xx + ${n:-0} ))
  done
  acknowledged=$(( requests - non2xx ))
  acknowledged_total=$(( acknowledged_total + acknowledged ))
  printf '%-12s %12s %10s %10s %10s %12s\n' "$connections" "$rate" "$p50" "$p99" "$non2xx" "$acknowledged"
done
sleep 1
# An orderly stop: each server finishes the pages of what it booked and exits 0.
for index in "${!servers[@]}"; do
  kill "${servers[$index]}"
  if ! wait "${servers[$index]}"; then
    echo "FAILED: receiver $index did not stop cleanly (see its log below)" >&2
    tail -20 "$work/serve-$index.log" >&2
    exit 1
  fi
done
servers=()
if [ "$engine" = postgresql ]; then
  query() { "$psql_bin" "$CUSTOMER_CENTER_LEDGER_URL" -tAc "$1"; }
else
  query() { sqlite3 "$work/.customer-center/ledger.sqlite" "$1"; }
fi
booked=$(query "SELECT count(*) FROM payment")
other=$(query "SELECT count(*) FROM event WHERE outcome != 'booked'")
echo "ledger ($engine, $receivers receiver(s)): $booked payments booked, $other events not booked (duplicates, unmatched); wrk counted $acknowledged_total 2xx answers"
echo "(every 2xx is booked; a request still in flight when wrk stops may be booked without wrk counting its answer)"
if [ "$booked" -lt "$acknowledged_total" ]; then
  echo "FAILED: $acknowledged_total callbacks were acknowledged but only $booked payments are in the ledger" >&2
  exit 1
fi
