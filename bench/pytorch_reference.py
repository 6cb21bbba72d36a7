#!/usr/bin/env python3
"""PyTorch CPU reference for BENCHMARKS.md: float64 value + gradient, median of 15 runs.

Optional: only for the side-by-side comparison (Debian's python3-torch). xent itself never needs it.
Usage: python3 bench/pytorch_reference.py [threads ...]
"""
import statistics
import sys
import time

import torch
import torch.nn.functional as F


def median_seconds(fn, runs=15):
    fn()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bce(n):
    g = torch.Generator().manual_seed(42)
    x = (torch.rand(n, generator=g, dtype=torch.float64) * 12 - 6).requires_grad_()
    y = torch.randint(0, 2, (n,), generator=g).to(torch.float64)

    def step():
        x.grad = None
        F.binary_cross_entropy_with_logits(x, y).backward()
    return step


def cce(rows, classes):
    g = torch.Generator().manual_seed(42)
    x = (torch.rand(rows, classes, generator=g, dtype=torch.float64) * 12 - 6).requires_grad_()
    y = torch.randint(0, classes, (rows,), generator=g)

    def step():
        x.grad = None
        F.cross_entropy(x, y).backward()
    return step


def main():
    threads = [int(t) for t in sys.argv[1:]] or [1, 2]
    print(f"torch {torch.__version__}")
    for t in threads:
        torch.set_num_threads(t)
        s = median_seconds(bce(10_000_000))
        print(f"threads={t} bce_with_logits N=1e7: {s * 1e3:.1f} ms, {1e7 / s / 1e6:.1f} M elements/s")
        s = median_seconds(cce(1_000_000, 10))
        print(f"threads={t} cross_entropy 1e6x10: {s * 1e3:.1f} ms, {1e7 / s / 1e6:.1f} M elements/s")


if __name__ == "__main__":
    main()
