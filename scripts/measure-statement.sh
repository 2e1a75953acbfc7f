#!/usr/bin/env bash
# Measures importing a bank statement (release mode): N customers are imported and built (the build
# hands out their RF references), then a camt.053 statement with M credits on those references
# (scripts/make-statement.py: 70% exact, 15% over, 15% under, 10% unmatched) is imported
#   1. matching only (credits become received transfers),
#   2. again (every entry already imported: nothing booked twice),
#   3. into a fresh copy of the ledger with --approve-matched (booked, pages regenerated, receipts written).
# Usage: scripts/measure-statement.sh [CUSTOMERS] [CREDITS]   (default: 10000 10000)
set -euo pipefail
cd "$(dirname "$0")/.."
customers=${1:-10000}
credits=${2:-10000}

scripts/install-system-packages.sh
command -v /usr/bin/time >/dev/null || { apt-get install -y -qq time >/dev/null; }
swift build -c release --product customer-center >/dev/null
binary="$PWD/.build/release/customer-center"
work=$(mktemp -d /tmp/customer-center-statement.XXXXXX)
[ -n "${KEEP_WORK:-}" ] || trap 'rm -rf "$work"' EXIT
export CUSTOMER_CENTER_LINK_SECRET="measure-only-secret-0123456789abcdefghijklmnop"

python3 ../shared/bench/make_dataset.py "$customers" --out "$work/data" --no-split >/dev/null
"$binary" import "$work/data/customers.json" --content "$work/content" >/dev/null
"$binary" build --content "$work/content" --templates Templates --output "$work/site" >/dev/null
ledger=$(python3 - "$work/content/config.toml" <<'PY'
import os, sys, tomllib
config = tomllib.load(open(sys.argv[1], "rb"))
path = config.get("receiver", {}).get("ledger", "../.customer-center/ledger.sqlite")
print(os.path.normpath(os.path.join(os.path.dirname(sys.argv[1]), path)))
PY
)
python3 - "$ledger" > "$work/references.txt" <<'PY'
import sqlite3, sys
for (reference,) in sqlite3.connect(sys.argv[1]).execute("select reference from transferReference order by reference"):
    print(reference)
PY
iban=$(python3 -c "import tomllib,sys; print(tomllib.load(open(sys.argv[1],'rb'))['bank']['iban'].replace(' ',''))" "$work/content/config.toml")
python3 scripts/make-statement.py "$credits" --references "$work/references.txt" --iban "$iban" --out "$work/statement.xml"
cp "$ledger" "$work/ledger-before.sqlite"
echo "$customers customers, $(wc -l < "$work/references.txt") references, statement of $credits credits ($(du -h "$work/statement.xml" | cut -f1))"

run() {
  local label=$1; shift
  /usr/bin/time -v "$binary" "$@" >"$work/out" 2>"$work/time" || { cat "$work/time"; exit 1; }
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {split($2, t, ":"); if (length(t) == 3) print t[1]*3600 + t[2]*60 + t[3]; else print t[1]*60 + t[2]}' "$work/time")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2 / 1024}' "$work/time")
  printf '%-34s %8s s %8s MiB   %s\n' "$label" "$wall" "$rss" "$(tail -1 "$work/out")"
}
run "import (match only)" import-statement "$work/statement.xml" --content "$work/content" --templates Templates --output "$work/site"
run "import again (all duplicates)" import-statement "$work/statement.xml" --content "$work/content" --templates Templates --output "$work/site"
cp "$work/ledger-before.sqlite" "$ledger"
rm -f "$ledger-wal" "$ledger-shm"
run "import --approve-matched" import-statement "$work/statement.xml" --approve-matched --content "$work/content" --templates Templates --output "$work/site"
echo "receipts written: $(ls "$(dirname "$ledger")/outbox" 2>/dev/null | wc -l)"
