#!/usr/bin/env python3
"""Writes the synthetic training workload of issue 19 (BENCHMARKS.md, "Training throughput") as a CSV.

200,000 rows x 50 features, 10 classes, seeded: the file depends only on the arguments. Features are
correlated Gaussians on different scales and offsets (so standardizing matters, as on real data); the
label is the most likely class of a random softmax "teacher" on the features plus Gumbel noise, so the
classes are learnable but not separable. Columns: f0..f49, then "label" (integers 0..9).

The file is generated at run time, never shipped (about 125 MB).
Usage: python3 bench/training/make_data.py OUT.csv [--rows 200000] [--features 50] [--classes 10] [--seed 19]
Needs numpy (a dependency of Debian's python3-torch).
"""
import argparse

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--features", type=int, default=50)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--seed", type=int, default=19)
    args = parser.parse_args()

    rng = np.random.default_rng(args.seed)
    mixing = rng.normal(size=(args.features, args.features)) / np.sqrt(args.features)
    latent = rng.normal(size=(args.rows, args.features))
    teacher = rng.normal(size=(args.features, args.classes))
    logits = latent @ teacher + rng.gumbel(size=(args.rows, args.classes))
    labels = logits.argmax(axis=1)
    scale = rng.uniform(0.1, 10.0, size=args.features)
    offset = rng.uniform(-5.0, 5.0, size=args.features)
    features = (latent @ mixing + latent) * scale + offset

    header = ",".join([f"f{j}" for j in range(args.features)] + ["label"])
    table = np.column_stack([features, labels])
    formats = ["%.10g"] * args.features + ["%d"]
    np.savetxt(args.out, table, delimiter=",", header=header, comments="", fmt=formats)


if __name__ == "__main__":
    main()
