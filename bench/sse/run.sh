#!/usr/bin/env bash
# SSE fan-out: event produced (a solve admitted at the gateway) -> received by every subscriber of the account's
# /api/stream/solves, through the gateway, with 1 (baseline), 100 and 2,000 subscribers on one history instance;
# prints p50/p99, the instance's RSS, and per subscriber the stream ids delivered twice or skipped. Goals: p99 <= 50 ms
# with 1 subscriber, <= 200 ms with 2,000, nothing delivered twice or skipped. The bench client runs pinned to one core
# (BENCH_CPU, 0), the system to the other (SYSTEM_CPU, 1). Writes bench/sse/RESULTS.md.
set -euo pipefail
BENCH_CPU="${BENCH_CPU:-0}"
SYSTEM_CPU="${SYSTEM_CPU:-1}"
export STACK_CPUS="$SYSTEM_CPU"
TS_GATEWAY_INSTANCES=1
export TS_GATEWAY_INSTANCES
source "$(dirname "$0")/../lib/stack.sh"
HISTORY_PID="$(pgrep -P "$STACK_PID" -f 'history-service/target/quarkus-app/quarkus-run.jar' | head -1)"
GATEWAY_PID="$(pgrep -P "$STACK_PID" -f 'gateway-service/target/quarkus-app/quarkus-run.jar' | head -1)"
PRINTED="$(mktemp)"
taskset -c "$BENCH_CPU" java "$ROOT/bench/sse/SseFanOutBench.java" "$GATEWAYS" "$HISTORY_PID" "$GATEWAY_PID" "${EVENTS:-20}" 1 100 2000 \
  | tee "$PRINTED"
stack_stop
commit="$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench/sse/RESULTS.md' || echo ' (with uncommitted changes)')"
{
  echo "# bench/sse results"
  echo
  echo "Measured at commit $commit on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores; bench client on core $BENCH_CPU, the"
  echo "whole system on core $SYSTEM_CPU; one gateway, one history instance."
  echo
  echo '```'
  cat "$PRINTED"
  echo '```'
} >"$ROOT/bench/sse/RESULTS.md"
