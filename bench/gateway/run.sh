#!/usr/bin/env bash
# Gateway admission at wire speed. The baseline, in the same run: a bare route of the gateway (GET /api/bench/bare,
# 204 through the same HTTP server and filters; it exists only when the bench turns it on). Phases: bare, /api/health,
# async test admission, sync test admission, async live admission (in-flight slot and credit hold; a stand-in member
# of the solvers' group ends each live solve at once, so no browser runs). For each: saturation throughput (closed
# loop, CONNECTIONS connections) and p50/p99/p99.9 at half of it (open loop, evenly spaced arrivals, latency from
# each request's due time), errors and non-2xx counted, CPU seconds of every process.
# Each phase is warmed until the JIT compiler threads of the system's JVMs use < 5 % of a core over a 2 s round (at
# most 90 s more; printed), so what is measured is steady state, not compilation. A phase that does not count prints
# what its failures said.
# The load generator runs pinned to one core (LOAD_CPU, 0), the system to the other (SYSTEM_CPU, 1).
# Measured twice: with only what admission needs (keys, billing, one gateway) and with the whole system.
# Goals (printed MET / NOT MET): async test >= 0.5 x bare (whole system: >= 0.1 x), async live >= 0.25 x bare,
# p99 <= 5 ms at half saturation, zero errors, consumer lag back to 0 within 10 s. Writes bench/gateway/RESULTS.md;
# a JFR recording of the gateway during a further, unmeasured async-test saturation run becomes
# results/flame-async-test.svg.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
RESULTS="$ROOT/bench/gateway/results"
mkdir -p "$RESULTS"
LOAD_CPU="${LOAD_CPU:-0}"
SYSTEM_CPU="${SYSTEM_CPU:-1}"
PROFILE_PHASE="${PROFILE_PHASE:-async-test}"
# Bench-only settings of this run's services: the bare route; enough daily credits that live admission never runs
# dry; a solver fleet large enough that one stand-in member's share does not cap the bench's accounts.
export TOKENSNIPED_BENCH_BARE_ROUTE=true
export TOKENSNIPED_DAILY_CREDITS_AMOUNT=100000
export TOKENSNIPED_CAPACITY_CONTEXTS_PER_SOLVER=100000
export STACK_CPUS="$SYSTEM_CPU"

measure() {
  local configuration="$1" services="$2" phases="$3"
  export TS_SERVICES="$services" TS_GATEWAY_INSTANCES=1
  # shellcheck disable=SC1091
  source "$ROOT/bench/lib/stack.sh"
  export STACK_SKIP_BUILD=1
  local gateway_pid kafka
  gateway_pid="$(pgrep -P "$STACK_PID" -f 'gateway-service/target/quarkus-app/quarkus-run.jar' | head -1)"
  kafka="$(grep -oh "connected to Kafka brokers '[^']*'" "$BENCH_DIR/run/logs/gateway-service.log" | head -1 | cut -d"'" -f2 || true)"
  [ -n "$kafka" ] || { echo "could not find the Kafka address in the gateway's log" >&2; exit 1; }
  local login
  login="$(sed -n 's/.*demo account: *//p' "$OUT" | head -1)"
  taskset -c "$LOAD_CPU" java -Xmx512m -cp "$ROOT/gateway-service/target/quarkus-app/lib/main/*" \
    -Dbench.connections="${CONNECTIONS:-64}" -Dbench.rate="${RATE:-0}" -Dbench.gateway.pid="$gateway_pid" -Dbench.results="$RESULTS" -Dbench.profile.phase="$4" \
    "$ROOT/bench/gateway/LoadGenerator.java" "${GATEWAYS%% *}" "$login" "$LAB_URL" "$kafka" "$configuration" \
    "$RESULTS/$configuration.md" "$phases"
  stack_stop
}

# MINIMAL_PHASES / WHOLE_PHASES narrow a run to some phases, RATE fixes the latency runs' rate (bare stays first: every ratio is to it); WHOLE_PHASES=""
# skips the whole-system measurement.
measure "minimal (keys, billing, one gateway)" keys,billing "${MINIMAL_PHASES:-bare,health,async-test,sync-test,async-live}" "$PROFILE_PHASE"
# The whole system: live solves would drive real browsers here, so only the test phases run.
if [ -n "${WHOLE_PHASES-bare,health,async-test,sync-test}" ]; then
  measure "whole system" keys,solver,billing,history "${WHOLE_PHASES-bare,health,async-test,sync-test}" none
fi

# A narrowed run is a diagnosis, not the bench's figures: it is written beside them, not over them.
report="$ROOT/bench/gateway/RESULTS.md"
if [ -n "${MINIMAL_PHASES:-}" ] || [ -n "${WHOLE_PHASES+set}" ] || [ -n "${RATE:-}" ]; then
  report="$RESULTS/partial.md"
fi
flame=""
if [ -f "$RESULTS/gateway-$PROFILE_PHASE.jfr" ]; then
  flame="$(java "$ROOT/bench/lib/FlameGraph.java" "$RESULTS/gateway-$PROFILE_PHASE.jfr" "$RESULTS/flame-$PROFILE_PHASE")"
fi
commit="$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!bench/gateway/RESULTS.md' ':!bench/gateway/results' || echo ' (with uncommitted changes)')"
{
  echo "# bench/gateway results"
  echo
  echo "Measured at commit $commit on $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs));"
  echo "load generator on core $LOAD_CPU, the system on core $SYSTEM_CPU; ${CONNECTIONS:-64} connections for saturation."
  echo
  cat "$RESULTS/minimal (keys, billing, one gateway).md"
  echo
  if [ -n "${WHOLE_PHASES-bare,health,async-test,sync-test}" ]; then cat "$RESULTS/whole system.md"; fi
  if [ -n "$flame" ]; then
    echo
    echo "### Where the gateway's time goes (JFR, $PROFILE_PHASE saturation)"
    echo
    echo '```'
    echo "$flame"
    echo '```'
  fi
} >"$report"
cat "$report"
