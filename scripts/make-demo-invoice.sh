#!/usr/bin/env bash
# Regenerates the demo's invoice document content/documents/RE-2026-0915.pdf (customer 1001's
# September invoice, named by its "document" field) from scripts/demo-invoice.html with headless
# Chromium. Only needed when the HTML changes; the PDF is committed.
set -euo pipefail
cd "$(dirname "$0")/.."
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$PWD/content/documents/RE-2026-0915.pdf" "file://$PWD/scripts/demo-invoice.html" 2>/dev/null
head -c 5 content/documents/RE-2026-0915.pdf | grep -q '%PDF-' && echo "wrote content/documents/RE-2026-0915.pdf"
