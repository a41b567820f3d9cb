#!/usr/bin/env bash
# Installs what the JDK and the Maven wrapper do not bring: Debian's Chromium for the solver's Playwright, and the
# Kubernetes manifests' schema validator (npm). Playwright's own browser download is never used
# (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 everywhere). kubectl (for its built-in kustomize) must be on the PATH.
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
if [ ! -d "$ROOT/deploy/k8s/validate/node_modules" ]; then
  echo "installing the manifests' schema validator (npm ci in deploy/k8s/validate)..."
  (cd "$ROOT/deploy/k8s/validate" && npm ci --no-audit --no-fund --loglevel=error)
fi
