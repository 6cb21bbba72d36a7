#!/usr/bin/env bash
# Issue 16's binary configurations side by side: the CLI's bench task (value+gradient at 1e7, 2 threads;
# the default vector kernels and the scalar ones in the same JVM, via ./xent, which adds the module), the
# same without the module (XENT_VECTOR=0, as plain java -jar), and PyTorch (bench/pytorch_binary_reference.py).
# Usage: bash bench/binary-kernels.sh [output folder]   (prints to stdout too; about 3 minutes)
# PYTHON: a python3 with torch (default python3).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/bench/results}"
mkdir -p "$out"
jobs="$(mktemp -d)"
trap 'rm -rf "$jobs"' EXIT
write_job() { # name loss from_logits
    printf '{"task": "bench", "loss": {"name": "%s", "params": {"from_logits": %s}}, "rows": 10000000, "threads": 2}\n' \
        "$2" "$3" > "$jobs/$1.json"
}
write_job bce-logits binary_cross_entropy true
write_job bce-probabilities binary_cross_entropy false
write_job focal-logits binary_focal_cross_entropy true
write_job focal-probabilities binary_focal_cross_entropy false
{
    date -u; uptime
    for job in bce-logits bce-probabilities focal-logits focal-probabilities; do
        "$root/xent" run "$jobs/$job.json" 2>&1
    done
    echo "--- without the module (XENT_VECTOR=0)"
    XENT_VECTOR=0 "$root/xent" run "$jobs/bce-logits.json"
    "${PYTHON:-python3}" "$root/bench/pytorch_binary_reference.py" 2
    date -u; uptime
} | tee "$out/binary-kernels.txt"
