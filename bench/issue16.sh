#!/usr/bin/env bash
# Issue 16's measurements in one session (about 12 minutes on the 2-core machine; run it quiet):
#  1. binary configurations: the CLI's bench task at 1e7, 2 threads, default (vector) and scalar kernels in
#     one JVM, BCE with logits without the module, and PyTorch (bench/binary-kernels.sh);
#  2. multi-class configurations at 1e6 x 10: bench/harness/MulticlassRates.java with the vector kernels
#     (the default when the module is present), with -Dxent.vector=false, and without the module;
#  3. the yardstick: a plain array pass (read two arrays, write one) at 1e7 on 1 and 2 threads (JMH);
#  4. the graph path against the default fused kernel at 1e7, 2 threads, all four losses (JMH);
#  5. PyTorch's multi-class cases (bench/pytorch_reference.py 2).
# Usage: bash bench/issue16.sh [output folder]   (after: mvn -B -o -q -pl bench -am package -DskipTests)
# PYTHON: a python3 with torch (default python3; here Debian's /usr/bin/python3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/bench/results}"
mkdir -p "$out"
cd "$root"
jar=bench/target/benchmarks.jar
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
javac -cp "$jar" -d "$classes" bench/harness/MulticlassRates.java
rates() { # java options...
    java -Xmx3g -Dxent.threads=2 "$@" -cp "$jar:$classes" MulticlassRates 3 9 index smoothing distribution focal probabilities
}
{
    date -u; uptime
    echo "=== 1. binary configurations"
    bash bench/binary-kernels.sh "$classes"
    echo "=== 2. multi-class configurations: vector (default with the module), scalar, without the module"
    rates --add-modules jdk.incubator.vector
    rates --add-modules jdk.incubator.vector -Dxent.vector=false
    rates
    echo "=== 3. plain array pass, 1e7"
    java -jar "$jar" 'LossBenchmark.plainArrayPassOnThreads' -p loss=binary_cross_entropy -p size=10000000 \
        -p threads=1,2 -f 1 -wi 2 -i 5 -w 1 -r 1 | grep -E '^(Benchmark|LossBenchmark)'
    echo "=== 4. graph path against the default fused kernel, 1e7, 2 threads"
    java -jar "$jar" 'LossBenchmark.(analytic|autodiff)ValueAndGradient$' -p size=10000000 -p threads=2 \
        -p vector=true -f 1 -wi 4 -i 5 -w 1 -r 1 | grep -E '^(Benchmark|LossBenchmark)'
    echo "=== 5. PyTorch, multi-class"
    "${PYTHON:-python3}" bench/pytorch_reference.py 2
    date -u; uptime
} 2>&1 | tee "$out/issue16.txt"
