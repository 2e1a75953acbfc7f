#!/usr/bin/env bash
# Runs the whole test suite, installing what it needs first. CI runs exactly this.
#  1. swift test: every module, the receiver over real HTTP on 127.0.0.1, real SQLite, OpenSSL, cmark;
#     the ledger suites on both engines, PostgreSQL in a throwaway cluster (scripts/test-postgres.sh).
#  2. every fuzz target for 20 seconds (scripts/fuzz.sh, docs/fuzzing.md); any crash fails.
#  3. the browser end-to-end tests: headless Chromium (Selenium) pays through the sandbox on the demo,
#     then opens every email of the demo's mailings at 320, 390 and 1280 px.
# Chromium and poppler are installed first: GiroCodeScanTests (in step 1) render and print pages with them.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-system-packages.sh
scripts/install-e2e-packages.sh
# At most 6 tests at once. Swift Testing starts every test together on the cooperative pool, two
# threads on 2 cores; a test's timer or continuation then waits behind hundreds of queued tests, and
# the tests that check a mail command is stopped after its one-second timeout saw 20-40 s. Most tests
# wait on processes, sockets and disks, so 6 keeps both cores busy.
export SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH="${SWT_EXPERIMENTAL_MAXIMUM_PARALLELIZATION_WIDTH:-6}"

# A PostgreSQL cluster of its own (data folder, port), stopped and removed on exit; every ledger test
# also runs against it, one fresh database per test.
postgres_dir=$(mktemp -d "${TMPDIR:-/tmp}/customer-center-postgres.XXXXXX")
trap 'scripts/test-postgres.sh stop "$postgres_dir"; rm -rf "$postgres_dir"' EXIT
CUSTOMER_CENTER_TEST_POSTGRES_URL=$(scripts/test-postgres.sh start "$postgres_dir")
export CUSTOMER_CENTER_TEST_POSTGRES_URL
echo "PostgreSQL for the ledger tests: $CUSTOMER_CENTER_TEST_POSTGRES_URL (the ledger suites run on SQLite and PostgreSQL)"

swift test "$@"

scripts/fuzz.sh --seconds 20 --jobs 2

swift build --product customer-center
python3 Tests/EndToEnd/pay_in_browser.py "$(swift build --show-bin-path)/customer-center" "$PWD"
python3 Tests/EndToEnd/emails_in_browser.py "$(swift build --show-bin-path)/customer-center" "$PWD"
