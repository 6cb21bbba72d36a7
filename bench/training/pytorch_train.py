#!/usr/bin/env python3
"""The PyTorch side of BENCHMARKS.md's training benchmark (issue 19): the plain minibatch loop.

float64, data standardized first (mean and population standard deviation of each column, as xent
does), then per epoch `randperm`, index a batch, `cross_entropy` (mean), `backward`, `step`; Adam with
learning rate 0.01; a linear model (softmax regression) or an MLP with tanh hidden layers. Reading
the CSV is not timed, as xent's "N epochs in X s" line does not count it. Prints one line:
"pytorch: <model> batch <b>, <epochs> epochs in <s> s".

Usage: python3 bench/training/pytorch_train.py DATA.csv --model linear|mlp [--hidden 128]
       [--batch 256] [--epochs 20] [--threads 2] [--seed 0]
Optional (Debian's python3-torch, pandas); xent never needs it.
"""
import argparse
import time

import pandas as pd
import torch
import torch.nn.functional as F


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data")
    parser.add_argument("--model", choices=["linear", "mlp"], required=True)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--batch", type=int, default=256)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    table = pd.read_csv(args.data)
    y = torch.tensor(table.pop("label").to_numpy(), dtype=torch.long)
    x = torch.tensor(table.to_numpy(), dtype=torch.float64)
    x = (x - x.mean(dim=0)) / x.std(dim=0, unbiased=False)
    classes = int(y.max()) + 1

    if args.model == "linear":
        model = torch.nn.Linear(x.shape[1], classes)
    else:
        model = torch.nn.Sequential(torch.nn.Linear(x.shape[1], args.hidden), torch.nn.Tanh(),
                                    torch.nn.Linear(args.hidden, classes))
    model = model.double()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)

    rows = x.shape[0]
    start = time.perf_counter()
    for _ in range(args.epochs):
        order = torch.randperm(rows)
        for first in range(0, rows, args.batch):
            index = order[first:first + args.batch]
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x[index]), y[index])
            loss.backward()
            optimizer.step()
    seconds = time.perf_counter() - start
    print(f"pytorch: {args.model} batch {args.batch}, {args.epochs} epochs in {seconds:.2f} s"
          f" (last batch loss {loss.item():.6f})")


if __name__ == "__main__":
    main()
