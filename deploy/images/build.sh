#!/usr/bin/env bash
# Builds container images with Quarkus's Jib integration, without a Docker daemon, into image archives under
# target/images (docker-archive format: `docker load -i`, `skopeo copy docker-archive:...`, `kind load image-archive`).
#   1. the solver's base, from Debian's packages (debootstrap): Java 17, Chromium, tini;
#   2. each service's image, Jib pushing to a private registry on loopback (Debian's docker-registry);
#   3. skopeo copies each image from there into its archive, and the script checks what the image holds.
# Usage: deploy/images/build.sh [service ...]   (default: solver). Services other than the solver use the base in
# their quarkus.jib.base-jvm-image (a registry image), so they need that registry reachable.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/images"
SUITE=bookworm
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
SOLVER_BASE_PACKAGES=openjdk-17-jre-headless,chromium,tini,ca-certificates,fonts-liberation,dbus-x11
VERSION="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' pom.xml | head -1)"
SERVICES=("${@:-solver}")
mkdir -p "$OUT"

missing=()
for tool in debootstrap docker-registry skopeo; do command -v "$tool" >/dev/null || missing+=("$tool"); done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]} (apt-get)..."
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap docker-registry skopeo >/dev/null
fi

if [ ! -f "$OUT/solver-base.tar" ]; then
  echo "building the solver base (Debian $SUITE: $SOLVER_BASE_PACKAGES)..."
  rootfs="$OUT/solver-base-rootfs"
  rm -rf "$rootfs"
  debootstrap --variant=minbase --include="$SOLVER_BASE_PACKAGES" "$SUITE" "$rootfs" "$MIRROR" >"$OUT/debootstrap.log" 2>&1 \
    || { tail -30 "$OUT/debootstrap.log" >&2; exit 1; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/debootstrap
  python3 deploy/images/base-image.py "$rootfs" "$OUT/solver-base.tar" tokensniped/solver-base:$SUITE
  rm -rf "$rootfs"
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
registry="127.0.0.1:$port"
cat >"$OUT/registry.yml" <<YAML
version: 0.1
storage:
  filesystem:
    rootdirectory: $OUT/registry
http:
  addr: $registry
YAML
docker-registry serve "$OUT/registry.yml" >"$OUT/registry.log" 2>&1 &
REGISTRY_PID=$!
# The registry is only a way station: the archives are the output.
trap 'kill "$REGISTRY_PID" 2>/dev/null || true; rm -rf "$OUT/registry"' EXIT
for _ in $(seq 100); do curl -sf "http://$registry/v2/" >/dev/null && break; sleep 0.1; done

for service in "${SERVICES[@]}"; do
  module="$service-service"
  extra=()
  [ "$service" = solver ] && extra=(-Dquarkus.jib.base-jvm-image="tar://$OUT/solver-base.tar")
  echo "building $module's image with Jib..."
  ./mvnw -B -q -pl "$module" -am package -DskipTests -Dquarkus.container-image.build=true \
    -Dquarkus.container-image.push=true -Dquarkus.container-image.registry="$registry" \
    -Dquarkus.container-image.insecure=true "${extra[@]}"
  archive="$OUT/$module.tar"
  rm -f "$archive"
  skopeo copy -q --src-tls-verify=false "docker://$registry/tokensniped/$module:$VERSION" \
    "docker-archive:$archive:tokensniped/$module:$VERSION"
  config="$(skopeo inspect --config "docker-archive:$archive")"
  echo "$module: $archive ($(du -h "$archive" | cut -f1)), entrypoint $(python3 -c 'import json,sys; c=json.load(sys.stdin)["config"]; print(c.get("Entrypoint"), "user", c.get("User"))' <<<"$config")"
done

if [[ " ${SERVICES[*]} " == *" solver "* ]]; then
  # The solver image must hold Chromium, tini (PID 1) and the application.
  contents="$(python3 - "$OUT/solver-service.tar" <<'PY'
import json, sys, tarfile
with tarfile.open(sys.argv[1]) as image:
    manifest = json.load(image.extractfile("manifest.json"))[0]
    for layer in manifest["Layers"]:
        with tarfile.open(fileobj=image.extractfile(layer)) as files:
            for name in files.getnames():
                print(name.lstrip("./"))
PY
)"
  for required in usr/bin/chromium usr/bin/tini home/jboss/quarkus-run.jar; do
    grep -qx "$required" <<<"$contents" || { echo "the solver image lacks $required" >&2; exit 1; }
  done
  echo "solver image holds Chromium, tini and the application"
fi
