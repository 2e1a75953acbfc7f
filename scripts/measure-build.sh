#!/usr/bin/env bash
# Measures full builds of imported synthetic customers (release mode): wall time, pages per second
# and peak memory (/usr/bin/time -v), for a cold build into an empty folder and a rebuild with
# nothing changed. Usage: scripts/measure-build.sh [N ...]   (default: 1000 10000)
# The full benchmark harness (receiver load, regeneration latency) is a separate issue.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

scripts/install-system-packages.sh
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
swift build -c release --product customer-center >/dev/null
binary="$PWD/.build/release/customer-center"
work=$(mktemp -d /tmp/customer-center-measure.XXXXXX)
trap 'rm -rf "$work"' EXIT
export CUSTOMER_CENTER_LINK_SECRET="measure-only-secret-0123456789abcdefghijklmnop"

printf '%-9s %-8s %10s %12s %12s %14s\n' customers run wall_s pages_per_s peak_rss_MiB files_written
for n in "${sizes[@]}"; do
  python3 ../shared/bench/make_dataset.py "$n" --out "$work/data-$n" --no-split >/dev/null
  "$binary" import "$work/data-$n/customers.json" --content "$work/content-$n" >/dev/null
  for run in cold no-change; do
    [ "$run" = cold ] && rm -rf "$work/site-$n"
    /usr/bin/time -v "$binary" build --content "$work/content-$n" --templates Templates \
      --output "$work/site-$n" --as-of 2025-06-01 >"$work/out" 2>"$work/time"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); if (length(t) == 3) print t[1]*3600 + t[2]*60 + t[3]; else print t[1]*60 + t[2]}' "$work/time")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$work/time")
    written=$(sed -E 's/.*: ([0-9]+) files written.*/\1/' "$work/out")
    rate=$(awk -v n="$n" -v w="$wall" 'BEGIN { printf "%.0f", (w > 0 ? n / w : 0) }')
    printf '%-9s %-8s %10s %12s %12s %14s\n' "$n" "$run" "$wall" "$rate" "$rss" "$written"
  done
done
