#!/usr/bin/env bash
# Runs the serving benchmark with the service's own threads (its pipeline loop and its inference thread) on one core
# and every other thread of the benchmark and its broker JVM on the rest, re-pinning new threads twice a second.
# Usage: serving/bench/pin-service.sh SERVICE_CORE OTHER_CORES -- java ... ServingBenchmark [options]
set -euo pipefail
service_core=$1 other_cores=$2
shift 3
"$@" &
bench=$!
pin() { # pin every thread of process $1: the service's to the service core, the rest to the others
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      text2pose-pipel*|text2pose-infer*) cores=$service_core ;;
      *) cores=$other_cores ;;
    esac
    taskset -p -c "$cores" "${task##*/}" >/dev/null 2>&1 || true # a thread may end between listing and pinning
  done
}
while kill -0 "$bench" 2>/dev/null; do
  for pid in "$bench" $(pgrep -P "$bench" || true); do pin "$pid"; done
  sleep 0.5
done
wait "$bench"
