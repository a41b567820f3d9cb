#!/usr/bin/env bash
# Installs what the JDK and the Maven wrapper do not bring: Debian's Chromium for the solver's Playwright.
# Playwright's own browser download is never used (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 everywhere).
set -euo pipefail
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM_PATH" ]; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing Chromium (apt-get install chromium)..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium not found at $CHROMIUM_PATH: install it (Debian/Ubuntu: sudo apt-get install chromium)" >&2
  echo "or set CHROMIUM_PATH to a Chromium binary." >&2
  exit 1
fi
