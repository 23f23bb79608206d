#!/usr/bin/env bash
# Builds the service image: the Linux x86-64 distribution with Maven, then the image from it.
#   deploy/scripts/build-image.sh [cpu|gpu] [extra build args]
# ENGINE: docker (default, BuildKit) or podman. BASE_IMAGE: the CPU image's base, if not the Dockerfile's default
# (e.g. the image deploy/scripts/debian-base.sh makes).
set -euo pipefail
cd "$(dirname "$0")/../.."
variant="${1:-cpu}"
shift || true
version=0.1.0
engine="${ENGINE:-docker}"
tag="text2pose:${version}"
base=()
if [ -n "${BASE_IMAGE:-}" ]; then base=(--build-arg "BASE_IMAGE=${BASE_IMAGE}"); fi
if [ "$variant" = gpu ]; then
  tag="${tag}-gpu"
  DOCKER_BUILDKIT=1 "$engine" build -f deploy/cuda-base.Dockerfile -t "text2pose-cuda-base:${version}" deploy
  base=(--build-arg "BASE_IMAGE=text2pose-cuda-base:${version}")
fi
nice -n 10 ./mvnw -B -q -pl serving/dist -am package -DskipTests
DOCKER_BUILDKIT=1 nice -n 10 "$engine" build -f deploy/Dockerfile "${base[@]}" -t "$tag" "$@" .
echo "Built $tag"
