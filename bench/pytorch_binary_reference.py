#!/usr/bin/env python3
"""PyTorch CPU reference for issue 16's binary configurations: float64 value + gradient, N = 1e7.

BCE with logits, BCE on probabilities (F.binary_cross_entropy), and binary focal loss (gamma 2, no
alpha, mean) written in torch ops as torchvision's sigmoid_focal_loss does, on logits and on
probabilities (clamped to [1e-7, 1 - 1e-7] as xent and Keras do). Median of 7 runs after a warm-up.
Optional: only for BENCHMARKS.md's side-by-side comparison (Debian's python3-torch); xent never needs it.
Usage: python3 bench/pytorch_binary_reference.py [threads ...]
"""
import sys

import torch
import torch.nn.functional as F

from pytorch_reference import median_seconds  # the same timing rule as the other reference script

N = 10_000_000


def inputs(probabilities):
    g = torch.Generator().manual_seed(42)
    x = torch.rand(N, generator=g, dtype=torch.float64) * 12 - 6
    if probabilities:
        x = torch.sigmoid(x)
    y = torch.randint(0, 2, (N,), generator=g).to(torch.float64)
    return x.requires_grad_(), y


def step(x, loss):
    def run():
        x.grad = None
        loss().backward()
    return run


def bce_logits():
    x, y = inputs(False)
    return step(x, lambda: F.binary_cross_entropy_with_logits(x, y))


def bce_probabilities():
    x, y = inputs(True)
    return step(x, lambda: F.binary_cross_entropy(x, y))


def focal_logits(gamma=2.0):
    x, y = inputs(False)

    def loss():  # torchvision.ops.sigmoid_focal_loss without alpha, reduction mean
        p = torch.sigmoid(x)
        ce = F.binary_cross_entropy_with_logits(x, y, reduction="none")
        p_t = p * y + (1 - p) * (1 - y)
        return (ce * (1 - p_t) ** gamma).mean()
    return step(x, loss)


def focal_probabilities(gamma=2.0, eps=1e-7):
    x, y = inputs(True)

    def loss():
        p = x.clamp(eps, 1 - eps)
        ce = F.binary_cross_entropy(p, y, reduction="none")
        p_t = p * y + (1 - p) * (1 - y)
        return (ce * (1 - p_t) ** gamma).mean()
    return step(x, loss)


def main():
    threads = [int(t) for t in sys.argv[1:]] or [2]
    print(f"torch {torch.__version__}")
    for t in threads:
        torch.set_num_threads(t)
        for name, make in [("bce_with_logits", bce_logits), ("bce_probabilities", bce_probabilities),
                           ("focal_logits", focal_logits), ("focal_probabilities", focal_probabilities)]:
            s = median_seconds(make(), runs=7)
            print(f"threads={t} {name} N=1e7: {s * 1e3:.1f} ms, {N / s / 1e6:.1f} M elements/s")


if __name__ == "__main__":
    main()
