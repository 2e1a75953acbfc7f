#!/usr/bin/env bash
# Builds customer-center and generates the demo site from content/ and Templates/ into site/,
# installing the system packages it needs first. Prints the personal links of the demo customers.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-system-packages.sh
swift build -c release --product customer-center
.build/release/customer-center build
echo
echo "Personal links (open site/c/<token>/index.html locally):"
.build/release/customer-center links
