#!/usr/bin/env bash
# Builds customer-center and generates the demo site from content/ and Templates/ into site/,
# installing the system packages it needs first. Prints the personal links of the demo customers.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-system-packages.sh
swift build -c release --product customer-center
.build/release/customer-center build
# A prepaid customer announces a top-up by bank transfer: the page shows the transfer with its
# GiroCode, and the payment-request email lands in the outbox (.customer-center/outbox/*.eml).
if ! .build/release/customer-center transfers | grep -q "1004-KARTE"; then
    .build/release/customer-center request-transfer 1004 --account 1004-KARTE --amount 50,00
fi
echo
echo "Emails (view one in a browser: scripts/preview-email.py FILE.eml):"
ls -1 .customer-center/outbox/*.eml
echo
echo "Personal links (open site/c/<token>/index.html locally):"
.build/release/customer-center links
