#!/usr/bin/env bash
# Makes a base image from Debian's packages alone, for engines that cannot pull from a registry:
# Debian 12 (bookworm, minbase) with openjdk-17-jre-headless, built by debootstrap and imported into podman.
#   deploy/scripts/debian-base.sh [image name]      (as root; default localhost/text2pose-base:bookworm)
# Then: BASE_IMAGE=localhost/text2pose-base:bookworm ENGINE=podman deploy/scripts/build-image.sh
set -euo pipefail
image="${1:-localhost/text2pose-base:bookworm}"
mirror="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
if podman image exists "$image"; then
  echo "Base image $image exists"
  exit 0
fi
rootfs="$(mktemp -d)"
trap 'rm -rf "$rootfs"' EXIT
nice -n 10 debootstrap --variant=minbase --include=openjdk-17-jre-headless,passwd bookworm "$rootfs" "$mirror"
# Package caches, lists and documentation are not needed to run Java: about 190 MB.
rm -rf "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
  "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/*
tar -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$image"
echo "Built base image $image"
