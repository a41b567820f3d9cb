#!/usr/bin/env bash
# Key-change propagation: time from the DELETE (or PATCH isActive=false) answering to the first 401/403 at each of
# two gateway instances, over N trials (default 60). Baseline in the same run: the round trip of one unchanged probe,
# the resolution of the measurement. Goal: p99 <= 1000 ms at every instance.
set -euo pipefail
TS_GATEWAY_INSTANCES=2
export TS_GATEWAY_INSTANCES
source "$(dirname "$0")/../lib/stack.sh"
java "$ROOT/bench/keys/KeyPropagationBench.java" "${TRIALS:-60}" $GATEWAYS
