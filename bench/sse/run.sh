#!/usr/bin/env bash
# SSE fan-out: event produced (a solve admitted at the gateway) -> received by every subscriber of the account's
# /api/stream/solves, through the gateway, with 1 (baseline), 100 and 2,000 subscribers on one history instance;
# prints p50/p99 and the instance's RSS. Goal: p99 <= 200 ms at 2,000.
set -euo pipefail
TS_GATEWAY_INSTANCES=1
export TS_GATEWAY_INSTANCES
source "$(dirname "$0")/../lib/stack.sh"
HISTORY_PID="$(pgrep -f 'history-service/target/quarkus-app/quarkus-run.jar' | head -1)"
GATEWAY_PID="$(pgrep -f 'gateway-service/target/quarkus-app/quarkus-run.jar' | head -1)"
java "$ROOT/bench/sse/SseFanOutBench.java" "$GATEWAYS" "$HISTORY_PID" "$GATEWAY_PID" "${EVENTS:-20}" 1 100 2000
