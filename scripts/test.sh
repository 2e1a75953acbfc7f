#!/usr/bin/env bash
# Runs the whole test suite, installing the system packages it needs first. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-system-packages.sh
swift test "$@"
