#!/usr/bin/env bash
# Shared by the benchmarks: build, start the whole system (embedded infrastructure) with the launcher in the
# background, and export what its banner printed. Source it; call stack_stop when done (also runs on EXIT).
# STACK_CPUS pins the launcher and everything it starts to those cores (taskset -c); STACK_SKIP_BUILD=1 reuses the build.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
if [ "${STACK_SKIP_BUILD:-0}" != 1 ]; then
  bash deploy/local/install-prerequisites.sh
  ./mvnw -B -q -DskipTests install
fi
PIN=()
if [ -n "${STACK_CPUS:-}" ]; then
  PIN=(taskset -c "$STACK_CPUS")
fi
BENCH_DIR="$ROOT/target/bench"
# Every benchmark run starts from empty embedded databases and broker.
rm -rf "$BENCH_DIR/run"
mkdir -p "$BENCH_DIR"
OUT="$BENCH_DIR/launcher.out"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
TS_GATEWAY_PORT=0 TS_FIRST_INTERNAL_PORT=0 TS_LAB_PORT=0 TS_WORK_DIR="$BENCH_DIR/run" \
  "${PIN[@]}" java -Xmx512m -Dtokensniped.root="$ROOT" -jar deploy/local/target/local-stack.jar >"$OUT" 2>&1 &
STACK_PID=$!
stack_stop() {
  kill -TERM "$STACK_PID" 2>/dev/null || true
  wait "$STACK_PID" 2>/dev/null || true
}
trap stack_stop EXIT
deadline=$((SECONDS + 300))
until grep -q "Ctrl-C stops everything" "$OUT"; do
  if ! kill -0 "$STACK_PID" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
    echo "the system did not start:" >&2; cat "$OUT" >&2; exit 1
  fi
  sleep 0.5
done
GATEWAYS="$(sed -n 's/.*gateway instances: *//p' "$OUT" | head -1)"
LAB_URL="$(sed -n 's/.*challenge lab (demo target): *//p' "$OUT" | head -1)"
DEMO_KEY="$(sed -n 's/.*demo API key: *//p' "$OUT" | head -1)"
export GATEWAYS LAB_URL DEMO_KEY
