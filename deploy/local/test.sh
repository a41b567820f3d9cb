#!/usr/bin/env bash
# Runs the whole test suite. One set of infrastructure (embedded PostgreSQL, Redis and one KRaft Kafka broker) is
# started for the run and shared by every module's tests; it is stopped when the run ends, pass or fail.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export MAVEN_OPTS="${MAVEN_OPTS:--Xmx768m}"

./mvnw -B -q -pl deploy/local -am install -DskipTests

RUN_DIR="$ROOT/target/test-infra"
rm -rf "$RUN_DIR"
mkdir -p "$RUN_DIR"
ENV_FILE="$RUN_DIR/endpoints.env"
TS_WORK_DIR="$RUN_DIR/data" java -Xmx384m -jar deploy/local/target/local-stack.jar --infra-only "$ENV_FILE" \
  >"$RUN_DIR/infra.log" 2>&1 &
INFRA_PID=$!
stop_infra() {
  kill "$INFRA_PID" 2>/dev/null || true
  wait "$INFRA_PID" 2>/dev/null || true
}
trap stop_infra EXIT

deadline=$((SECONDS + 120))
until [ -f "$ENV_FILE" ]; do
  if ! kill -0 "$INFRA_PID" 2>/dev/null || [ "$SECONDS" -ge "$deadline" ]; then
    echo "test infrastructure did not start:" >&2
    cat "$RUN_DIR/infra.log" >&2
    exit 1
  fi
  sleep 0.2
done
# shellcheck disable=SC1090
source "$ENV_FILE"
echo "shared test infrastructure: postgres $POSTGRES_HOST:$POSTGRES_PORT, redis $REDIS_HOST:$REDIS_PORT, kafka $KAFKA_BOOTSTRAP_SERVERS"

./mvnw -B verify "$@"

# Container images, built without a Docker daemon (Jib): at least the solver's, with Chromium, into target/images.
bash deploy/images/build.sh solver
