#!/usr/bin/env bash
# Builds TokenSniped and starts the whole system on this machine: embedded PostgreSQL, Redis and a KRaft Kafka
# broker, the challenge lab, and the five services. Prints the URL, a demo account and API key; Ctrl-C stops all.
# Point it at servers that already run with TS_POSTGRES / TS_REDIS / TS_KAFKA=host:port (see docs/operations.md).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
bash deploy/local/install-prerequisites.sh
echo "building (first run downloads dependencies; later runs take about a minute)..."
./mvnw -B -q -DskipTests install
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
# exec: Ctrl-C reaches the launcher, whose shutdown hook stops every service, Chromium and the infrastructure.
exec java -Xmx512m -Dtokensniped.root="$ROOT" -jar deploy/local/target/local-stack.jar
