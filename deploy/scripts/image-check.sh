#!/usr/bin/env bash
# Builds the image with podman from Debian's packages alone and runs it for real: one Kafka broker (from the image's
# own jars) and two service containers in one group. Sends captions, checks that both containers serve, then stops
# one while it serves and checks that every request still gets its pose. Not part of the tests.
#   deploy/scripts/image-check.sh            (as root, on Debian 12; about 10 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/../.."
image=localhost/text2pose:0.1.0 base=localhost/text2pose-base:bookworm broker=127.0.0.1:19092
# Debian's runc, and rlimits podman may set: crun and the default rlimits fail where root lacks CAP_SYS_RESOURCE.
run=(podman --runtime runc run --network host --ulimit nofile=20000:20000 --ulimit nproc=4096:4096)
work="$(mktemp -d)"
stop_all() { podman rm -f -t 5 t2p-broker t2p-a t2p-b >/dev/null 2>&1 || true; }
trap 'stop_all; rm -rf "$work"' EXIT
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
within() { local end=$((SECONDS + $1)); shift; until "$@"; do [ $SECONDS -lt $end ] || { echo "timed out: $*";
  podman logs --tail 30 t2p-a t2p-b 2>&1 | tail -60; return 1; }; sleep 1; done; }

dpkg -s podman runc debootstrap curl >/dev/null 2>&1 || { apt-get update -q \
  && DEBIAN_FRONTEND=noninteractive apt-get install -y -q podman runc debootstrap curl; }
deploy/scripts/debian-base.sh "$base"
BASE_IMAGE="$base" ENGINE=podman deploy/scripts/build-image.sh
stop_all

# One KRaft broker, broker and controller in one JVM, from the Kafka jars the image carries for its embedded mode.
mkdir -p "$work/broker" && chown 10001:10001 "$work/broker" && cp deploy/scripts/broker.properties "$work/broker/"
"${run[@]}" -d --name t2p-broker -v "$work/broker:/broker" --entrypoint bash "$image" -c 'cp="/app/lib/*"
  java -cp "$cp" kafka.tools.StorageTool format -t "$(java -cp "$cp" kafka.tools.StorageTool random-uuid)" \
    -c /broker/broker.properties && exec java -Xmx512m -cp "$cp" kafka.Kafka /broker/broker.properties' >/dev/null
within 120 port_open 19092

for name in a b; do
  port=$([ $name = a ] && echo 18081 || echo 18082)
  "${run[@]}" -d --name "t2p-$name" -e TEXT2POSE_BOOTSTRAP_SERVERS="$broker" -e TEXT2POSE_HTTP_HOST=127.0.0.1 \
    -e TEXT2POSE_HTTP_PORT=$port -e TEXT2POSE_INSTANCE_ID="t2p-$name" -e TEXT2POSE_PROVIDER=CPU \
    -e TEXT2POSE_THREADS=1 -e TEXT2POSE_VIEWER=false "$image" run >/dev/null
done
within 300 curl -sf http://127.0.0.1:18081/health/ready -o /dev/null
within 300 curl -sf http://127.0.0.1:18082/health/ready -o /dev/null
sleep 10 # the group's rebalance settles, so both members hold partitions

served() { curl -sf "http://127.0.0.1:$1/metrics" | awk '/^text2pose_poses_published_total/ {s += $NF} END {print s + 0}'; }
a_serving() { [ "$(served 18081)" -gt "$1" ]; }
both_served() { [ $(( $(served 18081) + $(served 18082) )) -ge "$1" ]; }
send() { seq "$1" "$2" | sed 's/^/a person waving both arms, caption /' | "${run[@]}" -i --rm \
  -e TEXT2POSE_BOOTSTRAP_SERVERS="$broker" "$image" produce 2>/dev/null | cut -f1 >> "$work/sent"; }

send 1 300
within 300 both_served 300
a1="$(served 18081)" b1="$(served 18082)"

# Phase 2: t2p-a stops (SIGTERM, as an orchestrator stops it) while it is serving; t2p-b takes its partitions over.
send 301 1500 & sender=$!
within 120 a_serving $((a1 + 20))
podman stop -t 60 t2p-a >/dev/null & stopper=$!
a2="$a1"
while a="$(served 18081)" && [ "$a" -gt 0 ]; do a2="$a"; sleep 0.2; done
wait "$sender" "$stopper"
"${run[@]}" --rm -e TEXT2POSE_BOOTSTRAP_SERVERS="$broker" "$image" subscribe --from-beginning --idle-timeout 30 \
  2>/dev/null | grep -o '"requestId":"[^"]*"' | cut -d'"' -f4 | grep -Fxf "$work/sent" > "$work/answered" || true
b2="$(served 18082)"
sent="$(sort -u "$work/sent" | wc -l)" answered="$(sort -u "$work/answered" | wc -l)" poses="$(wc -l < "$work/answered")"

echo "image $image: $(podman images --format '{{.Size}}' "$image") (base $base: $(podman images --format '{{.Size}}' "$base"))"
echo "phase 1, 300 captions, both running: t2p-a served $a1, t2p-b served $b1"
echo "phase 2, 1200 captions, t2p-a stopped once it had served 20 of them: t2p-a served $((a2 - a1)) (its counter" \
  "when last read), t2p-b served $((b2 - b1))"
echo "requests sent $sent, answered $answered, missing $((sent - answered)), poses read $poses"
if [ "$a1" -gt 0 ] && [ "$b1" -gt 0 ] && [ "$answered" = "$sent" ]; then
  echo "PASS: both containers served, and stopping one lost nothing"
else
  echo "FAIL"; exit 1
fi
