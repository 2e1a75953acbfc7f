#!/usr/bin/env bash
# Installs the Debian packages customer-center builds against, if any is missing:
# libcmark (Markdown), OpenSSL's libcrypto (all cryptography), SQLite (the ledger), libqrencode
# (GiroCodes), pkg-config, python3 (the shared benchmark-data generator the tests use) and
# zbar-tools (the tests decode the generated QR codes with a real decoder).
set -euo pipefail

packages=(libcmark-dev libssl-dev libsqlite3-dev libqrencode-dev zlib1g-dev pkg-config python3 zbar-tools)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing system packages: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
