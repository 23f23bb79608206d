#!/usr/bin/env bash
# Builds the service image with Docker (BuildKit): deploy/scripts/build-image.sh [cpu|gpu] [extra docker args]
set -euo pipefail
cd "$(dirname "$0")/../.."
variant="${1:-cpu}"
shift || true
version=0.1.0
tag="text2pose:${version}"
if [ "$variant" = gpu ]; then tag="${tag}-gpu"; fi
DOCKER_BUILDKIT=1 docker build -f deploy/Dockerfile --build-arg VARIANT="$variant" -t "$tag" "$@" .
echo "Built $tag"
