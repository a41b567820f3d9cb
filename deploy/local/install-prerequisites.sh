#!/usr/bin/env bash
# Installs what the JDK and the Maven wrapper do not bring: Debian's Chromium (the solver, the dashboard's browser
# tests), the Kubernetes manifests' schema validator, the API documents' linter and the task-protocol clients
# TaskProtocolSystemTest runs (npm), and Python's requests (a
# docs code sample). Playwright's own browser download is never used (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# everywhere). The dashboard's npm packages are installed by the gateway's Maven build. kubectl (for its built-in
# kustomize) and Node.js/npm must be on the PATH.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM_PATH" ]; then
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
fi
if ! kubectl kustomize --help >/dev/null 2>&1; then
  echo "kubectl with its built-in kustomize (v5) is needed to render deploy/k8s; install kubectl >= 1.27" >&2
  exit 1
fi
for tools in deploy/k8s/validate docs/tools system-tests/src/test/node/task-protocol; do
  if [ ! -d "$ROOT/$tools/node_modules" ]; then
    echo "installing $tools (npm ci)..."
    (cd "$ROOT/$tools" && npm ci --no-audit --no-fund --silent)
  fi
done
if ! python3 -c 'import requests' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing Python's requests (apt-get install python3-requests)..."
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-requests >/dev/null
  else
    echo "python3 with the requests package is needed for docs/examples/solve.py" >&2
    exit 1
  fi
fi
