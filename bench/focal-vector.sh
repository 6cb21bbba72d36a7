#!/usr/bin/env bash
# Binary focal loss on logits (gamma 2, no alpha, mean, hard labels), value+gradient at 1e7 on 2 threads:
# the default vector kernel and the scalar one (JMH LossBenchmark, -p vector=false,true) interleaved with
# PyTorch's torchvision-style focal loss (bench/pytorch_binary_reference.py's focal_logits), rounds of each.
# Usage: bash bench/focal-vector.sh [rounds] [output file]   (after: mvn -B -o -q -pl bench -am package -DskipTests)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds="${1:-2}"
out="${2:-$root/bench/results/focal-vector.txt}"
mkdir -p "$(dirname "$out")"
{
    date -u; uptime
    for round in $(seq "$rounds"); do
        echo "--- round $round"
        java -jar "$root/bench/target/benchmarks.jar" 'LossBenchmark.analyticValueAndGradient$' \
            -p loss=binary_focal_cross_entropy -p size=10000000 -p threads=2 -p vector=false,true \
            -f 1 -wi 2 -i 3 -w 1 -r 2 2>&1 | grep -E '^LossBenchmark|^Benchmark'
        (cd "$root/bench" && python3 -c '
import pytorch_binary_reference as r, torch
torch.set_num_threads(2)
s = r.median_seconds(r.focal_logits(), runs=5)
print(f"pytorch focal_logits threads=2 N=1e7: {s * 1e3:.1f} ms, {r.N / s / 1e6:.2f} M elements/s")')
    done
    date -u; uptime
} | tee "$out"
