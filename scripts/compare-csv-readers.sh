#!/usr/bin/env bash
# Our statement CSV reader against the two CSV libraries this machine offers (SwiftCSV 0.10.0,
# yaslab/CSV.swift 2.5.2), on the documented format (docs/statement-csv.md, "Why our own reader"):
#   1. every rule of the format and every statement fixture, read by each reader (exit 1 if ours misreads one)
#   2. speed on a generated statement of ROWS rows (default 200000), best of 3, in one process
#   3. peak memory of each reader on that file (/usr/bin/time)
# A package of its own (scripts/compare-csv-readers/), so the product never depends on either library.
# Usage: scripts/compare-csv-readers.sh [ROWS]
set -euo pipefail
cd "$(dirname "$0")/compare-csv-readers"
rows="${1:-200000}"
command -v /usr/bin/time >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null; }
# -enable-testing: the comparison reads our reader (internal to CustomerCenterBanking) directly.
swift build -c release -Xswiftc -enable-testing >/dev/null
compare=.build/release/CompareCSVReaders
status=0
"$compare" cases ../../Tests/CustomerCenterBankingTests/Statements || status=$?
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$compare" generate "$rows" "$work/statement.csv"
"$compare" speed "$work/statement.csv" 3
for reader in ours SwiftCSV CSV.swift; do
  /usr/bin/time -f "$reader: peak memory %M KiB" "$compare" count "$reader" "$work/statement.csv" >/dev/null
done
exit "$status"
