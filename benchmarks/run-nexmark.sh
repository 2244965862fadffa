#!/usr/bin/env bash
# Runs the Nexmark harness (dev.sluice.benchmarks.nexmark.NexmarkHarness) with the benchmark JVM
# flags. Arguments go to the harness: --events N --partitions P --runs R --warmup W
# --queries q0,q1,q2,q1df --chunk ROWS --variants sluice,hand.
#
# Streaming aggregation (GROUP BY MOD(auction, 10000 | 1000000), update mode, one micro-batch and
# a stream of equal batches, then a state report: heap, disk, state load, restart):
#   benchmarks/run-nexmark.sh --queries agg [--agg10k-events N] [--agg1m-events N] [--restarts N]
#
# Event-time windows (append mode over a watermarked date_time: q7agg = MAX(price) per TUMBLE
# 10 s, tumble / hop = bids per auction per TUMBLE 10 s / HOP 10 s sliding by 2 s, q5max = the
# highest hop count per window; each as one batch and as a _stream of equal batches):
#   benchmarks/run-nexmark.sh --queries windows [--window-events N]
#
# Environment: SKIP_BUILD=1 skips packaging the module; JAVA_OPTS adds JVM options (for example
# -XX:StartFlightRecording=duration=60s,filename=nexmark.jfr or -Xmx4g).
#
# Every Maven call and the benchmark JVM itself take /tmp/sluice-mvn.lock, so no build runs
# alongside a measurement (the timings would be meaningless on a 2-core machine).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
lock=/tmp/sluice-mvn.lock

cd "$root"
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  flock "$lock" mvn -q -o -pl benchmarks package
fi
flock "$lock" mvn -q -o -pl benchmarks dependency:build-classpath \
  -Dmdep.outputFile=target/classpath.txt
classpath="$here/target/classes:$(cat "$here/target/classpath.txt")"

flags=(
  --add-opens=java.base/java.nio=ALL-UNNAMED
  -Darrow.enable_unsafe_memory_access=true
  -Darrow.enable_null_check_for_get=false
  -Xms2g -Xmx2g
)
# shellcheck disable=SC2086
exec flock "$lock" java "${flags[@]}" ${JAVA_OPTS:-} -cp "$classpath" \
  dev.sluice.benchmarks.nexmark.NexmarkHarness "$@"
