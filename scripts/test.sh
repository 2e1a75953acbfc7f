#!/usr/bin/env bash
# Runs the whole test suite, installing what it needs first. CI runs exactly this.
#  1. swift test: every module, the receiver over real HTTP on 127.0.0.1, real SQLite, OpenSSL, cmark.
#  2. every fuzz target for 20 seconds (scripts/fuzz.sh, docs/fuzzing.md); any crash fails.
#  3. the browser end-to-end test: headless Chromium (Selenium) pays through the sandbox on the demo.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-system-packages.sh
swift test "$@"

scripts/fuzz.sh --seconds 20 --jobs 2

scripts/install-e2e-packages.sh
swift build --product customer-center
python3 Tests/EndToEnd/pay_in_browser.py "$(swift build --show-bin-path)/customer-center" "$PWD"
