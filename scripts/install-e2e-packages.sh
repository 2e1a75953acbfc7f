#!/usr/bin/env bash
# Installs what the browser end-to-end test needs, if missing: Chromium and its WebDriver from
# Debian, poppler-utils (pdfinfo, pdftotext: the printed page is checked), Selenium from PyPI.
set -euo pipefail
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  echo "Installing chromium and chromium-driver" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi
if ! command -v pdfinfo >/dev/null || ! command -v pdftotext >/dev/null; then
  echo "Installing poppler-utils" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends poppler-utils >/dev/null
fi
if ! python3 -m pip --version >/dev/null 2>&1; then
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends python3-pip >/dev/null
fi
if ! python3 -c "import selenium" 2>/dev/null; then
  echo "Installing selenium" >&2
  python3 -m pip install --quiet --disable-pip-version-check selenium 2>/dev/null \
    || python3 -m pip install --quiet --disable-pip-version-check --break-system-packages selenium
fi
