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


def multiclass_variants(rows, classes):
    """Value + gradient of the multi-class configurations that bench/harness/MulticlassRates.java times."""
    g = torch.Generator().manual_seed(42)
    x = (torch.rand(rows, classes, generator=g, dtype=torch.float64) * 12 - 6).requires_grad_()
    y = torch.randint(0, classes, (rows,), generator=g)
    q = torch.softmax(torch.rand(rows, classes, generator=g, dtype=torch.float64) * 4 - 2, dim=1)
    p = torch.softmax(x.detach(), dim=1).requires_grad_()

    def focal():  # torchvision-style, in torch ops: -(1 - p_y)^gamma log p_y, gamma = 2, alpha = 1
        log_p = F.log_softmax(x, dim=1).gather(1, y.unsqueeze(1)).squeeze(1)
        return (-(1 - log_p.exp()).pow(2.0) * log_p).mean()

    def on_probabilities():  # cross-entropy on probabilities: clamped log, as Keras
        return F.nll_loss(p.clamp(1e-7, 1 - 1e-7).log(), y)

    cases = {
        "smoothing": (x, lambda: F.cross_entropy(x, y, label_smoothing=0.1)),
        "distribution": (x, lambda: F.cross_entropy(x, q)),
        "focal": (x, focal),
        "probabilities": (p, on_probabilities),
    }

    def step(leaf, loss):
        def run():
            leaf.grad = None
            loss().backward()
        return run
    return {name: step(leaf, loss) for name, (leaf, loss) in cases.items()}


def main():
    threads = [int(t) for t in sys.argv[1:]] or [1, 2]
    print(f"torch {torch.__version__}")
    for t in threads:
        torch.set_num_threads(t)
        s = median_seconds(bce(10_000_000))
        print(f"threads={t} bce_with_logits N=1e7: {s * 1e3:.1f} ms, {1e7 / s / 1e6:.1f} M elements/s")
        s = median_seconds(cce(1_000_000, 10))
        print(f"threads={t} cross_entropy 1e6x10: {s * 1e3:.1f} ms, {1e7 / s / 1e6:.1f} M elements/s")
        for name, step in multiclass_variants(1_000_000, 10).items():
            s = median_seconds(step, runs=7)
            print(f"threads={t} {name} 1e6x10: {s * 1e3:.1f} ms, {1e7 / s / 1e6:.1f} M elements/s")


if __name__ == "__main__":
    main()
