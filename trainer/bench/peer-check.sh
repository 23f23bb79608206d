#!/usr/bin/env bash
# Peer check: times the trainer's critic and generator steps (stage cond, batch 64) from Java (StepBenchmark, JavaCPP
# libtorch) and the same steps in PyTorch from Debian's python3-torch (peer_check.py), interleaved java, python,
# java, ... at one thread count, and prints median ms per step and the Java/Python ratio (target <= 1.05).
# Not a test and not part of ./mvnw verify. Needs `apt-get install python3-torch` and compiled test classes
# (./mvnw -B -q -pl trainer -am install -DskipTests); it compiles them itself only when they are missing.
#   trainer/bench/peer-check.sh [--threads 1|2] [--warmup 3] [--steps 10] [--rounds 1]
# Each round is one java and one python run, and a last java run closes the sequence.
# Debian's torch is 1.13, whose transposed convolutions bypass oneDNN; peer_check.py's docstring has the caveat.
set -euo pipefail
cd "$(dirname "$0")/../.."
threads=1 warmup=3 steps=10 rounds=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads|--warmup|--steps|--rounds) declare "${1#--}=$2"; shift 2 ;;
    *) echo "usage: $0 [--threads N] [--warmup K] [--steps N] [--rounds R]" >&2; exit 2 ;;
  esac
done
bench=trainer/target/test-classes/dev/text2pose/trainer/train/StepBenchmark.class
if [[ ! -f $bench || ! -f trainer/target/cp.txt ]]; then
  ./mvnw -B -q -o -pl trainer test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
fi
# A private copy of the classes, so a rebuild elsewhere in the tree cannot pull them away mid-run.
work=$(mktemp -d) && trap 'rm -rf "$work"' EXIT
cp -r trainer/target/classes "$work/classes" && cp -r trainer/target/test-classes "$work/test-classes"
args=(--threads "$threads" --warmup "$warmup" --steps "$steps")
java_run() { java -Xmx3g -cp "$work/test-classes:$work/classes:$(cat trainer/target/cp.txt)" \
  dev.text2pose.trainer.train.StepBenchmark "${args[@]}" | grep '^peer=' | tee -a "$work/runs"; }
python_run() { /usr/bin/python3 trainer/bench/peer_check.py "${args[@]}" | tee -a "$work/runs"; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores; python3-torch" \
  "$(dpkg-query -W -f='${Version}' python3-torch)"
for _ in $(seq "$rounds"); do java_run; python_run; done
java_run
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 trainer/bench/peer_check.py --table "$work/runs"
