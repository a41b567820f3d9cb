#!/usr/bin/env bash
# Key-change propagation: time from the DELETE (or PATCH isActive=false) answering to the first 401/403 at each of
# two gateway instances, over N trials (default 60). Baseline in the same run: the round trip of one unchanged probe,
# the resolution of the measurement. Goal: p99 <= 1000 ms at every instance.
set -euo pipefail
TS_GATEWAY_INSTANCES=2
export TS_GATEWAY_INSTANCES
source "$(dirname "$0")/../lib/stack.sh"
# Compiled, not run as a source file: the source launcher hides an exception thrown with a short stack trace
# (its own "IllegalArgumentException: 0 > -3" instead of the bench's error).
CLASSES="$(mktemp -d)"
javac -d "$CLASSES" "$ROOT/bench/keys/KeyPropagationBench.java"
java -cp "$CLASSES" KeyPropagationBench "${TRIALS:-60}" $GATEWAYS
