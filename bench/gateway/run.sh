#!/usr/bin/env bash
# Gateway overhead: in one run, the same load tool at the same concurrency against (a) a bare endpoint of the gateway
# (/q/health/live: HTTP, Vert.x filters, no auth) — the baseline — and (b) async test-mode solve admission (API-key
# auth, GCRA in Redis, validation, SolveRequested published to Kafka with acks=all, 202). Prints both saturation
# throughputs, their ratio, and p50/p99 of admission at half of its saturation rate.
# Goals: ratio >= 0.5, p99 <= 5 ms at half saturation.
# Only what admission needs runs (Kafka, Redis, PostgreSQL, keys-service for the bench's keys, one gateway): on a
# 2-core machine the consumers of the events (history, billing, solvers) would otherwise share the gateway's cores,
# which in a cluster they do not.
set -euo pipefail
TS_GATEWAY_INSTANCES=1
TS_SERVICES=keys
export TS_GATEWAY_INSTANCES TS_SERVICES
source "$(dirname "$0")/../lib/stack.sh"
TOOLS="$ROOT/target/bench/tools"
if [ ! -x "$TOOLS/node_modules/.bin/autocannon" ]; then
  mkdir -p "$TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" autocannon@8 >/dev/null
fi
DEMO_LOGIN="$(sed -n 's/.*demo account: *//p' "$OUT" | head -1)"
NODE_PATH="$TOOLS/node_modules" node "$ROOT/bench/gateway/GatewayBench.mjs" "$GATEWAYS" "$DEMO_LOGIN" \
  "${CONNECTIONS:-32}" "${DURATION:-10}"
